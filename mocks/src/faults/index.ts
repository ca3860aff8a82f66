// The fault vocabulary and the fault player, shared by the mocks' scenarios and the fault suite.
import { APIS, type ApiName } from '../apis.js';
import { specOperations } from '../spec/load.js';
import { answersOf, type OperationAnswers } from './answers.js';

export { type OperationAnswers, routeOf } from './answers.js';
export { type Exchange, respond, type ServedFault } from './respond.js';
export { FAULT_DESCRIPTIONS, FAULTS, type Fault, RETRY_AFTER_SECONDS } from './vocabulary.js';
export { specOperations };

/** The answers of every operation of every bundled spec. */
export function loadAnswers(
  apis: readonly ApiName[] = APIS,
): ReadonlyMap<ApiName, readonly OperationAnswers[]> {
  return new Map(apis.map((api) => [api, specOperations(api).map((op) => answersOf(api, op))]));
}
