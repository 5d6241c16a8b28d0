// Keys a value has that its zod schema does not know. zod objects drop them silently; an import
// reports them instead, so a misspelt field or a stowaway (a 55 MB "padding") is said, not lost.
import type { z } from 'zod';

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

/** Paths (`program.people[3].nickname`) of object keys in `value` that `schema` does not define. */
export function unknownKeys(schema: z.ZodType, value: unknown, path = '', depth = 0): string[] {
  // The schemas nest only so deep; a value nested deeper is refused by its schema anyway.
  if (depth > 64 || value === null || typeof value !== 'object') return [];
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return unknownKeys(def.innerType as z.ZodType, value, path, depth);
    case 'pipe':
      return unknownKeys(def.in as z.ZodType, value, path, depth);
    case 'lazy':
      return unknownKeys((def.getter as () => z.ZodType)(), value, path, depth);
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((item, i) => unknownKeys(def.element as z.ZodType, item, join(path, i), depth + 1))
        : [];
    case 'record':
      return isPlainObject(value)
        ? Object.entries(value).flatMap(([k, v]) =>
            unknownKeys(def.valueType as z.ZodType, v, join(path, k), depth + 1),
          )
        : [];
    case 'union': {
      // The option that fits best: the one that leaves the fewest keys unknown.
      const options = (def.options as z.ZodType[]).map((o) => unknownKeys(o, value, path, depth));
      return options.reduce((best, next) => (next.length < best.length ? next : best), options[0] ?? []);
    }
    case 'object': {
      if (!isPlainObject(value)) return [];
      const shape = def.shape as Record<string, z.ZodType>;
      // A catch-all (strict objects, passthrough) decides extra keys itself.
      const open = def.catchall !== undefined;
      return Object.entries(value).flatMap(([k, v]) =>
        Object.hasOwn(shape, k) ? unknownKeys(shape[k], v, join(path, k), depth + 1) : open ? [] : [join(path, k)],
      );
    }
    default:
      return [];
  }
}
