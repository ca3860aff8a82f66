import {
  createQuerySerializer,
  defaultPathSerializer,
  type HeadersOptions,
  type ParamsOption,
  type QuerySerializer,
  type QuerySerializerOptions,
  type RequestBodyOption,
  removeTrailingSlash,
} from 'openapi-fetch';
import {
  type AuthStrategy,
  type Credentials,
  type OutgoingRequest,
  withFormFields,
} from './auth.js';
import type { ProviderRuntime } from './client.js';
import { type Reconciliation, ValidationError } from './errors.js';
import { callIdentity, isUuid } from './idempotency.js';
import type { CallOptions, Safety, SendResult } from './operation.js';
import {
  type InputSite,
  invalidField,
  mapParameters,
  type ParameterContract,
} from './parameters.js';
import type { HttpFacts } from './telemetry.js';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options' | 'trace';

/** How telcopay runs one operation: its spec's `x-telcopay` and route, as generated. */
export interface OperationContract {
  /** The client method that sends it. */
  readonly method: string;
  readonly path: string;
  readonly httpMethod: HttpMethod;
  readonly safety: Safety;
  /** The request body's media type, when it has a body. */
  readonly contentType?: string;
  /** Where a `keyed` operation's idempotency key goes: a header, or a body field. */
  readonly key?: { readonly in: 'header' | 'body'; readonly name: string };
  /** The header of a per-call correlation id, when the provider takes one (and its format). */
  readonly correlation?: { readonly in: 'header'; readonly name: string; readonly format?: string };
  /** How to learn what an `unkeyed-money` call did when its answer was lost. */
  readonly reconcile?: Reconciliation;
  /** The request's fields (body fields or parameters) kept to reconcile an `unkeyed-money` call. */
  readonly requestIds?: readonly string[];
  /** Its path and query parameters, as core maps a method's input object to them. */
  readonly params?: readonly ParameterContract[];
}

/** A provider's operations by operationId (`src/generated/operations.ts`). */
export type OperationTable = Readonly<Record<string, OperationContract>>;

/** The openapi-typescript operation a contract names. */
export type OperationOf<Paths, C extends OperationContract> =
  Paths extends Record<C['path'], Record<C['httpMethod'], infer Op>> ? Op : never;

type OkStatus = 200 | 201 | 202 | 203 | 204 | 206 | 207 | '2XX';

/**
 * An operation's success body: the content of its 2xx answers, as openapi-fetch types `data`
 * (written out here, so that a client's declarations name only the spec's own types).
 */
export type SuccessData<Op> = Op extends { responses: infer Responses }
  ? NonNullable<
      {
        [S in keyof Responses & OkStatus]: Responses[S] extends { content: infer Content }
          ? Content[keyof Content]
          : never;
      }[keyof Responses & OkStatus]
    >
  : never;

interface RequestExtras {
  /** The caller's idempotency key; a keyed operation makes one per call without it. */
  idempotencyKey?: string | undefined;
  /** The caller's correlation id; an operation that takes one makes it without it. */
  correlationId?: string | undefined;
  /**
   * The request's own references, kept for reconciliation when the outcome is unknown. Default:
   * the fields the spec names (`x-telcopay.requestIds`).
   */
  requestIds?: Record<string, unknown> | undefined;
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions | undefined;
}

/** One call's request (typed by the spec). */
export type OperationRequest<Op> = ParamsOption<Op> & RequestBodyOption<Op> & RequestExtras;

type ParametersOf<Op> = Op extends { parameters: infer P } ? P : never;

/**
 * One call's request as a method's input mapping builds it: what core takes from the input object
 * (the table's `params`, its `body` and `correlationId`) may be left out; any given here win.
 */
export type MappedRequest<Op> = {
  params?: { [K in keyof ParametersOf<Op>]?: Partial<ParametersOf<Op>[K]> };
} & Partial<RequestBodyOption<Op>> &
  RequestExtras;

/** The idempotency key and correlation id one call was sent with. */
export interface CallIds<C extends OperationContract> {
  idempotencyKey: C extends { key: object } ? string : undefined;
  correlationId: C extends { correlation: object } ? string : undefined;
}

/** What a call was sent with, for shaping its result. */
export interface Sent<C extends OperationContract> extends CallIds<C> {
  /** The HTTP status of the answer. */
  status: number;
}

