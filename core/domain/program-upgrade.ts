// Upgrades of a program's stored settings and of program exchange files written by earlier
// versions, one step per version. They run on plain JSON before the schema checks it, so a step
// changes only what it recognises and leaves anything malformed for the schema to report.
// Database migrations apply the same settings steps to program files on disk.
import { moonlightingRules } from './defaults';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Settings v1 → v2: the moonlighting rules ACGME asks for (PGY-1 residents may not moonlight,
 * moonlighting needs the program director's approval) join the rules, unless a rule of that
 * type is already there.
 */
export function upgradeSettingsToV2(settings: unknown): unknown {
  if (!isObject(settings) || !Array.isArray(settings.rules)) return settings;
  const rules = settings.rules as unknown[];
  const types = new Set(rules.map((r) => (isObject(r) ? r.type : undefined)));
  const ids = new Set(rules.map((r) => (isObject(r) ? r.id : undefined)));
  const added = moonlightingRules().filter((r) => !types.has(r.type) && !ids.has(r.id));
  return { ...settings, rules: [...rules, ...added] };
}

/** Steps from version N to N + 1, for the whole program (`program` of an exchange file). */
const PROGRAM_STEPS: Record<number, (program: Json) => Json> = {
  1: (program) => ({ ...program, settings: upgradeSettingsToV2(program.settings) }),
};

/** The newest exchange format version; files of older versions are upgraded on reading. */
export const PROGRAM_FILE_VERSION = 2;

/**
 * An exchange file of an older version brought to the current one (a new object; the input is
 * not changed). Anything that is not an older file of ours comes back as it was.
 */
export function upgradeProgramFile(value: unknown): { value: unknown; upgradedFrom: number | null } {
  if (!isObject(value) || typeof value.version !== 'number' || !Number.isInteger(value.version)) return { value, upgradedFrom: null };
  const from = value.version;
  if (from < 1 || from >= PROGRAM_FILE_VERSION || !isObject(value.program)) return { value, upgradedFrom: null };
  let program = value.program;
  for (let v = from; v < PROGRAM_FILE_VERSION; v++) program = PROGRAM_STEPS[v](program);
  return { value: { ...value, version: PROGRAM_FILE_VERSION, program }, upgradedFrom: from };
}
