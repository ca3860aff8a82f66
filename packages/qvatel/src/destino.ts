import { ValidationError } from '@telcopay/core';

/** Cuba's country code, as QvaTel's `destino` forms carry it. */
const COUNTRY_CODE = '53';

/** The three forms the API accepts: `52942387`, `5352942387`, `+5352942387`. */
const DESTINO_FORMS = /^(?:\+?53)?(\d{8})$/;

/**
 * Checks that `destino` is a Cuban number in one of the three accepted forms and returns it in
 * the international form (`+5352942387`), the one the provider answers with, so that the sent
 * and the answered numbers compare equal. Surrounding white space is ignored.
 */
export function normaliseDestino(destino: string, operation = 'sendRecharge'): string {
  const match = typeof destino === 'string' ? DESTINO_FORMS.exec(destino.trim()) : null;
  if (!match) {
    throw new ValidationError(
      `destino must be a Cuban phone number as 52942387, 5352942387 or +5352942387 (got ${JSON.stringify(destino)}).`,
      { provider: 'qvatel', operation, field: 'destino', body: { destino } },
    );
  }
  return `+${COUNTRY_CODE}${match[1]}`;
}
