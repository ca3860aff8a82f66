import { createTigoB2bBillingClient } from '@telcopay/tigo-b2b-billing';
import { check, urlOf } from './checks.js';
import type { Flow } from './contract.js';

const CUSTOMER = { idType: 'NIT', identification: 900123456 };
const CONTRACT = { contractId: 8001234567 };

/** A token (client credentials), a contract and its bills, then a bill's checkout (money). */
export const flow: Flow = async ({ urls, credentials }, record) => {
  const tigo = createTigoB2bBillingClient({
    ...credentials.tigoB2bBilling,
    baseUrl: urlOf(urls, 'tigo-b2b-billing'),
  });

  await record(
    'getContract',
    tigo.getContract(CONTRACT),
    (contract) => `${contract.contractsCollection.length} contracts`,
  );
  const bills = await record(
    'listBills',
    tigo.listBills({ ...CONTRACT, quantity: 3 }),
    (list) => `${list.length} bills`,
  );
  const bill = bills[0];
  check(bill?.billNo && bill.billAmount, 'the contract has a bill to pay');
  const checkout = await record(
    'checkoutPayment',
    tigo.checkoutPayment({
      ...CUSTOMER,
      payment: {
        intent: 'sale',
        billsCollection: [
          { billNo: bill.billNo, billAmount: bill.billAmount, referencePayment: bill.billNo },
        ],
        paymentData: { paymentMethod: 'PSE' },
      },
    }),
    (answer) => `signature ${answer.signature}`,
  );
  check(checkout.signature && checkout.url, 'the checkout gives a signature and a payment URL');
};
