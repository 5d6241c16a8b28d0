// The dashboard's view of compliance: findings by severity (all, and still open), the residents
// with the most serious open findings, and the coming weeks at risk (open critical or high
// findings in the week, or a resident's 28-day average hours close to the limit).
import { addDays, academicYearEnd, academicYearStart } from '../../domain/calendar';
import { SEVERITIES, type Severity } from '../../domain/types';
import type {
  ComplianceFinding,
  ComplianceSummary,
  HoursResult,
  PersonSummary,
  SeverityCounts,
  WeekAtRisk,
} from './types';
import { plural } from '../../domain/words';

/** A resident is near the limit from this share of it (72 of 80 hours). */
export const NEAR_LIMIT_SHARE = 0.9;
const WORST_RESIDENTS = 5;
const WEEKS_AHEAD = 8;

export const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0 };
}

export function countBySeverity(findings: readonly { severity: Severity }[]): SeverityCounts {
  const counts = emptyCounts();
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Compare open-finding counts, most serious first (more critical wins, then more high, …). */
function moreSerious(a: SeverityCounts, b: SeverityCounts): number {
  for (const s of SEVERITIES) if (a[s] !== b[s]) return b[s] - a[s];
  return 0;
}

function mondayOnOrBefore(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

export function summarize(input: {
  academicYear: number;
  draftId: number | null;
  asOf: string;
  findings: readonly ComplianceFinding[];
  hours: Omit<HoursResult, 'draftId'>;
}): ComplianceSummary {
  const { findings, hours, asOf } = input;
  const open = findings.filter((f) => !f.acknowledgement);
  const nearLimit = hours.limitHours === null ? null : hours.limitHours * NEAR_LIMIT_SHARE;

  const rules = new Map<string, { ruleId: string; count: number; open: number; worst: Severity }>();
  for (const f of findings) {
    const r = rules.get(f.ruleId) ?? { ruleId: f.ruleId, count: 0, open: 0, worst: f.severity };
    r.count++;
    if (!f.acknowledgement) r.open++;
    if (severityRank(f.severity) < severityRank(r.worst)) r.worst = f.severity;
    rules.set(f.ruleId, r);
  }
  const byRule = [...rules.values()].sort(
    (a, b) => severityRank(a.worst) - severityRank(b.worst) || b.open - a.open || a.ruleId.localeCompare(b.ruleId),
  );

  const people: PersonSummary[] = hours.residents.map((r) => {
    const mine = findings.filter((f) => f.personId === r.personId);
    return {
      personId: r.personId,
      name: r.name,
      pgy: r.pgy,
      counts: countBySeverity(mine),
      open: mine.filter((f) => !f.acknowledgement).length,
      maxAverageHours: r.maxAverage,
      maxAverageEnds: r.maxAverageEnds,
      currentAverageHours: r.weeks.find((w) => w.start <= asOf && asOf <= w.end)?.rolling ?? null,
    };
  });
  const openCounts = new Map(
    people.map((p) => [p.personId, countBySeverity(open.filter((f) => f.personId === p.personId))]),
  );
  const worstResidents = people
    .filter((p) => p.open > 0 || (nearLimit !== null && (p.maxAverageHours ?? 0) >= nearLimit))
    .sort(
      (a, b) =>
        moreSerious(openCounts.get(a.personId)!, openCounts.get(b.personId)!) ||
        (b.maxAverageHours ?? 0) - (a.maxAverageHours ?? 0) ||
        a.name.localeCompare(b.name),
    )
    .slice(0, WORST_RESIDENTS);

  const weeksAtRisk: WeekAtRisk[] = [];
  const yearStart = academicYearStart(input.academicYear);
  const yearEnd = academicYearEnd(input.academicYear);
  if (asOf <= yearEnd) {
    let monday = mondayOnOrBefore(asOf < yearStart ? yearStart : asOf);
    for (let i = 0; i < WEEKS_AHEAD && monday <= yearEnd; i++, monday = addDays(monday, 7)) {
      const sunday = addDays(monday, 6);
      const inWeek = open.filter((f) => f.start <= sunday && f.end >= monday);
      const critical = inWeek.filter((f) => f.severity === 'critical').length;
      const high = inWeek.filter((f) => f.severity === 'high').length;
      const residentsNearLimit =
        nearLimit === null
          ? []
          : hours.residents
              .map((r) => ({
                personId: r.personId,
                name: r.name,
                peak: r.weeks.find((w) => w.start === monday)?.peak ?? 0,
              }))
              .filter((r) => r.peak >= nearLimit)
              .sort((a, b) => b.peak - a.peak);
      const reasons: string[] = [];
      if (critical) reasons.push(`${plural(critical, 'open critical finding')}`);
      if (high) reasons.push(`${plural(high, 'open high finding')}`);
      if (residentsNearLimit.length)
        reasons.push(
          `${plural(residentsNearLimit.length, 'resident')} at ${Math.round(nearLimit!)}+ h/week (28-day average)`,
        );
      if (reasons.length) weeksAtRisk.push({ start: monday, end: sunday, critical, high, residentsNearLimit, reasons });
    }
  }

  return {
    academicYear: input.academicYear,
    draftId: input.draftId,
    asOf,
    counts: countBySeverity(findings),
    open: countBySeverity(open),
    acknowledged: findings.length - open.length,
    byRule,
    worstResidents,
    weeksAtRisk,
    nearLimitHours: nearLimit,
  };
}
