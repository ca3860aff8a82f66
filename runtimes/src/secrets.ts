import { randomBytes, randomUUID } from 'node:crypto';
import { type CryptoKey, exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';
import type { Credentials } from './flows/contract.js';

/** What the Stone gateway checks with: the application's public key, and Stone's own keys. */
export interface StoneKeys {
  clientId: string;
  /** Verifies the client assertions. */
  assertionKey: CryptoKey;
  /** Decrypts the challenge solutions; its public half is the key set's `enc` key. */
  decryptionKey: CryptoKey;
  encryptionKid: string;
  /** The discovery answer: a signing key first (the client must pick the `enc` one), then `enc`. */
  keySet: { keys: JWK[] };
  pin: string;
}

export interface RunSecrets {
  /** What the apps are given. */
  credentials: Credentials;
  stone: StoneKeys;
}

const secret = () => randomBytes(24).toString('hex');

/** Credentials and keys made up for one run; none is ever committed or printed. */
export async function makeSecrets(): Promise<RunSecrets> {
  const [application, stoneSigning, stoneEncryption] = await Promise.all([
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('RS256'),
    generateKeyPair('RSA-OAEP-256'),
  ]);
  const clientId = randomUUID();
  const encryptionKid = `stone-enc-${randomUUID()}`;
  const pin = String(100_000 + (randomBytes(4).readUInt32BE() % 900_000));
  return {
    credentials: {
      chinchinCps: { apiKey: `chinchin-${randomUUID()}`, apiSecret: secret() },
      qvatel: { apiToken: secret() },
      tigoB2bBilling: { clientId: `tigo-${randomUUID()}`, clientSecret: secret() },
      masstackPartners: { token: secret() },
      stoneTopups: {
        clientId,
        privateKey: await exportPKCS8(application.privateKey),
        accountId: randomUUID(),
        pin,
      },
    },
    stone: {
      clientId,
      assertionKey: application.publicKey,
      decryptionKey: stoneEncryption.privateKey,
      encryptionKid,
      keySet: {
        keys: [
          {
            ...(await exportJWK(stoneSigning.publicKey)),
            use: 'sig',
            alg: 'RS256',
            kid: 'stone-sig',
          },
          {
            ...(await exportJWK(stoneEncryption.publicKey)),
            use: 'enc',
            alg: 'RSA-OAEP-256',
            kid: encryptionKid,
          },
        ],
      },
      pin,
    },
  };
}
