import { createQvatelClient } from '@telcopay/qvatel';
import { check, urlOf } from './checks.js';
import type { Flow } from './contract.js';

/** The balance, a recharge (money, sent once), and that recharge's status. */
export const flow: Flow = async ({ urls, credentials }, record) => {
  const qvatel = createQvatelClient({ ...credentials.qvatel, baseUrl: urlOf(urls, 'qvatel') });

  await record('getRechargeBalance', qvatel.getRechargeBalance(), (b) => `balance ${b.balance}`);
  const recharge = await record(
    'sendRecharge',
    qvatel.sendRecharge({ destino: '52942387', monto: 20 }),
    (sent) => `${sent.id_recarga} to ${sent.destino}`,
  );
  check(recharge.destino === '+5352942387', 'the phone is sent in international form');
  await record(
    'getRechargeStatus',
    qvatel.getRechargeStatus(recharge.id_recarga),
    (status) => status.estado,
  );
};
