// What passes between the Node side and an app running in a runtime: plain JSON both ways.

import type { ApiName } from '@telcopay/mocks';

export type { ApiName };

/** The apps of the matrix: one per provider, and one for the SDK facade. */
export type AppName = ApiName | 'sdk';
export const APPS: readonly AppName[] = [
  'chinchin-cps',
  'qvatel',
  'tigo-b2b-billing',
  'masstack-partners',
  'stone-topups',
  'sdk',
];

/** The credentials an app's clients are built with; made up per run, never committed. */
export interface Credentials {
  chinchinCps: { apiKey: string; apiSecret: string };
  qvatel: { apiToken: string };
  tigoB2bBilling: { clientId: string; clientSecret: string };
  masstackPartners: { token: string };
  /** `privateKey` is a PKCS#8 PEM; `pin` solves the local gateway's challenges. */
  stoneTopups: { clientId: string; privateKey: string; accountId: string; pin: string };
}

/** Everything an app needs: where each provider is (its local front) and the credentials. */
export interface AppConfig {
  urls: Partial<Record<ApiName, string>>;
  credentials: Credentials;
}

/** One call an app made, and a one-line summary of what it answered. */
export interface Step {
  call: string;
  answer: string;
}

/** How an app failed: the error's class and message (telcopay errors are already redacted). */
export interface AppError {
  name: string;
  message: string;
  /** The recorded call that failed; absent when a check between calls failed. */
  call?: string;
  status?: number;
  stack?: string;
}

export type Report = { ok: true; steps: Step[] } | { ok: false; steps: Step[]; error: AppError };

/** Awaits one call, records it with a summary of its answer, and hands the answer back. */
export type Recorder = <T>(
  call: string,
  answer: Promise<T>,
  summary: (value: T) => string,
) => Promise<T>;

/** A provider flow: real calls, in order, throwing on anything unexpected. */
export type Flow = (config: AppConfig, record: Recorder) => Promise<void>;
