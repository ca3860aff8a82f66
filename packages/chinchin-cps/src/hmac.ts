const encoder = new TextEncoder();

/** The part of `node:crypto` the signer uses. */
interface NodeCrypto {
  createHmac(
    algorithm: 'sha384',
    key: string,
  ): {
    update(message: string): { digest(encoding: 'hex'): string };
  };
}

/**
 * `node:crypto` where the runtime has it (Node, Bun, Deno), without importing it: a bundle for
 * a browser or a worker has no Node built-in to resolve, and signs over Web Crypto there.
 */
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

/**
 * An HMAC-SHA384 signer giving the signature as lowercase hex. Where `node:crypto` is there it
 * signs in place, synchronously: Web Crypto's `sign` hops to a worker thread and back, about
 * ten times the CPU of the HMAC itself. Elsewhere (browsers, workers) it signs over Web Crypto
 * (`crypto.subtle`), the key imported once, non-extractable, on first use. Same bytes either way.
 */
export function hmacSha384Signer(secret: string): (message: string) => string | Promise<string> {
  if (nodeCrypto) {
    const { createHmac } = nodeCrypto;
    return (message) => createHmac('sha384', secret).update(message).digest('hex');
  }
  let key: Promise<CryptoKey> | undefined;
  return async (message) => {
    key ??= globalThis.crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-384' },
      false,
      ['sign'],
    );
    const mac = await globalThis.crypto.subtle.sign('HMAC', await key, encoder.encode(message));
    return toHex(new Uint8Array(mac));
  };
}

/** Lowercase hex, two digits per byte. */
function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
