// Services: teams staffed by several rotations (the inpatient service of FMIT intern, resident
// and pre-attending rotations; night float). One definition of who counts toward a service's
// staffing, used by the compliance engine (the rule below) and the annual plan model alike:
// residents on any of the service's rotations in a half-block, per staffing line (PGY levels,
// min, max). Blocks with no plan yet are skipped.
import { z } from 'zod';
import type { Finding, ProgramSettings, RotationAssignment, Service, ServiceStaffing } from '../domain/types';
import { formatDateRange } from './explain';
import { ComplianceInputError } from './input';
import { inScope, makeFinding, type ActiveRule, type BlockRule, type RuleContext } from './rule';
import type { BlockInfo } from './state';

/** One staffing line of a service, with what tells its findings apart. */
export interface StaffingLine {
  service: Service;
  line: ServiceStaffing;
  /** Distinguishes the line's findings within a rule (PGY levels; the service when a rule covers several). */
  key: string | undefined;
}

/** The program's services (none when the settings have none). */
export function servicesOf(settings: Pick<ProgramSettings, 'services'>): Service[] {
  return settings.services ?? [];
}

/**
 * The staffing lines a service-staffing rule checks: those of the named services, or of every
 * service when the list is empty. An unknown service code is an error naming it.
 */
export function staffingLines(
  settings: Pick<ProgramSettings, 'services'>,
  serviceCodes: readonly string[],
): StaffingLine[] {
  const all = servicesOf(settings);
  const byCode = new Map(all.map((s) => [s.code, s]));
  const chosen = serviceCodes.length
    ? serviceCodes.map((code) => {
        const service = byCode.get(code);
        if (!service)
          throw new ComplianceInputError(
            'params.services',
            `unknown service "${code}"; the program's services: ${all.map((s) => s.code).join(', ') || 'none'}`,
          );
        return service;
      })
    : all;
  const out: StaffingLine[] = [];
  for (const service of chosen) {
    const seen = new Map<string, number>();
    for (const line of service.staffing) {
      const levels = line.pgyLevels.length ? `pgy${[...line.pgyLevels].sort((a, b) => a - b).join('-')}` : '';
      const base = [chosen.length > 1 ? service.code : '', levels].filter(Boolean).join(':');
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const key = n > 1 ? `${base}#${n}` : base;
      out.push({ service, line, key: key || undefined });
    }
  }
  return out;
}

/** Whether a resident of this PGY level counts toward a staffing line. */
export function countsOnLine(line: ServiceStaffing, pgy: number): boolean {
  return line.pgyLevels.length === 0 || line.pgyLevels.includes(pgy);
}

/** "PGY-1 residents", "PGY-2/3 residents", "residents". */
export function lineWhom(line: ServiceStaffing, count?: number): string {
  const noun = count === 1 ? 'resident' : 'residents';
  return line.pgyLevels.length ? `PGY-${[...line.pgyLevels].sort((a, b) => a - b).join('/')} ${noun}` : noun;
}

/** "exactly 1", "at least 2", "at most 1", "1–2". */
export function lineRange(line: ServiceStaffing): string {
  if (line.max === null) return `at least ${line.min}`;
  if (line.min === line.max) return `exactly ${line.min}`;
  if (line.min === 0) return `at most ${line.max}`;
  return `${line.min}–${line.max}`;
}

/** "Inpatient medicine (FMIT)", or the code alone when the name is the code. */
export function serviceLabel(service: Service): string {
  return service.name === service.code ? service.code : `${service.name} (${service.code})`;
}

interface BlockHalf {
  label: string;
  from: number;
  to: number;
  covers: (part: RotationAssignment['part']) => boolean;
}

function halvesOf(block: BlockInfo): BlockHalf[] {
  if (block.secondHalfDay <= block.firstDay)
    return [{ label: '', from: block.firstDay, to: block.lastDay, covers: () => true }];
  const secondDayNumber = block.secondHalfDay - block.firstDay + 1;
  return [
    {
      label: `days 1–${secondDayNumber - 1}`,
      from: block.firstDay,
      to: block.secondHalfDay - 1,
      covers: (p) => p !== 'second',
    },
    {
      label: `days ${secondDayNumber}–${block.lastDay - block.firstDay + 1}`,
      from: block.secondHalfDay,
      to: block.lastDay,
      covers: (p) => p !== 'first',
    },
  ];
}

/** Residents in the rule's scope on any of the service's rotations in a half-block, with their PGY level. */
function onService(
  ctx: RuleContext,
  rule: ActiveRule,
  block: BlockInfo,
  half: BlockHalf,
  plan: RotationAssignment[],
  service: Service,
): { name: string; pgy: number }[] {
  const { state } = ctx;
  const codes = new Set(service.rotationCodes);
  const seen = new Set<string>();
  const out: { name: string; pgy: number }[] = [];
  for (const ra of plan) {
    const rotation = state.rotations.get(ra.rotationId);
    if (!rotation || !codes.has(rotation.code) || !half.covers(ra.part) || seen.has(ra.personId)) continue;
    const person = state.people.get(ra.personId)!.person;
    if (person.kind !== 'resident' || !inScope(state, rule.config, person, half.from)) continue;
    seen.add(ra.personId);
    out.push({ name: person.name, pgy: person.pgyByYear[String(block.academicYear)] ?? 0 });
  }
  return out;
}

const params = z.strictObject({
  /** Codes of the services this rule checks; empty = every service of the program. */
  services: z.array(z.string().min(1)).default([]),
});

export const serviceStaffingRule: BlockRule<z.output<typeof params>> = {
  type: 'service_staffing',
  unit: 'block',
  params,
  checkAgainst(p, settings) {
    staffingLines(settings, p.services);
  },
  check(ctx, rule, block) {
    const plan = ctx.state.rotationAssignmentsByBlock.get(block.key);
    if (!plan?.length) return [];
    const lines = staffingLines(ctx.state.settings, rule.params.services);
    const out: Finding[] = [];
    for (const half of halvesOf(block)) {
      const dates = formatDateRange(ctx.state.clock.dateAt(half.from), ctx.state.clock.dateAt(half.to));
      const where = `block ${block.number}${half.label ? `, ${half.label}` : ''} (${dates})`;
      const cache = new Map<Service, { name: string; pgy: number }[]>();
      for (const { service, line, key } of lines) {
        let staff = cache.get(service);
        if (!staff) cache.set(service, (staff = onService(ctx, rule, block, half, plan, service)));
        const names = staff
          .filter((r) => countsOnLine(line, r.pgy))
          .map((r) => r.name)
          .sort();
        const n = names.length;
        const short = n < line.min;
        if (!short && (line.max === null || n <= line.max)) continue;
        const limit = short ? line.min : line.max!;
        const rotations = service.rotationCodes.join(', ');
        out.push(
          makeFinding(ctx.state, rule, {
            personId: null,
            from: half.from,
            to: half.to,
            measured: n,
            limit,
            unit: lineWhom(line),
            key,
            message:
              `${service.code} ${where}: ${n} ${lineWhom(line, n)}; ` +
              `${short || line.min === line.max ? `${lineRange(line)} required` : `at most ${line.max}`}`,
            explanation:
              `${serviceLabel(service)} is staffed by the rotations ${rotations} and needs ` +
              `${lineRange(line)} ${lineWhom(line, limit)} in ${where}; ${short ? 'on it' : 'it has'}: ` +
              `${names.length ? names.join(', ') : 'nobody'}.`,
          }),
        );
      }
    }
    return out;
  },
};
