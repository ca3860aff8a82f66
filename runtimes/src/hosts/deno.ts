import type { Flow } from '../flows/contract.js';
import { flowHandler, listeningLine } from './run-flow.js';

declare const Deno: {
  serve(
    options: { hostname: string; port: number; onListen(address: { port: number }): void },
    handler: (request: Request) => Promise<Response>,
  ): unknown;
};

/** Deno.serve on a free loopback port. */
export function host(flow: Flow): void {
  Deno.serve(
    { hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(listeningLine(port)) },
    flowHandler(flow),
  );
}
