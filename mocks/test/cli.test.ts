import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/telcopay-mocks.js', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
/**
 * Each test starts the CLI (and Prism) as a new process: 2 s on an idle machine, 16 s seen
 * under `stress-ng --cpu 2` alone, more beside the whole test command.
 */
const CLI_TIMEOUT = 300_000;
const children: ChildProcess[] = [];
/** Children that lead their own process group (as a terminal's foreground job does). */
const groupLeaders = new Set<ChildProcess>();
const servers: Server[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    // A detached child leads its own process group: end the whole group.
    if (groupLeaders.has(child)) process.kill(-(child.pid ?? 0), 'SIGKILL');
    else child.kill('SIGKILL');
  }
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

/** A child process whose stdout and stderr are collected in `output()`. */
function run(command: string, args: string[], options: { cwd?: string; detached?: boolean } = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  children.push(child);
  if (options.detached) groupLeaders.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  /** Resolves once the output matches; rejects if the process exits first. */
  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) resolve(output);
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      child.once('exit', (code) =>
        reject(new Error(`exited ${code} before ${pattern}: ${output}`)),
      );
      check();
    });
  return { child, exited, waitFor, output: () => output };
}

/** A server on a free port of 127.0.0.1, answering every request with `body`. */
async function listen(body: unknown): Promise<string> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('telcopay-mocks command line', () => {
  it(
    'refuses an unknown flag instead of reading it as an API name',
    async () => {
      const cli = run(process.execPath, [bin, '--port', '5000']);
      expect(await cli.exited).toBe(2);
      expect(cli.output()).toContain("Unknown option '--port'.");
      expect(cli.output()).not.toContain('Unknown API');
    },
    CLI_TIMEOUT,
  );

  it(
    'answers --help and -h with the usage of the mocks and of the proxy (exit 0)',
    async () => {
      for (const [args, usage] of [
        [['--help'], 'Usage: telcopay-mocks [api…] [--errors] [--free]'],
        [['proxy', '-h'], 'Usage: telcopay-mocks proxy <api> --upstream <url> [options]'],
      ] as const) {
        const cli = run(process.execPath, [bin, ...args]);
        expect(await cli.exited).toBe(0);
        expect(cli.output().startsWith(usage)).toBe(true);
      }
    },
    CLI_TIMEOUT,
  );

  it(
    'suggests --free when a port is taken',
    async () => {
      // Hold the qvatel mock's standard port (if something else holds it, the CLI fails alike).
      const holder = createServer();
      servers.push(holder);
      await new Promise<void>((resolve) => {
        holder.once('error', () => resolve());
        holder.listen(4011, '127.0.0.1', resolve);
      });
      const cli = run(process.execPath, [bin, 'qvatel']);
      expect(await cli.exited).toBe(1);
      expect(cli.output()).toMatch(/EADDRINUSE[\s\S]*Add --free to listen on free ports/);
    },
    CLI_TIMEOUT,
  );

  it(
    'proxy: forwards to the upstream, and writes the report on Ctrl+C (exit 0)',
    async () => {
      const upstream = await listen({ result: 1, balance: 20 });
      const statusHost = await listen({ result: 1, estado: 'Recargado' });
      const report = join(mkdtempSync(join(tmpdir(), 'telcopay-cli-')), 'report.json');
      const recorded = join(report, '../recorded');
      const options = [
        ...['--upstream', upstream, '--upstream-for', `/recharge/status=${statusHost}`],
        ...['--report', report, '--record', recorded],
      ];
      const cli = run(process.execPath, [bin, 'proxy', 'qvatel', ...options]);
      const url = /proxy (http:\/\/\S+)/.exec(await cli.waitFor(/press Ctrl\+C/))?.[1];
      const balance = await fetch(`${url}/account/recharge-balance?api_token=cli-secret-1`);
      expect(await balance.json()).toEqual({ result: 1, balance: 20 });
      const status = await fetch(`${url}/recharge/status?api_token=cli-secret-1&id_recarga=1`);
      expect(await status.json()).toEqual({ result: 1, estado: 'Recargado' });
      cli.child.kill('SIGINT');
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toContain('2 operations seen, 2 conforming, 0 findings');
      expect(JSON.parse(readFileSync(report, 'utf8')).operations).toMatchObject([
        { operation: 'getRechargeBalance', calls: 1, conforms: true },
        { operation: 'getRechargeStatus', calls: 1, conforms: true },
      ]);
      expect(readFileSync(report.replace(/json$/, 'md'), 'utf8')).toContain('getRechargeBalance');
      expect(readdirSync(recorded).sort()).toEqual([
        'getRechargeBalance.200.1.json',
        'getRechargeStatus.200.1.json',
      ]);
    },
    CLI_TIMEOUT,
  );

  it(
    'proxy: needs --upstream and refuses unknown flags',
    async () => {
      const missing = run(process.execPath, [bin, 'proxy', 'qvatel']);
      expect(await missing.exited).toBe(2);
      expect(missing.output()).toContain('--upstream <url> is required.');
      const unknown = run(process.execPath, [
        bin,
        'proxy',
        'qvatel',
        '--upstream',
        'http://x',
        '--errors',
      ]);
      expect(await unknown.exited).toBe(2);
      expect(unknown.output()).toContain("Unknown option '--errors'.");
    },
    CLI_TIMEOUT,
  );
});

