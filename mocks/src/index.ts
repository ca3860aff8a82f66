export { APIS, type ApiName, isApiName, MOCK_PORTS, PROVIDERS, specPath } from './apis.js';
export type { PortChoice } from './host.js';
export {
  type ConformanceReport,
  type ProxyOptions,
  type RunningProxy,
  startProxy,
} from './proxy/index.js';
export { type RunningMocks, type StartMocksOptions, startMocks } from './start.js';
