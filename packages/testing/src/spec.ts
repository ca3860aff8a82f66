// The spec reader lives with the mocks, which serve the same bundled documents.
export { type Scenario, type SpecOperation, specOperations } from '@telcopay/mocks';
