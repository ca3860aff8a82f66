import { describe, expect, it } from 'vitest';
import {
  ChinchinCps,
  chinchinCps,
  createTelcopay,
  MasstackPartners,
  masstackPartners,
  Qvatel,
  qvatel,
  StoneTopups,
  stoneTopups,
  type TelcopayEnvironment,
  TigoB2bBilling,
  tigoB2bBilling,
  ValidationError,
} from '../src/index.js';
import { CREDENTIALS } from './credentials.js';

/**
 * A fetch that records the URL of each request and lets none leave this machine: the URL a
 * client calls is what an environment decides, and production hosts must not be contacted.
 */
function offlineFetch() {
  const urls: string[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    urls.push(request.url);
    throw new TypeError('offline: this test sends nothing');
  };
  return { urls, options: { fetch, maxRetries: 0 } };
}

/** The query holds per-call values (and QvaTel's token): the server and path are what count. */
function withoutQuery(url: string | undefined): string | undefined {
  return url?.split('?')[0];
}

/** Builds one provider in an environment, makes one call, and returns the URL it went to. */
type Probe = (environment: TelcopayEnvironment, extra?: object) => Promise<string | undefined>;

const PROBES: Record<string, Probe> = {
  qvatel: async (environment, extra) => {
    const { urls, options } = offlineFetch();
    const telcopay = createTelcopay({
      environment,
      qvatel: qvatel({ ...CREDENTIALS.qvatel, ...options, ...extra }),
    });
    await telcopay.qvatel.getRechargeBalance().catch(() => {});
    return withoutQuery(urls[0]);
  },
  'chinchin-cps': async (environment, extra) => {
    const { urls, options } = offlineFetch();
    const telcopay = createTelcopay({
      environment,
      chinchinCps: chinchinCps({ ...CREDENTIALS.chinchinCps, ...options, ...extra }),
    });
    await telcopay.chinchinCps.listBasicServices().catch(() => {});
    return withoutQuery(urls[0]);
  },
  'tigo-b2b-billing': async (environment, extra) => {
    const { urls, options } = offlineFetch();
    const telcopay = createTelcopay({
      environment,
      tigoB2bBilling: tigoB2bBilling({ ...CREDENTIALS.tigoB2bBilling, ...options, ...extra }),
    });
    await telcopay.tigoB2bBilling.requestAccessToken().catch(() => {});
    return withoutQuery(urls[0]);
  },
  'masstack-partners': async (environment, extra) => {
    const { urls, options } = offlineFetch();
    const telcopay = createTelcopay({
      environment,
      masstackPartners: masstackPartners({ ...CREDENTIALS.masstackPartners, ...options, ...extra }),
    });
    await telcopay.masstackPartners
      .deleteMovement({ serviceType: 'mobile', serviceId: '612123456', movementId: 'm-1' })
      .catch(() => {});
    return withoutQuery(urls[0]);
  },
  'stone-topups': async (environment, extra) => {
    const { urls, options } = offlineFetch();
    const telcopay = createTelcopay({
      environment,
      stoneTopups: stoneTopups({ ...CREDENTIALS.stoneTopups, ...options, ...extra }),
    });
    await telcopay.stoneTopups.listProviders().catch(() => {});
    return withoutQuery(urls[0]);
  },
};

const TIGO_TOKEN_PATH = '/oauth/client_credential/accesstoken';
const STONE_TOKEN_PATH = '/auth/realms/stone_bank/protocol/openid-connect/token';

