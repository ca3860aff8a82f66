// How each client takes its input where the spec alone does not say: the one place that knows
// the client signatures (packages/<api>/src/client.ts) for the reference's code samples.
//
// Without an entry, code-sample.js derives a method's input from the operation: no path or query
// parameter and no body → no input; otherwise one object of the path and query parameters (by
// their input fields, from the spec's `x-telcopay: { input }` or their names, with their
// examples) and the fields of the first request example. Header parameters are never input: the
// client makes them (keys, correlation ids, auth).
//
// Per API:
//   credentials  the factory's credential options, as placeholders;
//   bodyFields   'camelCase' when the method takes the body's fields camelCased and spread;
//   bodyAs       the input field that takes the whole body (default: its fields are spread);
//   clientFills  body fields the client fills from its options (never input);
//   noInput      methods that take no input (the client builds the whole request);
//   positional   methods whose input is their one parameter's value itself;
//   lists        parameters whose comma-separated example the method takes as an array;
//   examples     method → the named request example to use (default: the first one).
// docs/test/code-samples.test.ts compiles every sample under `strict`: a wrong entry fails it.

export const SAMPLE_INPUTS = {
  'chinchin-cps': {
    credentials: { apiKey: 'your-api-key', apiSecret: 'your-api-secret' },
  },
  qvatel: {
    credentials: { apiToken: 'your-api-token' },
    clientFills: ['api_token'],
    positional: ['getRechargeStatus'],
  },
  'tigo-b2b-billing': {
    credentials: { clientId: 'your-client-id', clientSecret: 'your-client-secret' },
    bodyAs: 'payment',
    noInput: ['requestAccessToken'],
    lists: ['fields'],
  },
  'masstack-partners': {
    credentials: { token: 'your-bearer-jwt' },
    bodyAs: 'body',
  },
  'stone-topups': {
    credentials: {
      clientId: 'your-client-id',
      privateKey: '<your PKCS#8 private key, PEM>',
    },
    bodyFields: 'camelCase',
    noInput: ['requestAccessToken'],
    positional: ['listValues'],
    // The first example leaves the amount to the plan (0); the client takes integer cents > 0.
    examples: { dryRun: 'claroTvPlanAmount', confirm: 'claroTvPlanAmount' },
  },
};
