import type { RetryPolicy } from '@telcopay/core';
import { openTelemetry } from '@telcopay/core/opentelemetry';
import { recordTelemetry } from '@telcopay/testing/telemetry';
import type { ClientEnvironment } from './clients.js';
import { type Credentials, configuredSecrets, generateCredentials } from './credentials.js';
import { type FaultServer, type FaultServerOptions, startFaultServer } from './fault-server.js';
import type { Lane } from './lane.js';
import { type SecretHit, Surfaces } from './surfaces.js';
import { unhandledRejections } from './unhandled.js';

/** How long connections may take to close once idle ones are closed: bounds a failing run only. */
const CLOSE_GRACE_MS = 10_000;

/** How the clients of a test file are built. */
export interface ClientSettings {
  timeoutMs: number;
  retry: Partial<RetryPolicy>;
}

/** What a test file proves besides its own assertions, once every call is done. */
export interface SuiteReport {
  secretsScanned: number;
  errorsScanned: number;
  logEntriesScanned: number;
  /** Spans the clients exported (each with its events), scanned with their metrics. */
  spansScanned: number;
  secretHits: SecretHit[];
  unhandledRejections: number;
  /** Connections to the fault server still open once every call settled and idle ones closed. */
  openSockets: number;
  /** Requests the fault server could not route (a bug of the suite itself). */
  unrouted: number;
}

export interface Suite {
  server: FaultServer;
  credentials: Credentials;
  surfaces: Surfaces;
  /** A client environment on `lane`: random credentials, the suite's logger and settings. */
  environment(lane: Lane, settings?: Partial<ClientSettings>): ClientEnvironment;
  /** Scans for secrets, checks for open sockets and stray rejections, stops the server. */
  finish(): Promise<SuiteReport>;
}

export async function startSuite(
  settings: ClientSettings,
  serverOptions: FaultServerOptions = {},
): Promise<Suite> {
  const rejections = unhandledRejections();
  rejections.start();
  const server = await startFaultServer(serverOptions);
  // The first fetch of a process loads its implementation (undici): done here, not in a timed call.
  await fetch(server.deadOrigin).catch(() => undefined);
  const credentials = await generateCredentials();
  const surfaces = new Surfaces();
  const recorder = recordTelemetry();
  const telemetry = openTelemetry(recorder);
  return {
    server,
    credentials,
    surfaces,
    environment: (lane, overrides = {}) => ({
      lane,
      credentials,
      logger: surfaces.logger,
      telemetry,
      ...settings,
      ...overrides,
    }),
    async finish() {
      const openSockets = await server.drained(CLOSE_GRACE_MS);
      await server.close();
      rejections.stop();
      // Every secret the run knew of: the configured ones, and all the server saw or issued.
      const secrets = new Set([...configuredSecrets(credentials), ...server.secretsSeen]);
      const exported = await recorder.exportedText();
      surfaces.addExported(exported);
      return {
        secretsScanned: secrets.size,
        errorsScanned: surfaces.errors,
        logEntriesScanned: surfaces.logEntries,
        spansScanned: JSON.parse(exported).spans.length,
        secretHits: surfaces.scan(secrets),
        unhandledRejections: rejections.reasons.length,
        openSockets,
        unrouted: server.unrouted(),
      };
    },
  };
}