/** The hand-written part of one method: its input mapping and the provider's quirks. */
export interface OperationDefinition<Paths, C extends OperationContract> {
  /**
   * The method's input (checked, or a ValidationError thrown) as the request; a request that
   * depends on no input is given as is, and the method then takes only the call options.
   */
  request?:
    | ((input: never) => MappedRequest<OperationOf<Paths, C>>)
    | MappedRequest<OperationOf<Paths, C>>;
  /** For a 2xx body: the provider's failure text when the body reports a failure. */
  businessFailure?: (data: SuccessData<OperationOf<Paths, C>>) => string | undefined;
  /**
   * What the method resolves to, when the call's ids go with the body: `body-with-key` is the
   * body with its `idempotencyKey`, `correlated` is `{ correlationId, data }`. Default: the body.
   */
  returns?: 'body' | 'body-with-key' | 'correlated';
  /** What the method resolves to, shaped by the provider (default: as `returns` says). */
  result?: (data: SuccessData<OperationOf<Paths, C>>, sent: Sent<C>) => unknown;
  /** What a failure becomes (a provider-specific error), given the request that failed. */
  mapError?: (
    error: unknown,
    request: OperationRequest<OperationOf<Paths, C>>,
    ids: CallIds<C>,
  ) => unknown;
  /** This operation's own auth (none for a public key set, the token endpoint's own). */
  auth?: AuthStrategy;
  /** This operation's own server (a token endpoint on another host). */
  baseUrl?: string;
  /** True for the request to a token endpoint: telemetry counts it as a token request. */
  tokenRequest?: boolean;
}

type Definitions<Paths, T extends OperationTable> = {
  [K in keyof T]?: OperationDefinition<Paths, T[K]>;
};

type ResultOf<Paths, C extends OperationContract, Def> = Def extends {
  result: (data: SuccessData<OperationOf<Paths, C>>, sent: Sent<C>) => infer Result;
}
  ? Result
  : Def extends { returns: 'body-with-key' }
    ? SuccessData<OperationOf<Paths, C>> & { idempotencyKey: CallIds<C>['idempotencyKey'] }
    : Def extends { returns: 'correlated' }
      ? { correlationId: CallIds<C>['correlationId']; data: SuccessData<OperationOf<Paths, C>> }
      : SuccessData<OperationOf<Paths, C>>;

export type MethodOf<Paths, C extends OperationContract, Def> = Def extends {
  request: (...input: infer Input extends [unknown?]) => unknown;
}
  ? (...args: [...input: Input, call?: CallOptions]) => Promise<ResultOf<Paths, C, Def>>
  : (call?: CallOptions) => Promise<ResultOf<Paths, C, Def>>;

/** The methods of the defined operations, named as the table names them. */
export type OperationMethods<Paths, T extends OperationTable, D> = {
  [K in keyof D & keyof T as T[K]['method']]: MethodOf<Paths, T[K], D[K]>;
};

/** The request and definition as the runtime handles them, past their static types. */
interface AnyRequest {
  params?: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
  };
  body?: unknown;
  idempotencyKey?: string | undefined;
  correlationId?: string | undefined;
  requestIds?: Record<string, unknown> | undefined;
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions | undefined;
}
interface AnyDefinition {
  request?: ((input: unknown) => AnyRequest) | AnyRequest;
  businessFailure?: (data: unknown) => string | undefined;
  returns?: 'body' | 'body-with-key' | 'correlated';
  result?: (data: unknown, sent: Sent<OperationContract>) => unknown;
  mapError?: (error: unknown, request: AnyRequest, ids: CallIds<OperationContract>) => unknown;
  auth?: AuthStrategy;
  baseUrl?: string;
  tokenRequest?: boolean;
}

const FORM = 'application/x-www-form-urlencoded';

/**
 * Turns a provider's operation table and its definitions (input mapping, quirks) into typed
 * methods: each sends its operation as the table says — its safety, where its idempotency key
 * and correlation id go, how to reconcile it — through the runtime's runner.
 */
export function operationMethods<
  Paths extends {},
  T extends OperationTable,
  D extends Definitions<Paths, T>,
>(runtime: ProviderRuntime<Paths>, table: T, definitions: D): OperationMethods<Paths, T, D> {
  const methods: Record<string, unknown> = {};
  for (const [operation, definition] of Object.entries(definitions) as [string, AnyDefinition][]) {
    const contract = table[operation] as OperationContract;
    const { request } = definition;
    const invoke = (input: () => AnyRequest, call: CallOptions | undefined) =>
      callOperation(runtime, operation, contract, definition, input, call);
    methods[contract.method] =
      typeof request === 'function'
        ? (input: unknown, call?: CallOptions) =>
            invoke(() => mapInput(runtime.provider, operation, contract, request, input), call)
        : (call?: CallOptions) => invoke(() => request ?? {}, call);
  }
  return methods as OperationMethods<Paths, T, D>;
}

