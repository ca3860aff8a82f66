import type { Flow } from '../flows/contract.js';
import { flowHandler, listeningLine } from './run-flow.js';

declare const Bun: {
  serve(options: {
    hostname: string;
    port: number;
    idleTimeout: number;
    fetch(request: Request): Promise<Response>;
  }): { port: number };
};

/** Bun.serve on a free loopback port. Idle timeout off: a flow may take long on a busy machine. */
export function host(flow: Flow): void {
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    idleTimeout: 0,
    fetch: flowHandler(flow),
  });
  console.log(listeningLine(server.port));
}
