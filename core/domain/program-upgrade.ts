// Upgrades of a program's stored settings and of program exchange files written by earlier
// versions, one step per version. They run on plain JSON before the schema checks it, so a step
// changes only what it recognises and leaves anything malformed for the schema to report.
// Database migrations apply the same settings steps to program files on disk.
import { availabilityRules, defaultAbsencePolicy, moonlightingRules } from './defaults';
import type { AbsencePolicy } from './types';

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

/** What the services step needs to know of the program besides its settings. */
export interface ServicesContext {
  /** PGY levels residents have in any academic year, ascending. */
  pgyLevels: number[];
  rotations: { code: string; name: string }[];
}

/**
 * Settings v2 → v3: services. Each `inpatient_team` rule (`rotationCode`, `perPgyLevel`) becomes
 * a service of that rotation with exactly `perPgyLevel` residents of each PGY level (the rule's
 * scope levels, else every level the program's residents have; the first such service is the one
 * faculty inpatient weeks attend), each `night_float_max` rule (`rotationCode`, `max`) a service
 * with at most `max` residents; the rules become `service_staffing` rules of those services with
 * their id, severity, scope and on/off kept (so acknowledged findings keep their ids).
 */
export function upgradeSettingsToV3(settings: unknown, context: ServicesContext): unknown {
  if (!isObject(settings) || !Array.isArray(settings.rules)) return settings;
  const services: Json[] = Array.isArray(settings.services) ? [...(settings.services as Json[])] : [];
  const taken = new Set(services.map((s) => s.code));
  const uniqueCode = (code: string) => {
    let out = code;
    for (let n = 2; taken.has(out); n++) out = `${code}-${n}`;
    taken.add(out);
    return out;
  };
  const nameOf = (code: string) => context.rotations.find((r) => r.code === code)?.name ?? code;
  let facultyWeeksTaken = services.some((s) => s.facultyWeeks === true);
  const rules = (settings.rules as unknown[]).map((rule) => {
    if (!isObject(rule) || !isObject(rule.params) || typeof rule.params.rotationCode !== 'string') return rule;
    const rotationCode = rule.params.rotationCode;
    let staffing: Json[];
    if (rule.type === 'inpatient_team' && typeof rule.params.perPgyLevel === 'number') {
      const scope =
        isObject(rule.scope) && Array.isArray(rule.scope.pgyLevels) ? (rule.scope.pgyLevels as number[]) : [];
      const levels = scope.length ? scope : context.pgyLevels.length ? context.pgyLevels : [1, 2, 3];
      const n = rule.params.perPgyLevel;
      staffing = levels.map((pgy) => ({ pgyLevels: [pgy], min: n, max: n }));
    } else if (rule.type === 'night_float_max' && typeof rule.params.max === 'number') {
      staffing = [{ pgyLevels: [], min: 0, max: rule.params.max }];
    } else return rule;
    const facultyWeeks = rule.type === 'inpatient_team' && !facultyWeeksTaken;
    if (facultyWeeks) facultyWeeksTaken = true;
    const code = uniqueCode(rotationCode);
    services.push({ code, name: nameOf(rotationCode), rotationCodes: [rotationCode], staffing, facultyWeeks });
    return { ...rule, type: 'service_staffing', params: { services: [code] } };
  });
  return { ...settings, rules, services };
}

/** The services context of an exchange file's program (plain JSON, possibly malformed). */
function servicesContextOf(program: Json): ServicesContext {
  const levels = new Set<number>();
  for (const p of Array.isArray(program.people) ? program.people : [])
    if (isObject(p) && p.kind === 'resident' && isObject(p.pgyByYear))
      for (const v of Object.values(p.pgyByYear)) if (typeof v === 'number') levels.add(v);
  const rotations = (Array.isArray(program.rotations) ? program.rotations : [])
    .filter((r): r is Json => isObject(r) && typeof r.code === 'string')
    .map((r) => ({ code: r.code as string, name: typeof r.name === 'string' ? r.name : (r.code as string) }));
  return { pgyLevels: [...levels].sort((a, b) => a - b), rotations };
}

