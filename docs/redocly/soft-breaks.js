// Redoc's search indexes a description's text with its soft line breaks dropped, not turned into
// spaces ("the answer's\n`id_recarga`" is found as "the answer'sid_recarga"). Markdown renders
// a soft break as a space, so joining the lines of each paragraph changes nothing else.

/** Lines that start a block of their own: a list item, a table row, a heading, a quote, a fence. */
const BLOCK_START = /^\s*(?:[-*+]\s|\d+[.)]\s|\||#|>|```|~~~)/;

/** `markdown` with each paragraph's lines joined by a space; code fences and blocks kept. */
export function joinSoftBreaks(markdown) {
  const lines = markdown.split('\n');
  const out = [];
  let fenced = false;
  for (const line of lines) {
    const fence = /^\s*(```|~~~)/.test(line);
    const previous = out.at(-1);
    const joins =
      !fenced &&
      !fence &&
      previous !== undefined &&
      previous.trim() !== '' &&
      line.trim() !== '' &&
      !BLOCK_START.test(line) &&
      !/^\s*(```|~~~)/.test(previous) &&
      !/ {2}$|\\$/.test(previous);
    if (joins) out[out.length - 1] = `${previous.trimEnd()} ${line.trimStart()}`;
    else out.push(line);
    if (fence) fenced = !fenced;
  }
  return out.join('\n');
}
