import { randomBytes, randomUUID } from 'node:crypto';
import { exportPKCS8, generateKeyPair } from 'jose';

/** Every client's credentials, new and random for each run. */
export interface Credentials {
  chinchin: { apiKey: string; apiSecret: string };
  qvatel: { apiToken: string };
  tigo: { clientId: string; clientSecret: string };
  masstack: { token: string };
  stone: { clientId: string; privateKey: string; accountId: string };
}

const random = (prefix: string, bytes = 24) =>
  `${prefix}${randomBytes(bytes).toString('base64url')}`;

export async function generateCredentials(): Promise<Credentials> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    chinchin: { apiKey: random('pk_'), apiSecret: random('sk_', 32) },
    qvatel: { apiToken: random('qvt_') },
    tigo: { clientId: random('', 18), clientSecret: random('tcs_') },
    masstack: { token: `eyJ${random('', 18)}.${random('', 48)}.${random('', 32)}` },
    stone: {
      clientId: randomUUID(),
      privateKey: await exportPKCS8(privateKey),
      accountId: randomUUID(),
    },
  };
}

/**
 * What must never appear in an error or a log line: every configured secret (the public ids —
 * Chinchin's api-key, the client ids — are not secrets), and for the PEM also its first line
 * of key material, should a key be printed in part.
 */
export function configuredSecrets(credentials: Credentials): string[] {
  const pemLine = credentials.stone.privateKey.split('\n')[1] ?? '';
  return [
    credentials.chinchin.apiSecret,
    credentials.qvatel.apiToken,
    credentials.tigo.clientSecret,
    credentials.masstack.token,
    credentials.stone.privateKey,
    pemLine,
  ];
}
