// Limits on what crosses into core (an API payload, an imported file) before any schema reads it:
// nesting depth (a deeply nested value overflows the stack of recursive validators), the number of
// values, and NUL characters (never stored: SQLite treats text up to a NUL as the whole). The walk
// is iterative, so the check itself cannot overflow. The first problem is reported with its path.

export interface PayloadLimits {
  maxDepth: number;
  maxValues: number;
}

export const API_PAYLOAD_LIMITS: PayloadLimits = { maxDepth: 32, maxValues: 3_000_000 };
export const PROGRAM_FILE_LIMITS: PayloadLimits = { maxDepth: 64, maxValues: 20_000_000 };

export interface PayloadProblem {
  path: string;
  message: string;
}

type Key = string | number;
/** A value in the walk, with the way back to the root (the path is built only for a problem). */
interface Frame {
  value: unknown;
  key: Key | null;
  parent: Frame | null;
  depth: number;
}

function pathOf(frame: Frame): string {
  const keys: Key[] = [];
  for (let f: Frame | null = frame; f && f.key !== null; f = f.parent) keys.unshift(f.key);
  let out = '';
  for (const k of keys) out += typeof k === 'number' ? `[${k}]` : out ? `.${k}` : k;
  return out || '(root)';
}

/** The first value that breaks the limits, or null. Only plain data is expected (JSON, structured clone). */
export function payloadProblem(value: unknown, limits: PayloadLimits): PayloadProblem | null {
  const stack: Frame[] = [{ value, key: null, parent: null, depth: 0 }];
  let seen = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (++seen > limits.maxValues)
      return { path: '(root)', message: `holds more than ${limits.maxValues.toLocaleString('en-US')} values` };
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { path: pathOf(frame), message: 'contains a NUL character' };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (frame.depth >= limits.maxDepth)
      return { path: pathOf(frame), message: `is nested more than ${limits.maxDepth} levels deep` };
    const depth = frame.depth + 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: frame, depth });
    } else {
      for (const key of Object.keys(v)) {
        if (key.includes('\u0000')) return { path: pathOf(frame), message: 'has a key with a NUL character' };
        stack.push({ value: (v as Record<string, unknown>)[key], key, parent: frame, depth });
      }
    }
  }
  return null;
}
