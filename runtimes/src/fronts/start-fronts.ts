import { mockUrl } from '@telcopay/testing';
import type { ApiName } from '../flows/contract.js';
import type { RunSecrets } from '../secrets.js';
import { chinchinVerifier } from './chinchin-verifier.js';
import { type Front, type Policy, passThrough, startFront } from './front.js';
import { stoneGateway } from './stone-gateway.js';

/** Chinchin's signatures and Stone's token, challenge and JWE are checked in Node; the rest passes. */
function policyFor(api: ApiName, secrets: RunSecrets): Policy {
  if (api === 'chinchin-cps') return chinchinVerifier(secrets.credentials.chinchinCps);
  if (api === 'stone-topups') return stoneGateway(secrets.stone);
  return passThrough;
}

/** A fresh front per API, in front of the run's shared mock: one app's transcript each. */
export async function startFronts(
  apis: readonly ApiName[],
  secrets: RunSecrets,
): Promise<Map<ApiName, Front>> {
  const fronts = new Map<ApiName, Front>();
  try {
    for (const api of apis)
      fronts.set(api, await startFront(mockUrl(api), policyFor(api, secrets)));
  } catch (error) {
    await closeFronts(fronts);
    throw error;
  }
  return fronts;
}

export async function closeFronts(fronts: Map<ApiName, Front>): Promise<void> {
  await Promise.allSettled([...fronts.values()].map((front) => front.close()));
}
