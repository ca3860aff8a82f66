// Redoc renders a server's and a server variable's description as plain text (the Servers
// panel), so their inference flag must be plain text too: no `**`, backticks or link syntax.

/** Markdown inline syntax dropped, its text kept: `code`, **bold**, *em*, [text](url). */
export function plainText(markdown) {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*([^*]*)\*\*/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(^|\s)\*([^*\s][^*]*)\*/g, '$1$2');
}