/** Each provider's server in each SDK environment, from the provider package's own maps. */
const EXPECTED: Record<TelcopayEnvironment, Record<string, string | undefined>> = {
  mock: {
    qvatel: `${Qvatel.QVATEL_ENVIRONMENTS.mock}/account/recharge-balance`,
    'chinchin-cps': `${ChinchinCps.CHINCHIN_CPS_ENVIRONMENTS.mock}/cps/v2/list/basic_services`,
    'tigo-b2b-billing': `${TigoB2bBilling.TIGO_B2B_BILLING_ENVIRONMENTS.mock}${TIGO_TOKEN_PATH}`,
    'masstack-partners': `${MasstackPartners.MASSTACK_PARTNERS_ENVIRONMENTS.mock}/mobile/612123456/billing/movements/m-1`,
    'stone-topups': `${StoneTopups.STONE_TOPUPS_ACCOUNTS_URLS.mock}${STONE_TOKEN_PATH}`,
  },
  sandbox: {
    qvatel: undefined,
    'chinchin-cps': undefined,
    'tigo-b2b-billing': `${new URL(TigoB2bBilling.TIGO_B2B_BILLING_ENVIRONMENTS.test).origin}${TIGO_TOKEN_PATH}`,
    'masstack-partners': `${MasstackPartners.MASSTACK_PARTNERS_ENVIRONMENTS.staging}/mobile/612123456/billing/movements/m-1`,
    'stone-topups': `${StoneTopups.STONE_TOPUPS_ACCOUNTS_URLS.sandbox}${STONE_TOKEN_PATH}`,
  },
  production: {
    qvatel: `${Qvatel.QVATEL_ENVIRONMENTS.production}/account/recharge-balance`,
    'chinchin-cps': undefined,
    'tigo-b2b-billing': `${new URL(TigoB2bBilling.TIGO_B2B_BILLING_ENVIRONMENTS.prod).origin}${TIGO_TOKEN_PATH}`,
    'masstack-partners': `${MasstackPartners.MASSTACK_PARTNERS_ENVIRONMENTS.production}/mobile/612123456/billing/movements/m-1`,
    'stone-topups': `${StoneTopups.STONE_TOPUPS_ACCOUNTS_URLS.production}${STONE_TOKEN_PATH}`,
  },
};

const CASES = Object.entries(EXPECTED).flatMap(([environment, byProvider]) =>
  Object.entries(byProvider).map(
    ([provider, url]) => [environment as TelcopayEnvironment, provider, url] as const,
  ),
);

describe('each SDK environment maps to each provider’s own', () => {
  it.each(CASES.filter(([, , url]) => url !== undefined))(
    '%s: %s calls %s',
    async (environment, provider, url) => {
      const called = await PROBES[provider]?.(environment);
      expect(called).toBe(url);
    },
  );

  it.each(CASES.filter(([, , url]) => url === undefined))(
    '%s: %s publishes none, so createTelcopay asks for its baseUrl',
    async (environment, provider) => {
      const error = await PROBES[provider]?.(environment).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ provider, operation: 'createTelcopay', field: 'baseUrl' });
      expect((error as Error).message).toContain(`no ${environment} environment`);
    },
  );

  it('lets a provider’s baseUrl win, and then needs no environment of its own', async () => {
    const baseUrl = 'http://127.0.0.1:9/qvatel-proxy';
    expect(await PROBES.qvatel?.('sandbox', { baseUrl })).toBe(
      `${baseUrl}/account/recharge-balance`,
    );
    expect(await PROBES['chinchin-cps']?.('production', { baseUrl })).toBe(
      `${baseUrl}/cps/v2/list/basic_services`,
    );
  });

  it('lets a provider’s own environment win over the mapping', async () => {
    expect(await PROBES['tigo-b2b-billing']?.('production', { environment: 'qa' })).toBe(
      `${new URL(TigoB2bBilling.TIGO_B2B_BILLING_ENVIRONMENTS.qa).origin}${TIGO_TOKEN_PATH}`,
    );
  });
});

describe('createTelcopay', () => {
  it('rejects an unknown environment', () => {
    expect(() =>
      createTelcopay({
        environment: 'staging' as TelcopayEnvironment,
        qvatel: qvatel(CREDENTIALS.qvatel),
      }),
    ).toThrow(expect.objectContaining({ name: 'ValidationError', field: 'environment' }));
  });

  it('needs at least one provider', () => {
    expect(() => createTelcopay({ environment: 'mock' })).toThrow(
      expect.objectContaining({ name: 'ValidationError', field: 'providers' }),
    );
  });

  it('rejects a provider built by another provider’s factory', () => {
    const config = { environment: 'mock', qvatel: chinchinCps(CREDENTIALS.chinchinCps) };
    expect(() => createTelcopay(config as never)).toThrow(
      expect.objectContaining({ name: 'ValidationError', field: 'qvatel' }),
    );
  });

  it('builds each client at once, so a missing credential fails here, not at the first call', () => {
    expect(() => createTelcopay({ environment: 'mock', qvatel: qvatel({ apiToken: '' }) })).toThrow(
      expect.objectContaining({ name: 'ValidationError', field: 'apiToken' }),
    );
  });

  it('builds only the configured providers', () => {
    const telcopay = createTelcopay({ environment: 'mock', qvatel: qvatel(CREDENTIALS.qvatel) });
    expect(Object.keys(telcopay).sort()).toEqual(
      ['balances', 'capabilities', 'catalog', 'environment', 'qvatel', 'topups'].sort(),
    );
    expect(telcopay.capabilities().map((entry) => entry.provider)).toEqual(['qvatel']);
  });
});
