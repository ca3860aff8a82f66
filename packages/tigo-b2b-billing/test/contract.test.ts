import { describeContract } from '@telcopay/testing';
import { createTigoB2bBillingClient, type TigoB2bBillingClient } from '../src/index.js';
import { CUSTOMER, PAYMENT } from './payment.js';

describeContract<TigoB2bBillingClient>({
  api: 'tigo-b2b-billing',
  createClient: (baseUrl) =>
    createTigoB2bBillingClient({
      clientId: 'contract-test-client',
      clientSecret: 'contract-test-secret',
      baseUrl,
    }),
  calls: {
    requestAccessToken: (client, call) => client.requestAccessToken(call),
    getContract: (client, call) => client.getContract({ contractId: 8001234567 }, call),
    listContracts: (client, call) =>
      client.listContracts({ ...CUSTOMER, page: 1, pageSize: 10 }, call),
    listBills: (client, call) => client.listBills({ contractId: '8001234567', quantity: 3 }, call),
    listBillPayments: (client, call) =>
      client.listBillPayments({ contractId: 8001234567, billNo: '909501941' }, call),
    getPartyCharacteristics: (client, call) =>
      client.getPartyCharacteristics(
        { ...CUSTOMER, contractId: 8001234567, fields: ['role', 'plus'] },
        call,
      ),
    checkoutPayment: (client, call) =>
      client.checkoutPayment({ ...CUSTOMER, payment: PAYMENT }, call),
    registerPayment: (client, call) =>
      client.registerPayment({ ...CUSTOMER, payment: PAYMENT }, call),
    validatePayment: (client, call) =>
      client.validatePayment({ paymentId: '3f9a7c21d84e4b0f9e6a5c1d2b7e8f40' }, call),
    validatePaymentByCoupon: (client, call) =>
      client.validatePaymentByCoupon({ couponId: 'coupon', id: '4150023618' }, call),
  },
});
