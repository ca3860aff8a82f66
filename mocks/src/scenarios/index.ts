// Scenarios: queued answers and faults per operation, checked against the spec (no node: import).
export { CONTROL_PATH, SCENARIO_HEADER, ScenarioBook } from './book.js';
export { type MockScenarios, mockScenarios } from './control.js';
export {
  type PlannedStep,
  planSteps,
  ScenarioError,
  type ScenarioStep,
  STEP_FAULTS,
  type StepFault,
} from './steps.js';
