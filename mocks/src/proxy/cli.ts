// telcopay-mocks proxy <api> --upstream <url>: forwards a client's calls to the provider's
// sandbox, checks every one against the spec, and writes the report when stopped.
import { APIS, isApiName } from '../apis.js';
import { startError, stopOnSignals, strictArgs, usageError } from '../cli-errors.js';
import { startProxy } from './index.js';
import type { ConformanceReport } from './report.js';

const USAGE = [
  'Usage: telcopay-mocks proxy <api> --upstream <url> [options]',
  '',
  `APIs: ${APIS.join(', ')}`,
  '--upstream <url>             the provider (a sandbox), base path included',
  '--upstream-for <path>=<url>  another upstream for one spec path (a token host); repeatable',
  '--port <n>                   port on 127.0.0.1 (default: a free one)',
  '--report <file>              write the conformance report (JSON, and Markdown beside it)',
  '--record <dir>               keep the observed answers, redacted, as candidate examples',
].join('\n');

export async function runProxy(argv: string[]): Promise<void> {
  const parsed = strictArgs(
    argv,
    {
      upstream: { type: 'string' },
      'upstream-for': { type: 'string', multiple: true },
      port: { type: 'string' },
      report: { type: 'string' },
      record: { type: 'string' },
    },
    USAGE,
  );
  if (!parsed) return;
  const { values, positionals } = parsed;
  const [api, ...extra] = positionals;
  if (!api || extra.length > 0) usageError('Name exactly one API.', USAGE);
  if (!isApiName(api)) usageError(`Unknown API: ${api}. Known: ${APIS.join(', ')}`);
  if (!values.upstream) usageError('--upstream <url> is required.', USAGE);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    usageError(`Not a port: ${values.port}`);
  try {
    const proxy = await startProxy({
      api,
      upstream: values.upstream,
      upstreamByPath: Object.fromEntries((values['upstream-for'] ?? []).map(pathAndUrl)),
      port,
      ...(values.report ? { report: values.report } : {}),
      ...(values.record ? { record: values.record } : {}),
    });
    console.log(`${api} proxy ${proxy.url} → ${new URL(values.upstream).origin}`);
    console.log(
      'Give the client this URL as baseUrl; press Ctrl+C to stop (and write the report).',
    );
    const stop = async () => {
      await proxy.stop();
      console.log(summary(proxy.report(), values.report));
      process.exit(0);
    };
    stopOnSignals(stop);
  } catch (error) {
    startError(
      'proxy',
      error,
      'The port is taken: choose another --port, or leave it out for a free one.',
    );
  }
}

function pathAndUrl(option: string): [string, string] {
  const at = option.indexOf('=');
  if (at <= 0) usageError(`--upstream-for takes <spec path>=<url>, not ${option}`);
  return [option.slice(0, at), option.slice(at + 1)];
}

function summary({ summary: s }: ConformanceReport, file: string | undefined): string {
  const written = file ? ` Report: ${file} (and .md).` : '';
  return `${s.operationsSeen} operations seen, ${s.conforming} conforming, ${s.findings} findings; inferred: ${s.confirmed} confirmed, ${s.contradicted} contradicted.${written}`;
}
