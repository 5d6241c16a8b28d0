// The Services section's form: services as typed (numbers as text), read back into settings with
// errors by field, and the service_staffing rules kept in step — a renamed service keeps its rule,
// a removed one leaves the rules, a new one gets a rule of its own so that it is checked at all.
import type { RuleConfig, Service } from '../../../core/domain/types';
import { parseNumber } from './settingsForm';

export interface LineForm {
  pgyLevels: number[];
  min: string;
  /** '' = no upper limit. */
  max: string;
}

export interface ServiceForm {
  /** The code the service had when the section was opened (null for a new one). */
  savedCode: string | null;
  code: string;
  name: string;
  rotationCodes: string[];
  staffing: LineForm[];
  facultyWeeks: boolean;
}

export const STAFFING_RULE = 'service_staffing';

export function toServiceForms(services: readonly Service[]): ServiceForm[] {
  return services.map((s) => ({
    savedCode: s.code,
    code: s.code,
    name: s.name,
    rotationCodes: [...s.rotationCodes],
    staffing: s.staffing.map((l) => ({
      pgyLevels: [...l.pgyLevels],
      min: String(l.min),
      max: l.max === null ? '' : String(l.max),
    })),
    facultyWeeks: s.facultyWeeks,
  }));
}

export function newServiceForm(): ServiceForm {
  return {
    savedCode: null,
    code: '',
    name: '',
    rotationCodes: [],
    staffing: [{ pgyLevels: [], min: '1', max: '1' }],
    facultyWeeks: false,
  };
}

/** The services the forms describe, or the errors by field (`[0].code`, `[1].staffing[0].max`). */
export function readServices(
  forms: readonly ServiceForm[],
): { services: Service[] } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const seen = new Map<string, number>();
  const services = forms.map((f, i): Service => {
    const code = f.code.trim();
    const name = f.name.trim();
    if (!code) errors[`[${i}].code`] = 'enter a code';
    else if (code.length > 16) errors[`[${i}].code`] = 'at most 16 characters';
    else if (seen.has(code)) errors[`[${i}].code`] = `another service has the code ${code}`;
    seen.set(code, i);
    if (!name) errors[`[${i}].name`] = 'enter a name';
    if (f.rotationCodes.length === 0) errors[`[${i}].rotationCodes`] = 'choose at least one rotation';
    const staffing = f.staffing.map((l, j) => {
      const at = `[${i}].staffing[${j}]`;
      const min = parseNumber(l.min, { integer: true, min: 0, max: 500 });
      const max = l.max.trim() === '' ? { value: null } : parseNumber(l.max, { integer: true, min: 0, max: 500 });
      if ('error' in min) errors[`${at}.min`] = min.error;
      if ('error' in max) errors[`${at}.max`] = max.error;
      const minValue = 'value' in min ? min.value : 0;
      const maxValue = 'value' in max ? max.value : null;
      if (maxValue !== null && 'value' in min && maxValue < minValue)
        errors[`${at}.max`] = `at least the least (${minValue})`;
      return { pgyLevels: [...l.pgyLevels].sort((a, b) => a - b), min: minValue, max: maxValue };
    });
    return { code, name, rotationCodes: f.rotationCodes, staffing, facultyWeeks: f.facultyWeeks };
  });
  if (forms.filter((f) => f.facultyWeeks).length > 1)
    forms.forEach(
      (f, i) => f.facultyWeeks && (errors[`[${i}].facultyWeeks`] = 'only one service has the faculty inpatient weeks'),
    );
  return Object.keys(errors).length ? { errors } : { services };
}

/**
 * The rule list after saving these services: service_staffing rules follow renamed codes and
 * drop removed ones (a rule left with no service is removed: an empty list would mean every
 * service); a service no rule checks gets its own rule (high severity, residents).
 */
export function rulesForServices(
  rules: readonly RuleConfig[],
  forms: readonly ServiceForm[],
  services: readonly Service[],
): RuleConfig[] {
  const renamed = new Map<string, string>();
  const kept = new Set<string>();
  forms.forEach((f, i) => {
    if (f.savedCode === null) return;
    kept.add(f.savedCode);
    if (f.savedCode !== services[i].code) renamed.set(f.savedCode, services[i].code);
  });
  const codesOf = (r: RuleConfig): string[] =>
    Array.isArray(r.params.services) ? (r.params.services as string[]) : [];
  const out: RuleConfig[] = [];
  for (const rule of rules) {
    if (rule.type !== STAFFING_RULE || codesOf(rule).length === 0) {
      out.push(rule);
      continue;
    }
    const codes = codesOf(rule)
      .filter((c) => kept.has(c))
      .map((c) => renamed.get(c) ?? c);
    if (codes.length > 0) out.push({ ...rule, params: { ...rule.params, services: codes } });
  }
  const coversAll = out.some((r) => r.type === STAFFING_RULE && codesOf(r).length === 0);
  const covered = new Set(out.filter((r) => r.type === STAFFING_RULE).flatMap(codesOf));
  const ids = new Set(out.map((r) => r.id));
  for (const s of services) {
    if (coversAll || covered.has(s.code)) continue;
    let id = `service_${s.code.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
    for (let n = 2; ids.has(id); n++) id = `service_${s.code.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_${n}`;
    ids.add(id);
    out.push({
      id,
      type: STAFFING_RULE,
      enabled: true,
      severity: 'high',
      scope: { kinds: ['resident'], pgyLevels: [] },
      params: { services: [s.code] },
    });
  }
  return out;
}

/** "PGY-1", "PGY-2/3", "any level". */
export function levelsText(levels: readonly number[]): string {
  return levels.length ? `PGY-${[...levels].sort((a, b) => a - b).join('/')}` : 'any level';
}
