// Values from the seed page (Stone "Recarga para TV por Assinatura").

export const SEED_PROVIDERS = {
  providers: [
    { name: 'Claro TV', id: 2126 },
    { name: 'Oi TV', id: 2140 },
    { name: 'SKY TV', id: 2127 },
  ],
};

/** The seed's dry-run body, with the amount its answer gives (the seed sends 0). */
export const SEED_TOPUP = {
  accountId: 'e4043bb5-542b-46f6-bcbc-0e63d37e1c47',
  amount: 10900,
  clientCode: '10036389709',
  providerId: '2126',
};

export const TOKEN_PATH = '/auth/realms/stone_bank/protocol/openid-connect/token';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
