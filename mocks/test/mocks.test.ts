import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APIS, specPath, startMocks } from '@telcopay/mocks';
import { afterEach, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
});

/**
 * Starting Prism costs seconds of CPU: on a busy 2-core machine, with this package's other test
 * files and the whole test command running, far more. Generous, as the shared host's.
 */
const START_TIMEOUT_MS = 120_000;
const TEST_TIMEOUT_MS = 180_000;

/** How a connection to a server that is gone (or going) fails. */
const GONE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * Whether a server listens at `url`: any HTTP answer is yes, a refused or dropped connection is
 * no. A slow answer on a busy machine is waited for, never taken for "not there".
 */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    await response.body?.cancel();
    return true;
  } catch (error) {
    if (GONE.has((error as { cause?: { code?: string } }).cause?.code ?? '')) return false;
    throw error;
  }
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Lines a child process prints, until `until` matches (or it exits). */
function readUntil(child: ChildProcess, until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) resolve(output);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}

describe('startMocks', () => {
  it(
    'starts all five mocks on free ports, each answering its spec, and stops them',
    async () => {
      const mocks = await startMocks({ ports: 'free', timeoutMs: START_TIMEOUT_MS });
      try {
        expect(Object.keys(mocks.urls)).toEqual(APIS);
        const qvatel = await fetch(`${mocks.urls.qvatel}/account/recharge-balance?api_token=t`);
        expect(await qvatel.json()).toEqual({ result: 1, balance: 20 });
        for (const url of Object.values(mocks.urls)) expect(await answers(url)).toBe(true);
      } finally {
        await mocks.stop();
      }
      for (const url of Object.values(mocks.urls)) expect(await answers(url)).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'leaves no mock behind when the process that started it is killed',
    async () => {
      const script = `
      import { startMocks } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
      const mocks = await startMocks({ apis: ['qvatel'], ports: 'free', timeoutMs: ${START_TIMEOUT_MS} });
      console.log('URL ' + mocks.urls.qvatel);
      setInterval(() => {}, 1000);`;
      const parent = spawn(process.execPath, ['--input-type=module', '-e', script], {
        stdio: 'pipe',
      });
      started.push(parent);
      const output = await readUntil(parent, /URL (\S+)\n/);
      const url = /URL (\S+)\n/.exec(output)?.[1] ?? '';
      expect(await answers(url)).toBe(true);
      parent.kill('SIGKILL');
      expect(await eventually(async () => !(await answers(url)))).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'answers 500 when an example violates its own schema (errors on)',
    async () => {
      const broken = join(mkdtempSync(join(tmpdir(), 'telcopay-mocks-')), 'qvatel.yaml');
      writeFileSync(
        broken,
        readFileSync(specPath('qvatel'), 'utf8').replace('balance: 20', "balance: 'twenty'"),
      );
      const mocks = await startMocks({
        apis: ['qvatel'],
        ports: 'free',
        documents: { qvatel: broken },
        timeoutMs: START_TIMEOUT_MS,
      });
      try {
        const response = await fetch(`${mocks.urls.qvatel}/account/recharge-balance?api_token=t`);
        expect(response.status).toBe(500);
        expect(response.headers.get('sl-violations')).toContain('balance');
      } finally {
        await mocks.stop();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'rejects, and leaves nothing running, when a mock cannot start',
    async () => {
      await expect(
        startMocks({ apis: ['qvatel'], ports: 'free', documents: { qvatel: '/nonexistent.yaml' } }),
      ).rejects.toThrow('The mocks did not start');
    },
    TEST_TIMEOUT_MS,
  );
});

describe('telcopay-mocks CLI', () => {
  it(
    'serves the named API, prints its URL, and stops on SIGINT',
    async () => {
      const child = spawn(process.execPath, [cli, 'qvatel', '--free'], { stdio: 'pipe' });
      started.push(child);
      const output = await readUntil(child, /Mocks are running/);
      const url = /qvatel\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
      const response = await fetch(`${url}/recharge/status?api_token=t&id_recarga=x`);
      expect(await response.json()).toEqual({ result: 1, estado: 'Recargado' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGINT');
      await exited;
      expect(await answers(url)).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it('refuses an unknown API', async () => {
    const child = spawn(process.execPath, [cli, 'nope'], { stdio: 'pipe' });
    started.push(child);
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
  }, 120_000);
});
