export { CHROMIUM, launchChromium } from './chromium.js';
export { type ContractSuite, describeContract, type OperationCall } from './contract.js';
export { type DocSample, docSamples, documentationFiles } from './doc-samples.js';
export {
  expectGolden,
  freezeDate,
  mark,
  recordRequests,
  renderRequest,
  UPDATE_GOLDEN_ENV,
  type WireReply,
  type WireRequest,
  wireRecorder,
} from './golden.js';
export { type Handler, localServer } from './local-server.js';
export { MOCK_URLS_ENV, mockUrl, parseMockUrls } from './mock-urls.js';
export { recordingFetch } from './recording-fetch.js';
export { type ClientConnection, describeScenarios, type ScenarioTransport } from './scenarios.js';
export { type Scenario, type SpecOperation, specOperations } from './spec.js';
