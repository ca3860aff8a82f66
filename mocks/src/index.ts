export { APIS, type ApiName, isApiName, MOCK_PORTS, PROVIDERS, specPath } from './apis.js';
export type { PortChoice } from './host.js';
export {
  type ConformanceReport,
  type ProxyOptions,
  type RunningProxy,
  startProxy,
} from './proxy/index.js';
export {
  CONTROL_PATH,
  type MockScenarios,
  mockScenarios,
  SCENARIO_HEADER,
  ScenarioError,
  type ScenarioStep,
  STEP_FAULTS,
  type StepFault,
} from './scenarios/index.js';
export { loadDocument, specOperations } from './spec/load.js';
export type { Scenario, SpecOperation } from './spec/operations.js';
export { type RunningMocks, type StartMocksOptions, startMocks } from './start.js';
