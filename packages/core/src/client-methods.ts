import { type AuthStrategy, requireCredential } from './auth.js';
import { type ClientOptions, createProviderRuntime, type ProviderRuntime } from './client.js';
import type { ProviderManifest } from './environment.js';
import {
  type MethodOf,
  type OperationDefinition,
  type OperationTable,
  operationMethods,
} from './operations.js';

/** The operation of a table that a method name sends. */
type OperationNamed<T extends OperationTable, M> = Extract<T[keyof T], { method: M }>;

/** A client's methods by name: each one's input mapping and quirks (`OperationDefinition`). */
export type MethodDefinitions<Paths, T extends OperationTable> = {
  [M in T[keyof T]['method']]?: OperationDefinition<Paths, OperationNamed<T, M>>;
};

/**
 * The methods of a client, typed from its definitions: the signatures are not restated, and each
 * definition's doc comment is its method's.
 */
export type ClientMethods<Paths, T extends OperationTable, D> = {
  [M in keyof D]: MethodOf<Paths, OperationNamed<T, M>, D[M]>;
};

/** The typed methods of `definitions` (keyed by method name), each sent as the table says. */
export function clientMethods<Paths extends {}, T extends OperationTable, D>(
  runtime: ProviderRuntime<Paths>,
  table: T,
  definitions: D & MethodDefinitions<Paths, T>,
): ClientMethods<Paths, T, D> {
  const operationOf = new Map(Object.entries(table).map(([id, { method }]) => [method, id]));
  const byOperation = Object.fromEntries(
    Object.entries(definitions).map(([method, definition]) => [
      operationOf.get(method),
      definition,
    ]),
  );
  return operationMethods(runtime, table, byOperation) as unknown as ClientMethods<Paths, T, D>;
}

/**
 * Checks the credential options the manifest names before anything is built: each a non-empty
 * string, or a function or key object that yields one. The error names the field, never the value.
 */
export function requireCredentials(manifest: ProviderManifest, options: object): void {
  for (const field of manifest.credentials) {
    const value = (options as Record<string, unknown>)[field];
    const given = typeof value === 'function' || (typeof value === 'object' && value !== null);
    if (!given) requireCredential(manifest.name, field, value);
  }
}

/** A provider's runtime from its manifest: its name, environments and secret names. */
export function manifestRuntime<Paths extends {}, Environment extends string>(
  manifest: ProviderManifest,
  options: ClientOptions<Environment>,
  auth: AuthStrategy,
  /** Its servers, when the client computes them (default: the manifest's). */
  environments = manifest.environments as Readonly<Record<Environment, string>>,
): ProviderRuntime<Paths> {
  const { name: provider, secretNames } = manifest;
  return createProviderRuntime({ provider, environments, secretNames }, options, auth);
}
