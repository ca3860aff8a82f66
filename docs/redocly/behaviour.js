// A Redocly decorator for the docs site: each operation shows how telcopay runs it, generated
// from its `x-telcopay` extension: the safety paragraph at the end of its description
// (safety.js) and the TypeScript sample of the telcopay call in `x-codeSamples` (code-sample.js).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { codeSample } from './code-sample.js';
import { safetyMarkdown } from './safety.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The name redocly.yaml gives the API whose root spec is the file `source`. */
function apiNameOf(source) {
  const { apis } = parse(readFileSync(resolve(root, 'redocly.yaml'), 'utf8'));
  const name = Object.keys(apis).find((api) => resolve(root, apis[api].root) === source);
  if (!name) throw new Error(`operation-behaviour: ${source} is no API of redocly.yaml`);
  return name;
}

export function operationBehaviour() {
  let api;
  return {
    Root: {
      enter(_root, ctx) {
        api = apiNameOf(ctx.location.source.absoluteRef);
      },
    },
    PathItem: {
      Operation: {
        leave(operation, ctx, parents) {
          const extension = operation['x-telcopay'];
          if (!extension) return; // the lint rule reports it
          const resolved = (node) => ctx.resolve(node).node;
          const safety = safetyMarkdown(extension);
          operation.description = operation.description
            ? `${operation.description.trimEnd()}\n\n${safety}`
            : safety;
          const parameters = [
            ...(parents.PathItem.parameters ?? []),
            ...(operation.parameters ?? []),
          ]
            .map(resolved)
            .map((parameter) => ({
              name: parameter.name,
              // The method input's field that holds it, when not its own name (x-telcopay.js).
              input: parameter['x-telcopay']?.input ?? parameter.name,
              in: parameter.in,
              required: parameter.required === true,
              example: parameterExample(parameter, resolved),
            }));
          operation['x-codeSamples'] = [
            ...(operation['x-codeSamples'] ?? []),
            codeSample(api, {
              method: extension.method,
              parameters,
              requestExamples: requestExamples(operation, resolved),
            }),
          ];
        },
      },
    },
  };
}

/** The values of a map of named examples (Example Objects or `$ref`s to them). */
function namedExamples(examples, resolved) {
  return Object.fromEntries(
    Object.entries(examples ?? {}).map(([name, example]) => [name, resolved(example).value]),
  );
}

/** A parameter's first example: its own, else its schema's; `undefined` when it has none. */
function parameterExample(parameter, resolved) {
  const schema = parameter.schema ? resolved(parameter.schema) : {};
  return (
    parameter.example ??
    Object.values(namedExamples(parameter.examples, resolved))[0] ??
    schema.example ??
    schema.examples?.[0]
  );
}

/** The named examples of the operation's request body (an unnamed `example` as `example`). */
function requestExamples(operation, resolved) {
  const requestBody = operation.requestBody ? resolved(operation.requestBody) : undefined;
  const media = Object.values(requestBody?.content ?? {})[0];
  if (media?.example !== undefined) return { example: media.example };
  return namedExamples(media?.examples, resolved);
}