/** One logical call: its input mapped (and checked) first, then sent, retried as it may be. */
async function callOperation<Paths extends object>(
  runtime: ProviderRuntime<Paths>,
  operation: string,
  contract: OperationContract,
  definition: AnyDefinition,
  input: () => AnyRequest,
  call: CallOptions = {},
): Promise<unknown> {
  const request = withRequestIds(contract, input());
  const prepared = prepare(runtime, contract, definition, request);
  const { ids } = prepared;
  const auth = definition.auth ?? runtime.auth;
  let status = 0;
  let data: unknown;
  try {
    data = await runtime.run(
      {
        operation,
        safety: contract.safety,
        ...ids,
        requestIds: request.requestIds,
        reconcile: contract.reconcile,
        tokenRequest: definition.tokenRequest,
        http: prepared.http,
        authorize: () => auth.authorize(prepared.outgoing),
        async send(signal, credentials) {
          const result = await sendPrepared(runtime, prepared, credentials, call, signal);
          status = result.response.status;
          return result;
        },
        ...(definition.businessFailure ? { businessFailure: definition.businessFailure } : {}),
      },
      call,
    );
  } catch (error) {
    throw definition.mapError ? await definition.mapError(error, request, ids) : error;
  }
  if (definition.result) return definition.result(data, { ...ids, status });
  if (definition.returns === 'body-with-key') {
    return { ...(data as object), idempotencyKey: ids.idempotencyKey };
  }
  return definition.returns === 'correlated' ? { correlationId: ids.correlationId, data } : data;
}

/**
 * The request a method's input maps to. A mapping that declares a required input (a parameter
 * without a default) is not called without one: that is the caller's mistake, said as such.
 */
function mapInput(
  provider: string,
  operation: string,
  contract: OperationContract,
  request: (input: unknown) => AnyRequest,
  input: unknown,
): AnyRequest {
  if ((input === undefined || input === null) && request.length > 0) {
    throw new ValidationError(`${contract.method} needs its input, got ${input}.`, {
      provider,
      operation,
      field: 'input',
    });
  }
  const site = { provider, operation };
  const parameters = contract.params ?? [];
  // An object input holds the parameters (checked first); a bare value is the only parameter's.
  const bare = input !== undefined && typeof input !== 'object';
  if (bare && parameters.length !== 1) return request(input);
  const [only] = parameters;
  const fields = (bare && only ? { [only.input ?? only.name]: input } : (input ?? {})) as Record<
    string,
    unknown
  >;
  const mapped = mapParameters(site, parameters, fields);
  const own = request(input);
  const { params = {} } = own;
  return {
    // The input holds the body and the correlation id too, where the mapping does not set them.
    ...('body' in fields ? { body: fields.body } : {}),
    ...(contract.correlation && {
      correlationId: checkedId(site, contract.correlation, fields.correlationId),
    }),
    ...own,
    ...(parameters.length > 0 && {
      params: {
        ...params,
        path: { ...mapped.path, ...params.path },
        query: { ...mapped.query, ...params.query },
      },
    }),
  };
}

/** The caller's correlation id, in the format its header's schema gives (a uuid). */
function checkedId(
  site: InputSite,
  place: NonNullable<OperationContract['correlation']>,
  correlationId: unknown,
): string | undefined {
  if (correlationId === undefined) return undefined;
  if (typeof correlationId !== 'string' || (place.format === 'uuid' && !isUuid(correlationId))) {
    invalidField(site, 'correlationId', `must be a ${place.format ?? 'string'}`, correlationId);
  }
  return correlationId;
}

/** The request with its default `requestIds`: the fields the spec names, as sent. */
function withRequestIds(contract: OperationContract, request: AnyRequest): AnyRequest {
  if (request.requestIds || !contract.requestIds) return request;
  const sources = [request.body, request.params?.path, request.params?.query] as Record<
    string,
    unknown
  >[];
  const sent = (name: string) => sources.find((fields) => fields?.[name] !== undefined)?.[name];
  const requestIds = Object.fromEntries(contract.requestIds.map((name) => [name, sent(name)]));
  return { ...request, requestIds };
}

/** One call's request, ready for every attempt: its ids fixed, its body serialised once. */
interface PreparedRequest {
  contract: OperationContract;
  ids: CallIds<OperationContract>;
  /** The headers of its ids (idempotency key, correlation id). */
  idHeaders: Readonly<Record<string, string>>;
  params: NonNullable<AnyRequest['params']>;
  querySerializer: AnyRequest['querySerializer'];
  /** What the auth signs and adds its credentials to. */
  outgoing: OutgoingRequest;
  /** The request as telemetry reports it: no query, no header, no body. */
  http: HttpFacts;
}

