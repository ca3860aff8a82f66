import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { BINARIES, WORKERD_COMPATIBILITY_DATE } from './binaries.js';
import { processRuntime } from './process-runtime.js';
import { START_TIMEOUT_MS } from './runtime.js';
import { firstMatch, type Tethered } from './tether.js';

/**
 * The worker's config: the bundle as an ES module on a free loopback port, no Node.js
 * compatibility flag, and an outbound network limited to loopback (where the fronts are).
 */
function capnpConfig(bundleName: string): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "app", worker = .app),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "app")],
);

const app :Workerd.Worker = (
  modules = [(name = "app.js", esModule = embed "${bundleName}")],
  compatibilityDate = "${WORKERD_COMPATIBILITY_DATE}",
  globalOutbound = "loopback",
);
`;
}

/** workerd reports each socket's port on its control fd: `{"event":"listen",…,"port":N}`. */
const LISTEN_EVENT = /"event":"listen","socket":"http","port":(\d+)/;

const reportedPort = (tethered: Tethered) =>
  firstMatch(tethered, tethered.child.stdio[3] as Readable, LISTEN_EVENT, START_TIMEOUT_MS).then(
    ([, port]) => Number(port),
  );

/** workerd: the bundle is a worker module; Node drives it with one HTTP request. */
export const workerd = processRuntime({
  name: 'workerd',
  bundling: { platform: 'browser', conditions: ['workerd', 'worker', 'browser'] },
  binary: BINARIES.workerd,
  launch: (bundle) => {
    const config = `${bundle}.capnp`;
    writeFileSync(config, capnpConfig(basename(bundle)));
    return { args: ['serve', config, '--control-fd=3'], controlFd: true };
  },
  port: reportedPort,
});
