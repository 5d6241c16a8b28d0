// The machinery behind the one typed API contract: method definitions, the client every
// transport exposes (Electron preload, browser test host), and the validating dispatcher.
import { z } from 'zod';
import { API_PAYLOAD_LIMITS, payloadProblem } from '../domain/payload-limits';
import { ServiceError } from '../services/errors';
import { boundedError, internalFailure, messageOf } from './failures';

/** Every area of the program's data: a query that reads ALL_AREAS is stale after any write. */
export const ALL_AREAS = '*';

/** A contract method: a zod schema for its input and a phantom type for its output. */
export interface MethodDef<I extends z.ZodType, O> {
  input: I;
  /** Never read at run time; carries the output type. */
  output: O;
  /** Whether the method changes the program database (the client announces its writes). */
  writes: boolean;
  /**
   * The areas of the program's data the method reads (a query) or changes (a command), e.g.
   * 'people'. After a command succeeds the client names the queries it made stale, so open views
   * re-read exactly what the write touched. ALL_AREAS: everything (the safe default).
   */
  areas: readonly string[];
  /**
   * A query that checks its input by writing it in a transaction it rolls back (an import's preview:
   * each row goes through the same insert as by hand). It changes nothing, but it runs on the
   * program's writing connection: queries otherwise read on the read-only one.
   */
  rollsBack?: true;
}

export function query<I extends z.ZodType, O>(input: I, reads: readonly string[] = [ALL_AREAS]): MethodDef<I, O> {
  return { input, output: undefined as O, writes: false, areas: reads };
}
export function rolledBackQuery<I extends z.ZodType, O>(
  input: I,
  reads: readonly string[] = [ALL_AREAS],
): MethodDef<I, O> {
  return { ...query<I, O>(input, reads), rollsBack: true };
}
export function command<I extends z.ZodType, O>(input: I, changes: readonly string[] = [ALL_AREAS]): MethodDef<I, O> {
  return { input, output: undefined as O, writes: true, areas: changes };
}

/** The queries a write to `changed` areas makes stale (names in contract order). */
export function staleQueries(contract: ContractShape, changed: readonly string[]): string[] {
  if (changed.length === 0) return [];
  const all = changed.includes(ALL_AREAS);
  return Object.entries(contract)
    .filter(
      ([, def]) => !def.writes && (all || def.areas.includes(ALL_AREAS) || def.areas.some((a) => changed.includes(a))),
    )
    .map(([name]) => name);
}

export type ContractShape = Record<string, MethodDef<z.ZodType, unknown>>;
export type InputOf<M> = M extends MethodDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodDef<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodDef<z.ZodType, infer O> ? O : never;

/** What a successful write announces: the command, the areas it changed, the queries now stale. */
export interface DataChange {
  method: string;
  areas: readonly string[];
  stale: readonly string[];
}

/** Listening for writes: the client calls every listener after each successful command. */
export interface DataChangeSource {
  onDataChange(listener: (change: DataChange) => void): () => void;
}

/** The contract's methods: one async function per method. */
export type MethodsOf<C extends ContractShape> = {
  [K in keyof C]: (input: InputOf<C[K]>) => Promise<OutputOf<C[K]>>;
};
/** What the renderer sees as `window.api`: the methods, and the writes they make. */
export type ClientOf<C extends ContractShape> = MethodsOf<C> & DataChangeSource;
/** What core implements: one handler per method, receiving validated input. */
export type HandlersOf<C extends ContractShape> = {
  [K in keyof C]: (input: ParsedInputOf<C[K]>) => OutputOf<C[K]> | Promise<OutputOf<C[K]>>;
};

/** Every code an API failure can carry: the one list, shared by core, the CLI and the renderer. */
export const API_ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'rejected',
  'internal',
  'unknown_method',
  /** Nobody is signed in (core/api/permissions.ts). */
  'unauthenticated',
  /** The signed-in account's role may not do this. */
  'forbidden',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** A failure that crosses the API boundary as plain data. */
