// The machinery behind the one typed API contract: method definitions, the client every
// transport exposes (Electron preload, browser test host), and the validating dispatcher.
import { z } from 'zod';

/** A contract method: a zod schema for its input and a phantom type for its output. */
export interface MethodDef<I extends z.ZodType, O> {
  input: I;
  /** Never read at run time; carries the output type. */
  output: O;
  /** Whether the method changes the program database (used by tests and the audit log). */
  writes: boolean;
}

export function query<I extends z.ZodType, O>(input: I): MethodDef<I, O> {
  return { input, output: undefined as O, writes: false };
}
export function command<I extends z.ZodType, O>(input: I): MethodDef<I, O> {
  return { input, output: undefined as O, writes: true };
}

export type ContractShape = Record<string, MethodDef<z.ZodType, unknown>>;
export type InputOf<M> = M extends MethodDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodDef<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodDef<z.ZodType, infer O> ? O : never;

/** What the renderer sees as `window.api`: one async function per method. */
export type ClientOf<C extends ContractShape> = {
  [K in keyof C]: (input: InputOf<C[K]>) => Promise<OutputOf<C[K]>>;
};
/** What core implements: one handler per method, receiving validated input. */
export type HandlersOf<C extends ContractShape> = {
  [K in keyof C]: (input: ParsedInputOf<C[K]>) => OutputOf<C[K]> | Promise<OutputOf<C[K]>>;
};

/** A failure that crosses the API boundary as plain data. */
export interface ApiErrorData {
  code: 'invalid_input' | 'not_found' | 'conflict' | 'rejected' | 'internal' | 'unknown_method';
  message: string;
  /** For invalid input: each problem with its path. */
  issues?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorData['code'],
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

/**
 * Build the dispatcher every transport calls: validates the payload with the contract's schema,
 * runs the handler, and turns every outcome into an envelope (errors never throw across IPC).
 */
export function createDispatcher<C extends ContractShape>(contract: C, handlers: () => HandlersOf<C>) {
  return async function dispatch(method: string, payload: unknown): Promise<Envelope<unknown>> {
    if (!Object.hasOwn(contract, method)) {
      return { ok: false, error: { code: 'unknown_method', message: `Unknown API method "${method}"` } };
    }
    const parsed = contract[method].input.safeParse(payload);
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
    try {
      const handler = handlers()[method as keyof C] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.toData() };
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: 'internal', message } };
    }
  };
}

/** Error the client raises in the renderer; carries the structured data. */
export class ApiCallError extends Error {
  constructor(readonly data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiCallError';
  }
}

/**
 * The client generated from the contract: a plain object (contextBridge copies plain objects,
 * not proxies) with one function per method, over any transport that returns envelopes.
 */
export function createClient<C extends ContractShape>(
  methodNames: readonly (keyof C & string)[],
  transport: (method: string, payload: unknown) => Promise<Envelope<unknown>>,
): ClientOf<C> {
  const client: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of methodNames) {
    client[name] = async (input: unknown) => {
      const envelope = await transport(name, input);
      if (envelope.ok) return envelope.value;
      throw new ApiCallError(envelope.error);
    };
  }
  return client as ClientOf<C>;
}
