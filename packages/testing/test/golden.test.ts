import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  expectGolden,
  recordRequests,
  renderRequest,
  UPDATE_GOLDEN_ENV,
  type WireRequest,
} from '../src/index.js';

const SECRET = 'key with spaces&symbols=1';
let folder: string;
let sent: WireRequest | undefined;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'telcopay-golden-'));
  [sent] = await recordRequests(
    () => ({ status: 200, body: {} }),
    (url) =>
      fetch(`${url}/pay?id=7`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'ours/1' },
        body: new URLSearchParams({ monto: '20', secret: SECRET }),
      }),
  );
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const HEADER = '# Golden request of the test.\n# source: this test.\n\n';
const RENDERED = [
  'POST /pay?id=7',
  'content-length: 45',
  'content-type: application/x-www-form-urlencoded',
  'user-agent: ours/1',
  '',
  'monto=20&secret=<secret>',
].join('\n');

async function golden(content: string) {
  const file = join(folder, `${crypto.randomUUID()}.http`);
  await writeFile(file, content);
  return pathToFileURL(file);
}

describe('renderRequest', () => {
  it("keeps the client's headers sorted, leaves out fetch's own defaults, marks the secret", () => {
    // accept */*, connection, sec-fetch-mode… are Node's; the client's own user-agent stays.
    expect(renderRequest(sent, { secret: SECRET })).toBe(RENDERED);
  });

  it('shows a secret that no marker names', () => {
    expect(renderRequest(sent)).toContain('secret=key+with+spaces%26symbols%3D1');
  });
});

describe('expectGolden', () => {
  it('passes when the request is the golden one, byte for byte', async () => {
    await expectGolden(
      await golden(`${HEADER}${RENDERED}\n`),
      renderRequest(sent, { secret: SECRET }),
    );
  });

  it.each([
    ['the method', 'POST /pay', 'PUT /pay'],
    ['the query', '?id=7', '?id=8'],
    ['a header value', 'content-length: 45', 'content-length: 46'],
    ['a body byte', 'monto=20', 'monto=21'],
    ['a trailing byte', '<secret>', '<secret> '],
  ])('fails when %s differs by one byte', async (_, from, to) => {
    const file = await golden(`${HEADER}${RENDERED.replace(from, to)}\n`);
    await expect(expectGolden(file, renderRequest(sent, { secret: SECRET }))).rejects.toThrow(
      /rewrites it/,
    );
  });

  it(`rewrites a stale golden file under its header with ${UPDATE_GOLDEN_ENV}=1, as the README says`, async () => {
    const file = await golden(`${HEADER}${RENDERED.replace('monto=20', 'monto=21')}\n`);
    vi.stubEnv(UPDATE_GOLDEN_ENV, '1');
    try {
      await expectGolden(file, renderRequest(sent, { secret: SECRET }));
    } finally {
      vi.unstubAllEnvs();
    }
    await expect(readFile(file, 'utf8')).resolves.toBe(`${HEADER}${RENDERED}\n`);
    await expectGolden(file, renderRequest(sent, { secret: SECRET }));
  });

  it('refuses a golden file that does not say where its format comes from', async () => {
    const file = await golden(`# Golden request of the test.\n\n${RENDERED}\n`);
    await expect(expectGolden(file, RENDERED)).rejects.toThrow(/# source: …/);
  });
});
