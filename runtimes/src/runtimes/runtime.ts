import type { AppConfig, Report } from '../flows/contract.js';

/** The rows of the matrix, in order. */
export const RUNTIME_NAMES = ['chromium', 'bun', 'deno', 'workerd'] as const;
export type RuntimeName = (typeof RUNTIME_NAMES)[number];

/** A JavaScript runtime of the matrix, as the Node side drives it. */
export interface Runtime {
  name: RuntimeName;
  /** How its users would bundle for it: esbuild's platform and export conditions. */
  bundling: { platform: 'browser' | 'neutral'; conditions: string[] };
  /** Starts what the apps share (a browser), in `workDir`, where the bundles are. */
  start(workDir: string): Promise<RuntimeSession>;
}

export interface RuntimeSession {
  /** The runtime's version number, as it reports it. */
  version: string;
  /** Loads one bundled app. Closing the session also closes the apps still open. */
  open(bundle: string): Promise<OpenApp>;
  close(): Promise<void>;
}

export interface OpenApp {
  /** Runs the app's flow once with `config`; resolves to its report. */
  run(config: AppConfig): Promise<Report>;
  /** What the runtime printed, for error messages. */
  output(): string;
  close(): Promise<void>;
}

/** How long a runtime may take to start or load an app (seconds are usual; the machine is busy). */
export const START_TIMEOUT_MS = 60_000;
/** How long one flow may take (a few seconds are usual). */
export const FLOW_TIMEOUT_MS = 120_000;

/** Keeps the apps a session opened, so that closing it closes them all. */
export function openApps() {
  const open = new Set<OpenApp>();
  return {
    add(app: OpenApp): OpenApp {
      open.add(app);
      return {
        ...app,
        close: async () => {
          open.delete(app);
          await app.close();
        },
      };
    },
    async closeAll(): Promise<void> {
      await Promise.allSettled([...open].map((app) => app.close()));
      open.clear();
    },
  };
}
