import { readFileSync } from 'node:fs';
import { specPath } from '@telcopay/mocks';
import { describe, expect, it } from 'vitest';
import { isServiceId, SERVICE_IDS, serviceName } from '../src/index.js';

/**
 * The items of one key of the spec's `ServiceTypeId` schema, read from the bundled spec the
 * mocks serve, where the bundler writes every sequence in block style (`- 59` lines).
 */
function serviceTypeIdList(key: string): string[] {
  const lines = readFileSync(specPath('chinchin-cps'), 'utf8').split('\n');
  const schemaAt = lines.findIndex((line) => /^\s+ServiceTypeId:\s*$/.test(line));
  const indent = (line: string) => line.search(/\S/);
  const schemaIndent = indent(lines[schemaAt] ?? '');
  const body = lines.slice(schemaAt + 1);
  const end = body.findIndex((line) => line.trim() !== '' && indent(line) <= schemaIndent);
  const schema = end === -1 ? body : body.slice(0, end);
  const keyAt = schema.findIndex((line) => line.trim().startsWith(`${key}:`));
  const keyLine = schema[keyAt] ?? '';
  const items: string[] = [];
  for (const line of schema.slice(keyAt + 1)) {
    const item = /^\s*- (.+)$/.exec(line);
    if (!item || indent(line) < indent(keyLine)) break;
    items.push((item[1] ?? '').trim());
  }
  return items;
}

describe('SERVICE_IDS', () => {
  it("equals the spec's ServiceTypeId enum named by its x-enum-varnames, in order", () => {
    const ids = serviceTypeIdList('enum').map(Number);
    const names = serviceTypeIdList('x-enum-varnames');
    expect(ids).toHaveLength(20);
    expect(names).toHaveLength(ids.length);
    const fromSpec = names.map((name, index) => [name, ids[index]]);
    expect(Object.entries(SERVICE_IDS)).toEqual(fromSpec);
  });

  it('names every id and recognises only the spec ids', () => {
    for (const [name, id] of Object.entries(SERVICE_IDS)) {
      expect(serviceName(id)).toBe(name);
      expect(isServiceId(id)).toBe(true);
    }
    for (const other of [0, 56, 230, '57', 57.5, null]) expect(isServiceId(other)).toBe(false);
  });
});