export interface ApiErrorData {
  code: ApiErrorCode;
  message: string;
  /** For invalid input: each problem with its path. */
  issues?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ApiErrorData['issues'],
  ) {
    super(message);
    this.name = 'ApiError';
  }
  toData(): ApiErrorData {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/** Render a zod path as `people[2].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(root)';
}

export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/** Who may call what, checked by the dispatcher (core/api/permissions.ts fills these in). */
export interface DispatchGuards {
  /** Before the payload is read: refuse the call outright (not signed in, role not allowed). */
  admit(method: string): Promise<ApiErrorData | null>;
  /** After validation, before the handler: refuse this input (e.g. someone else's calendar) by throwing ApiError. */
  check(method: string, input: unknown): Promise<void>;
}

/**
 * Build the dispatcher every transport calls: admits the caller, validates the payload with the
 * contract's schema, runs the handler, and turns every outcome into an envelope (errors never
 * throw across IPC).
 */
export function createDispatcher<C extends ContractShape>(
  contract: C,
  handlers: () => HandlersOf<C>,
  guards?: DispatchGuards,
) {
  async function run(method: string, payload: unknown): Promise<Envelope<unknown>> {
    if (typeof method !== 'string' || !Object.hasOwn(contract, method)) {
      return {
        ok: false,
        error: { code: 'unknown_method', message: `Unknown API method "${String(method).slice(0, 100)}"` },
      };
    }
    try {
      const refused = guards ? await guards.admit(method) : null;
      if (refused) return { ok: false, error: refused };
      // Bounded before any schema reads it: a payload too deep or too large, or with a NUL, is refused here.
      const problem = payloadProblem(payload, API_PAYLOAD_LIMITS);
      if (problem)
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: `Invalid input for ${method}: ${problem.path}: ${problem.message}`,
            issues: [problem],
          },
        };
      let parsed: ReturnType<z.ZodType['safeParse']>;
      try {
        parsed = contract[method].input.safeParse(payload);
      } catch (err) {
        // A value the schema cannot even read (e.g. an object whose toString is not a function).
        const message = `a value could not be read (${messageOf(err)})`;
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: `Invalid input for ${method}: ${message}`,
            issues: [{ path: '(root)', message }],
          },
        };
      }
      if (!parsed.success) {
        const issues = zodIssues(parsed.error);
        return {
          ok: false,
          error: {
            code: 'invalid_input',
            message: `Invalid input for ${method}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
            issues,
          },
        };
      }
      await guards?.check(method, parsed.data);
      const handler = handlers()[method as keyof C] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.toData() };
      // A service's refusal keeps its code and issues: the one mapping from services to the API.
      if (err instanceof ServiceError)
        return { ok: false, error: new ApiError(err.code, err.message, err.issues).toData() };
      return { ok: false, error: internalFailure(err) };
    }
  }
  return async function dispatch(method: string, payload: unknown): Promise<Envelope<unknown>> {
    const envelope = await run(method, payload);
    return envelope.ok ? envelope : { ok: false, error: boundedError(envelope.error) };
  };
}

/** Error the client raises in the renderer; carries the structured data. */
export class ApiCallError extends Error {
  constructor(readonly data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiCallError';
  }
}

/** An error as received, with a code outside the one list turned into 'internal'. */
function knownError(error: ApiErrorData): ApiErrorData {
  if ((API_ERROR_CODES as readonly string[]).includes(error.code)) return error;
  return { ...error, code: 'internal' };
}

/**
 * The client generated from the contract: a plain object (contextBridge copies plain objects,
 * not proxies) with one function per method, over any transport that returns envelopes. After a
 * command succeeds it tells its listeners which areas changed and which queries are stale.
 */
export function createClient<C extends ContractShape>(
  contract: C,
  transport: (method: string, payload: unknown) => Promise<Envelope<unknown>>,
): ClientOf<C> {
  const listeners = new Set<(change: DataChange) => void>();
  const announce = (method: string) => {
    const areas = contract[method].areas;
    const change: DataChange = { method, areas, stale: staleQueries(contract, areas) };
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch (err) {
        // A listener's failure must not turn a write that succeeded into a failed call.
        console.error(`A data-change listener failed after ${method}:`, err);
      }
    }
  };
  const client: Record<string, unknown> = {};
  for (const name of Object.keys(contract)) {
    client[name] = async (input: unknown) => {
      let envelope: Envelope<unknown>;
      try {
        envelope = await transport(name, input);
      } catch (err) {
        // A transport failure (the host went away) has the same shape as every other failure.
        throw new ApiCallError({ code: 'internal', message: err instanceof Error ? err.message : String(err) });
      }
      if (!envelope.ok) throw new ApiCallError(knownError(envelope.error));
      if (contract[name].writes) announce(name);
      return envelope.value;
    };
  }
  client.onDataChange = (listener: (change: DataChange) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return client as ClientOf<C>;
}
