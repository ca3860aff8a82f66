// A consumer's program that uses @telcopay/qvatel alone (copied into a fresh npm project by
// consumer.test.ts, compiled there and run against the packed QvaTel mock).
import { BusinessError, createQvatelClient } from '@telcopay/qvatel';

const baseUrl = process.argv[2];
if (!baseUrl) throw new Error('usage: node dist/recharge.js <QvaTel base URL>');

const qvatel = createQvatelClient({ apiToken: 'consumer-token', baseUrl });
const recharge = await qvatel.sendRecharge({ destino: '52942387', monto: 20 });
const { estado } = await qvatel.getRechargeStatus(recharge.id_recarga);
const { balance } = await qvatel.getRechargeBalance();
console.log(
  JSON.stringify({ id: recharge.id_recarga, destino: recharge.destino, estado, balance }),
);

try {
  await qvatel.sendRecharge(
    { destino: '52942387', monto: 20 },
    { headers: { Prefer: 'example=failure' } },
  );
} catch (error) {
  if (!(error instanceof BusinessError)) throw error;
  console.log(`refused: ${error.providerMessage}`);
}
