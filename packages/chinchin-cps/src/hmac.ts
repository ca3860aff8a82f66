const encoder = new TextEncoder();

/**
 * An HMAC-SHA384 signer over Web Crypto (`crypto.subtle`), so it runs in Node, Deno, Bun,
 * browsers and workers alike. The key is imported once, non-extractable, on first use.
 */
export function hmacSha384Signer(secret: string): (message: string) => Promise<string> {
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