/**
 * Absence policies before program-defined types: `{ type, blocks: 'always' | 'never' | { overDays },
 * recoveryDays }`. "never" and "over N days" came from a reporting rule of the system replaced
 * (vacation and conference "never block") and were the shipped defaults, not a program's choice:
 * an approved absence of any type now makes the person unavailable, so every type starts from the
 * default policy (recovery days kept). Entries already in today's form are kept.
 */
export function absencePoliciesToV4(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (const item of list) {
    if (!isObject(item) || typeof item.type !== 'string' || seen.has(item.type)) {
      out.push(item);
      continue;
    }
    seen.add(item.type);
    if ('name' in item && 'relax' in item) {
      out.push(item);
      continue;
    }
    const policy: AbsencePolicy = defaultAbsencePolicy(item.type);
    if (typeof item.recoveryDays === 'number' && Number.isInteger(item.recoveryDays) && item.recoveryDays >= 0)
      policy.recoveryDays = item.recoveryDays;
    out.push(policy);
  }
  return out;
}

/**
 * Settings v3 → v4 (availability): absence policies in today's form; the rules of what the call
 * model and the annual plan avoid, and of absences entered twice, join the rules; credential_missing
 * with the old default scope (everyone) becomes faculty only, as procedure privileges are a
 * faculty matter unless a program opts residents in.
 */
export function upgradeSettingsToV4(settings: unknown): unknown {
  if (!isObject(settings)) return settings;
  const out: Json = { ...settings, absencePolicies: absencePoliciesToV4(settings.absencePolicies) };
  if (!Array.isArray(settings.rules)) return out;
  const rules = (settings.rules as unknown[]).map((r) => {
    if (!isObject(r) || r.type !== 'credential_missing' || !isObject(r.scope)) return r;
    const kinds = r.scope.kinds;
    return Array.isArray(kinds) && kinds.length === 0 ? { ...r, scope: { ...r.scope, kinds: ['faculty'] } } : r;
  });
  const types = new Set(rules.map((r) => (isObject(r) ? r.type : undefined)));
  const ids = new Set(rules.map((r) => (isObject(r) ? r.id : undefined)));
  return { ...out, rules: [...rules, ...availabilityRules().filter((r) => !types.has(r.type) && !ids.has(r.id))] };
}

/** Steps from version N to N + 1, for the whole program (`program` of an exchange file). */
const PROGRAM_STEPS: Record<number, (program: Json) => Json> = {
  1: (program) => ({ ...program, settings: upgradeSettingsToV2(program.settings) }),
  2: (program) => ({ ...program, settings: upgradeSettingsToV3(program.settings, servicesContextOf(program)) }),
  // 3 → 4: availability (settings as above); absences may now carry a part (AM, PM, time range).
  3: (program) => ({ ...program, settings: upgradeSettingsToV4(program.settings) }),
};

/** The newest exchange format version; files of older versions are upgraded on reading. */
export const PROGRAM_FILE_VERSION = 4;

/**
 * An exchange file of an older version brought to the current one (a new object; the input is
 * not changed). Anything that is not an older file of ours comes back as it was.
 */
export function upgradeProgramFile(value: unknown): { value: unknown; upgradedFrom: number | null } {
  if (!isObject(value) || typeof value.version !== 'number' || !Number.isInteger(value.version))
    return { value, upgradedFrom: null };
  const from = value.version;
  if (from < 1 || from >= PROGRAM_FILE_VERSION || !isObject(value.program)) return { value, upgradedFrom: null };
  let program = value.program;
  for (let v = from; v < PROGRAM_FILE_VERSION; v++) program = PROGRAM_STEPS[v](program);
  return { value: { ...value, version: PROGRAM_FILE_VERSION, program }, upgradedFrom: from };
}