describe('pnpm start', () => {
  it(
    "logs a refused request's reasons, and Ctrl+C stops everything with status 0",
    async () => {
      // The root script as pnpm runs it, minus the build step it starts with (built already).
      const script = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts
        .start as string;
      const launch = /&& ((?:exec )?node scripts\/start\.mjs)$/.exec(script)?.[1];
      expect(launch).toBeDefined();
      const project = mkdtempSync(join(tmpdir(), 'telcopay-start-'));
      const start = `${launch?.replace('scripts/start.mjs', JSON.stringify(join(root, 'scripts/start.mjs')))}`;
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({ name: 'start', scripts: { start } }),
      );
      const pnpm = process.env.npm_execpath ?? '';
      expect(pnpm, 'run this test through pnpm (pnpm test)').toMatch(/pnpm/);
      // Its own process group, as in a terminal, where Ctrl+C signals pnpm and all its children.
      const session = run(process.execPath, [pnpm, 'start', '--free'], {
        cwd: project,
        detached: true,
      });
      const output = await session.waitFor(/Press Ctrl\+C/);
      const qvatel = /mock qvatel\s+(http:\/\/\S+)/.exec(output)?.[1];
      const refused = await fetch(`${qvatel}/recharge/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'destino=5352942387&monto=20',
      });
      expect(refused.status).toBe(422);
      expect(refused.headers.get('sl-violations')).toContain("required property 'api_token'");
      // The reason comes from the telcopay-mocks CLI's log, which pnpm start passes through.
      await session.waitFor(/Request body must have required property 'api_token'/);
      process.kill(-(session.child.pid ?? 0), 'SIGINT');
      expect(await session.exited).toBe(0);
      expect(session.output()).not.toContain('ELIFECYCLE');
    },
    CLI_TIMEOUT,
  );
});

describe('scripts/start.mjs', () => {
  it(
    'takes its mocks with it when it is killed outright (SIGKILL)',
    async () => {
      const start = run(process.execPath, [join(root, 'scripts/start.mjs'), '--free']);
      const output = await start.waitFor(/Press Ctrl\+C/);
      const qvatel = /mock qvatel\s+(http:\/\/\S+)/.exec(output)?.[1];
      expect((await fetch(`${qvatel}/account/recharge-balance?api_token=t`)).status).toBe(200);
      // A request left half-sent holds a connection open: the mock's process closes it when it
      // exits (long before the server's 60 s wait for the headers would).
      const { hostname, port } = new URL(qvatel ?? '');
      const held = connect(Number(port), hostname);
      await once(held, 'connect');
      held.write('GET / HTTP/1.1\r\nhost: mock\r\n');
      // Its end may come as a reset (the process died): an error event, then the close.
      held.on('error', () => {});
      const closed = new Promise((resolve) => held.once('close', resolve));
      start.child.kill('SIGKILL');
      await start.exited;
      await closed;
      await expect(fetch(`${qvatel}/account/recharge-balance?api_token=t`)).rejects.toThrow();
    },
    CLI_TIMEOUT,
  );
});

describe('pnpm install', () => {
  it('links the telcopay-mocks command to a committed file, not to a build output', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const target = manifest.bin['telcopay-mocks'] as string;
    expect(target).not.toMatch(/dist\//);
    const tracked = execFileSync('git', ['ls-files', '--error-unmatch', target], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    expect(tracked.toString().trim()).toBe(target.replace(/^\.\//, ''));
    expect(manifest.files).toContain(target.replace(/^\.\/|\/.*$/g, ''));
  });

  it('leaves no dependency build script ignored without a decision', () => {
    // What pnpm would list as "Ignored build scripts": every installed package with an install
    // script (or a native addon to compile) that the root package.json neither allows nor ignores.
    const { pnpm } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const decided = new Set([...pnpm.onlyBuiltDependencies, ...pnpm.ignoredBuiltDependencies]);
    const store = join(root, 'node_modules/.pnpm');
    const undecided = new Set<string>();
    for (const entry of readdirSync(store)) {
      const modules = join(store, entry, 'node_modules');
      if (!existsSync(modules)) continue;
      for (const name of installedNames(modules)) {
        const dir = join(modules, name);
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        const scripts = manifest.scripts ?? {};
        const builds =
          ['preinstall', 'install', 'postinstall'].some((script) => script in scripts) ||
          existsSync(join(dir, 'binding.gyp'));
        if (builds && !decided.has(manifest.name)) undecided.add(manifest.name);
      }
    }
    expect([...undecided]).toEqual([]);
  });
});

/** The packages in a `.pnpm/<entry>/node_modules` folder that are not links to other entries. */
function installedNames(modules: string): string[] {
  return readdirSync(modules).flatMap((name) => {
    const names = name.startsWith('@')
      ? readdirSync(join(modules, name)).map((scoped) => `${name}/${scoped}`)
      : [name];
    return names.filter((candidate) => !lstatSync(join(modules, candidate)).isSymbolicLink());
  });
}
