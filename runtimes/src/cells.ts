import type { ApiName, AppName } from './flows/contract.js';

/** One column of the matrix: an app, and what each front it talks to must have seen. */
export interface Cell {
  app: AppName;
  /**
   * Per API, the requests its front received, in order, and who answered: the mock, or the front
   * itself (a verifier's refusal, Stone's token, challenge and key set). A Chinchin request
   * reaches the mock only once its signature is verified, a Stone confirmation only once its
   * solution is decrypted: a `mock` line there is that proof.
   */
  transcripts: Partial<Record<ApiName, readonly string[]>>;
}

const SIGNED = 'signature verified';
const CHINCHIN = {
  list: `GET /cps/v2/list/basic_services → mock 200 (${SIGNED})`,
  balance: `GET /cps/v2/operation/get/balance → mock 200 (${SIGNED})`,
  pay: `POST /cps/v2/operation/use/pay → mock 200 (${SIGNED})`,
  forged: 'GET /cps/v2/list/basic_services → front 401 (signature refused)',
};
const QVATEL = {
  balance: 'GET /account/recharge-balance → mock 200',
  send: 'POST /recharge/send → mock 200',
  status: 'GET /recharge/status → mock 200',
};
const STONE = {
  token:
    'POST /auth/realms/stone_bank/protocol/openid-connect/token → front 200 (assertion verified)',
  providers: 'GET /api/v1/topups/tv/providers → mock 200',
  values: 'GET /api/v1/topups/tv/values/2126 → mock 200',
  dryRun: 'POST /api/v1/topups/tv/dry-run → mock 202',
  challenged: 'POST /api/v1/topups/tv → front 403 (challenge issued)',
  keys: "GET /api/v1/discovery/keys → front 200 (Stone's key set)",
  solved: 'POST /api/v1/topups/tv → mock 200 (solution decrypted: challenge and PIN match)',
};

export const CELLS: readonly Cell[] = [
  {
    app: 'chinchin-cps',
    transcripts: {
      'chinchin-cps': [CHINCHIN.list, CHINCHIN.balance, CHINCHIN.pay, CHINCHIN.forged],
    },
  },
  { app: 'qvatel', transcripts: { qvatel: [QVATEL.balance, QVATEL.send, QVATEL.status] } },
  {
    app: 'tigo-b2b-billing',
    transcripts: {
      'tigo-b2b-billing': [
        'POST /oauth/client_credential/accesstoken → mock 200',
        'GET /contracts/8001234567 → mock 200',
        'GET /customers/contracts/8001234567/bills → mock 200',
        'POST /customers/NIT/900123456/payments/checkout → mock 200',
      ],
    },
  },
  {
    app: 'masstack-partners',
    transcripts: {
      'masstack-partners': [
        'POST /mobile/612123456/billing/movements → mock 201',
        'POST /mobile/612123456/billing/refunds → mock 201',
        // The movement the mock's example created.
        'DELETE /mobile/612123456/billing/movements/c0a8012e-7d3f-4b8e-9a41-5f6e2b1d9c07 → mock 200',
      ],
    },
  },
  {
    app: 'stone-topups',
    transcripts: {
      'stone-topups': [
        STONE.token,
        STONE.providers,
        STONE.values,
        STONE.dryRun,
        STONE.challenged,
        STONE.keys,
        STONE.solved,
      ],
    },
  },
  {
    app: 'sdk',
    transcripts: {
      qvatel: [QVATEL.balance, QVATEL.send],
      'chinchin-cps': [CHINCHIN.list, CHINCHIN.pay],
      'stone-topups': [STONE.token, STONE.dryRun, STONE.challenged, STONE.keys, STONE.solved],
    },
  },
];
