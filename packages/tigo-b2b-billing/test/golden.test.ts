import { expectGolden, recordRequests, renderRequest } from '@telcopay/testing';
import { it } from 'vitest';
import { createTigoB2bBillingClient } from '../src/index.js';
import { BILLING_PATH, CLIENT_ID, CLIENT_SECRET } from './fake-gateway.js';

// The token request and a checkout, byte for byte as the golden files in test/golden/ say.
const ACCESS_TOKEN = 'golden-access-token';

/** The spec's `oneBill` example of the checkout (the seed's CheckoutPaymentRequest fields). */
const ONE_BILL = {
  intent: 'sale',
  clientInformation: {
    email: 'pagos@ferreteriaelcaribe.com.co',
    firstName: 'Andrés',
    lastName: 'Martínez Ospina',
    phone: '3157894512',
    userIp: '190.85.44.201',
  },
  billsCollection: [
    { billNo: '909501941', billAmount: '185900', referencePayment: '909501941-90' },
  ],
  confirmationUrl: 'https://www.ferreteriaelcaribe.com.co/pagos/confirmacion',
  paymentData: { paymentMethod: 'PSE' },
};

it('sends the token request and a checkout as their golden files say', async () => {
  const answers = [
    { access_token: ACCESS_TOKEN, expires_in: '172799', token_type: 'BearerToken' },
    {
      description: 'Transacción creada',
      error: 0,
      signature: '3f9a7c21',
      url: 'https://pagos.example',
    },
  ];
  const [token, checkout] = await recordRequests(
    () => ({ status: 200, body: answers.shift() }),
    (url) =>
      createTigoB2bBillingClient({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        baseUrl: `${url}${BILLING_PATH}`,
      }).checkoutPayment({ idType: 'NIT', identification: 900123456, payment: ONE_BILL }),
  );

  const basic = btoa(`${CLIENT_ID}:${CLIENT_SECRET}`);
  const secrets = { client_secret: CLIENT_SECRET, 'base64(client_id:client_secret)': basic };
  const golden = (name: string) => new URL(`golden/${name}`, import.meta.url);
  await expectGolden(golden('request-access-token.http'), renderRequest(token, secrets));
  await expectGolden(
    golden('checkout-payment.http'),
    renderRequest(checkout, { access_token: ACCESS_TOKEN }),
  );
});
