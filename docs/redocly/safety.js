// What the reference says about sending an operation again, from its `x-telcopay` extension
// (scripts/x-telcopay.js): one Markdown paragraph, appended to the operation's description.

const PLACES = { header: 'header', body: 'body field' };

/** The safety sentence of one operation, in Markdown (identifiers as code). */
export function safetyMarkdown({ safety, key, correlation, reconcile }) {
  const sentences = [safetySentence(safety, key, reconcile)];
  if (correlation) {
    sentences.push(
      `Correlation id \`${correlation.name}\` (${PLACES[correlation.in]}): one per call, the same on every retry.`,
    );
  }
  return `**telcopay:** ${sentences.join(' ')}`;
}

function safetySentence(safety, key, reconcile) {
  if (safety === 'unkeyed-money') {
    const how = reconcile.operation ? `reconcile with \`${reconcile.operation}\`` : 'reconcile';
    return `Money moves; never sent twice; ${how}: ${reconcile.advice.trim()}`;
  }
  if (safety === 'keyed') {
    return `Retry-safe: idempotency key \`${key.name}\` (${PLACES[key.in]}), made once per call unless you give one, and sent again on every retry.`;
  }
  // `read` covers reads and writes that change nothing when repeated (simulations, deletes).
  if (safety === 'read') return 'Retry-safe: sending it again has no further effect.';
  throw new Error(`x-telcopay: unknown safety ${JSON.stringify(safety)}`);
}
