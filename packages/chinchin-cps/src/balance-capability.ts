import { ApiError, AuthError, isRetryableStatus } from '@telcopay/core';
import type { BasicService } from './generated/types.js';
import { type ServiceId, type ServiceName, serviceName } from './services.js';

/**
 * A balance query refused (4xx) for a service that the provider's own list
 * (`listBasicServices` with `canGetBalance=true`) does not mark as balance-capable. Keeps the
 * original status, body and ids; the message says why the query cannot succeed.
 */
export class ServiceNotBalanceCapableError extends ApiError {
  readonly idTypeService: ServiceId;
  readonly serviceName: ServiceName;

  constructor(refusal: ApiError & { status: number }, idTypeService: ServiceId) {
    const name = serviceName(idTypeService);
    super(
      `${refusal.message} Service ${name} (${idTypeService}) is not balance-capable according to the provider's list (listBasicServices with canGetBalance=true).`,
      {
        provider: refusal.provider,
        operation: refusal.operation,
        status: refusal.status,
        requestId: refusal.requestId,
        correlationId: refusal.correlationId,
        idempotencyKey: refusal.idempotencyKey,
        body: refusal.body,
        retryable: refusal.retryable,
      },
    );
    this.idTypeService = idTypeService;
    this.serviceName = name;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), idTypeService: this.idTypeService, serviceName: this.serviceName };
  }
}

/**
 * Explains a refused balance query: on a definitive 4xx (not an auth failure, not 408/429) it
 * looks the service up in the balance-capable list — fetched once per client, shared by
 * concurrent callers, fetched again only if the lookup failed — and, when the service is not
 * there, returns a `ServiceNotBalanceCapableError`. Otherwise (or if the lookup fails) it
 * returns the original error unchanged.
 */
export function balanceCapabilityExplainer(
  listBalanceCapable: () => Promise<BasicService[]>,
): (error: unknown, idTypeService: ServiceId) => Promise<unknown> {
  let capableIds: Promise<ReadonlySet<number>> | undefined;

  return async (error, idTypeService) => {
    if (!isDefinitiveRefusal(error)) return error;
    capableIds ??= listBalanceCapable().then(
      (services) =>
        // Entries flagged `canGetBalance: false` do not count, should the filter be ignored.
        new Set(services.filter((s) => s.canGetBalance !== false).map((s) => s.idTypeService)),
    );
    try {
      const capable = await capableIds;
      return capable.has(idTypeService)
        ? error
        : new ServiceNotBalanceCapableError(error, idTypeService);
    } catch {
      capableIds = undefined;
      return error;
    }
  };
}

function isDefinitiveRefusal(error: unknown): error is ApiError & { status: number } {
  return (
    error instanceof ApiError &&
    !(error instanceof AuthError) &&
    error.statusClass === 'client' &&
    error.status !== undefined &&
    !isRetryableStatus(error.status)
  );
}
