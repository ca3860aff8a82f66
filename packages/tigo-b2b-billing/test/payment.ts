// A customer and a payment of one bill, from the spec's examples: the contract and scenario tests'.
export const CUSTOMER = { idType: 'NIT', identification: 900123456 };
export const PAYMENT = {
  intent: 'sale',
  billsCollection: [
    { billNo: '909501941', billAmount: '185900', referencePayment: '909501941-90' },
  ],
  paymentData: { paymentMethod: 'PSE' },
};