function prepare<Paths extends object>(
  runtime: ProviderRuntime<Paths>,
  contract: OperationContract,
  definition: AnyDefinition,
  request: AnyRequest,
): PreparedRequest {
  const identity = callIdentity(contract, request);
  const params = request.params ?? {};
  const body = identity.body === undefined ? undefined : serialise(identity.body, contract);
  const baseUrl = definition.baseUrl ? removeTrailingSlash(definition.baseUrl) : runtime.baseUrl;
  const method = contract.httpMethod.toUpperCase();
  const url = baseUrl + defaultPathSerializer(contract.path, params.path ?? {});
  return {
    contract,
    ids: {
      idempotencyKey: identity.idempotencyKey,
      correlationId: identity.correlationId,
    } as CallIds<OperationContract>,
    idHeaders: identity.headers,
    params,
    querySerializer: request.querySerializer,
    http: { method, url, route: contract.path },
    outgoing: {
      method,
      baseUrl,
      url,
      query: params.query,
      body,
      contentType: body === undefined ? undefined : contract.contentType,
    },
  };
}

/** Sends one attempt of a prepared request with its credentials, through the methods' transport. */
function sendPrepared<Paths extends object>(
  runtime: ProviderRuntime<Paths>,
  prepared: PreparedRequest,
  credentials: Credentials | undefined,
  call: CallOptions,
  signal: AbortSignal,
): Promise<SendResult<unknown>> {
  const { contract, params, outgoing } = prepared;
  const query = credentials?.query ? { ...params.query, ...credentials.query } : params.query;
  // openapi-fetch's serialiser, as `.raw` uses it: the call's own (Tigo's reserved characters).
  const { querySerializer } = prepared;
  const serialiseQuery =
    typeof querySerializer === 'function'
      ? querySerializer
      : querySerializer
        ? createQuerySerializer(querySerializer)
        : DEFAULT_QUERY;
  const search = serialiseQuery(query ?? {}).replace(/^\?/, '');
  return runtime.send({
    method: outgoing.method,
    url: search ? `${outgoing.url}?${search}` : outgoing.url,
    route: contract.path,
    // No header of the call can replace its ids or credentials.
    headers: [
      call.headers,
      outgoing.contentType ? { 'Content-Type': outgoing.contentType } : undefined,
      params.header as HeadersOptions | undefined,
      prepared.idHeaders,
      credentials?.headers,
    ],
    // Serialised once per call (`prepare`): these exact bytes were signed and are sent.
    body: credentials?.form ? withFormFields(outgoing.body, credentials.form) : outgoing.body,
    signal,
  });
}

const DEFAULT_QUERY = createQuerySerializer();

/** The body as text, the way openapi-fetch would serialise it: a form, or JSON. */
function serialise(body: unknown, contract: OperationContract): string {
  return contract.contentType === FORM
    ? new URLSearchParams(body as Record<string, string>).toString()
    : JSON.stringify(body);
}

/**
 * A method's input type, for an operation whose parameters core maps from that input object
 * (the table's `params`): the mapping adds nothing of its own.
 */
export function takes<Input>(): (input: Input) => Record<string, never> {
  return (_input) => ({});
}

/**
 * As `takes`, for an input that is the operation's one parameter's value alone, named by a
 * labelled tuple so that the method's signature shows it: `takesValue<[providerId: number]>()`.
 */
export function takesValue<Value extends [unknown]>(): (...input: Value) => Record<string, never> {
  return () => ({});
}

/** As `takes`, for an input that may be left out (every parameter optional). */
export function mayTake<Input>(): (input?: Input) => Record<string, never> {
  return () => ({});
}

/** No fields: what an absent part of an input adds. */
type NoFields = Record<never, never>;
type FieldsOf<T> = [T] extends [never] ? NoFields : T extends object ? T : NoFields;
type ContentOf<Body> = Body extends { content: infer Content } ? Content[keyof Content] : never;

/** An operation's input as its spec types it: its path and query parameters by name, and `body`. */
export type SpecInput<Op> = FieldsOf<
  NonNullable<ParametersOf<Op>['path' & keyof ParametersOf<Op>]>
> &
  FieldsOf<NonNullable<ParametersOf<Op>['query' & keyof ParametersOf<Op>]>> &
  (Op extends { requestBody?: infer Body }
    ? [NonNullable<Body>] extends [never]
      ? NoFields
      : { body: ContentOf<NonNullable<Body>> }
    : NoFields);

/**
 * The input mapping of a method that takes its spec's input (`SpecInput`), as a new provider's
 * scaffolded client does: core maps the parameters, the body goes as given.
 */
export function specInput<Op>(): (input: SpecInput<Op>) => MappedRequest<Op> {
  return (input) => ({ body: (input as { body?: unknown }).body }) as MappedRequest<Op>;
}
