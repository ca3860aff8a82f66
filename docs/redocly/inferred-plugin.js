import { operationBehaviour } from './behaviour.js';
import { mockServer } from './mock-server.js';
import { plainText } from './plain-text.js';
import { joinSoftBreaks } from './soft-breaks.js';

// A Redocly decorator for the docs site: makes every inference of a spec visible to readers.
// Inferred operations get an "Inferred" badge; every `x-inferred` description opens with a
// bold "⚠ Inferred:" flag (plain "⚠ Inferred:" where Redoc shows plain text: the servers and
// their variables). Used by `redocly build-docs` only (lint and the mocks skip it).
const BADGE = { name: 'Inferred', color: '#b45309' };

function flagDescription(node) {
  if (node?.['x-inferred'] !== true || typeof node.description !== 'string') return;
  node.description = node.description.replace(/^Inferred:\s*/, '**⚠ Inferred:** ');
}

/** A server's or server variable's description, which Redoc shows as plain text. */
function plainDescription(node) {
  if (typeof node?.description !== 'string') return;
  const flagged =
    node['x-inferred'] === true
      ? node.description.replace(/^(\*\*)?(⚠ )?Inferred:(\*\*)?\s*/, '⚠ Inferred: ')
      : node.description;
  node.description = plainText(flagged);
}

function badge(operation) {
  const badges = operation['x-badges'] ?? [];
  if (!badges.some((existing) => existing.name === BADGE.name))
    operation['x-badges'] = [...badges, BADGE];
}

function inferredBadges() {
  return {
    PathItem: {
      leave(pathItem) {
        if (pathItem['x-inferred'] !== true) return;
        for (const method of [
          'get',
          'put',
          'post',
          'delete',
          'patch',
          'head',
          'options',
          'trace',
        ]) {
          if (pathItem[method]) badge(pathItem[method]);
        }
      },
    },
    Operation: {
      leave(operation) {
        if (operation['x-inferred'] === true) badge(operation);
      },
    },
    Server: {
      leave(server) {
        plainDescription(server);
        for (const variable of Object.values(server.variables ?? {})) plainDescription(variable);
      },
    },
    any: {
      leave(node, context) {
        const type = context?.type?.name;
        if (type === 'Server' || type === 'ServerVariable' || type === 'ServerVariablesMap') return;
        flagDescription(node);
        if (typeof node?.description === 'string')
          node.description = joinSoftBreaks(node.description);
      },
    },
  };
}

export default function telcopayDocsPlugin() {
  return {
    id: 'telcopay',
    decorators: {
      oas3: {
        'inferred-badges': inferredBadges,
        'operation-behaviour': operationBehaviour,
        'mock-server': mockServer,
      },
    },
  };
}
