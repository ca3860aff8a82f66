// TypeScript literals of JSON values (request examples), as a person would write them: single
// quotes, bare keys where they are identifiers, one line when it fits, else one entry per line.

// The repository's line width (biome.json).
const WIDTH = 100;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * `value` as a TypeScript expression; `indent` is the indentation of the line it starts on and
 * `column` where on that line it starts.
 */
export function literal(value, indent = '', column = indent.length) {
  const oneLine = inline(value);
  if (typeof value !== 'object' || value === null || column + oneLine.length <= WIDTH) {
    return oneLine;
  }
  const inner = `${indent}  `;
  const lines = Array.isArray(value)
    ? value.map((item) => `${inner}${literal(item, inner)},`)
    : Object.entries(value).map(
        ([key, item]) => `${inner}${property(key)}: ${literal(item, inner)},`,
      );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${lines.join('\n')}\n${indent}${close}`;
}

function inline(value) {
  if (typeof value === 'string') return quote(value);
  if (typeof value !== 'object' || value === null) return String(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  const entries = Object.entries(value).map(([key, item]) => `${property(key)}: ${inline(item)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

function property(key) {
  return IDENTIFIER.test(key) ? key : quote(key);
}

/** A single-quoted string literal (JSON's escapes, with `'` escaped instead of `"`). */
function quote(text) {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}
