export { ServiceNotBalanceCapableError } from './balance-capability.js';
export {
  type BasicService,
  CHINCHIN_CPS_ENVIRONMENTS,
  type ChinchinCpsClient,
  type ChinchinCpsClientOptions,
  type ChinchinCpsEnvironment,
  createChinchinCpsClient,
  type GetServiceBalanceInput,
  type ListBasicServicesInput,
  type PayResult,
  type PayServiceInput,
  type ServiceBalance,
} from './client.js';
export type { components, operations, paths } from './generated/schema.js';
export {
  isServiceId,
  SERVICE_IDS,
  type ServiceId,
  type ServiceName,
  serviceName,
} from './services.js';
