// Faculty call and inpatient (FMIT) weeks for a date range as a MILP.
// Hard: one faculty each Sunday–Thursday night; one inpatient-week attending each Friday→Thursday
// week, who covers its Friday and Saturday nights and takes no other call that week (nor the
// Thursday night before it, whose post-call morning would fall on the week's first day); no two
// inpatient weeks in a row (the Friday after a week is off); no call or inpatient week during a
// blocking absence (nor call the night before one: the post-call morning is lost).
// Soft (settings.solverWeights): min-max fairness of year-to-date Sunday, weekday and holiday calls
// and inpatient weeks; no calls on consecutive nights or in back-to-back weeks; no call within a
// week of the person's own inpatient week; call-day preferences.
// The general roster engine (core/solver/roster) has neither week-long assignments nor min-max
// fairness over year-to-date counts, so this is a direct MILP.
import {
  academicYearEnd,
  academicYearOf,
  academicYearStart,
  addDays,
  datesInRange,
  isoWeekday,
} from '../../domain/calendar';
import { perWholePeriod, programShareOf } from '../../domain/program-dates';
import { formatNumber } from '../../domain/words';
import type { ProgramData } from '../../domain/program';
import {
  HARD_SEVERITIES,
  type CallAssignment,
  type CallType,
  type InpatientWeek,
  type IsoDate,
  type Person,
} from '../../domain/types';
import { LinearExpr, ModelBuilder, type Reason } from './builder';
import { finishReasons, type CellExplanation } from './explain';
import type { GenerationModel } from './model';
import { callPatternParams, nearOwnWeek, ownWeekCallConflict } from '../../domain/call-patterns';
import {
  availabilityOf,
  avoidsCallOn,
  compiledRulesOfType,
  dayTypeMap,
  schedulableFaculty,
  unusedFor,
  unusedText,
  type Unused,
  weightOf,
} from './program-view';

export interface CallPlanOptions {
  start: IsoDate;
  end: IsoDate;
  /** Call type of Sunday–Thursday nights; default 'OC', else the first faculty call type. */
  overnightCallType?: string;
  /** Call type the inpatient-week attending takes Friday and Saturday; default 'WKND', else the overnight type. */
  weekendCallType?: string;
  /** Re-plan inpatient weeks that already have an attending (default false: keep them). */
  regenerateInpatientWeeks?: boolean;
  /**
   * Plan the model's own call types (overnight and weekend) also where a call was entered by hand or
   * imported (manual, preload): released to the generator. Default false: those calls are locked.
   */
  releaseLockedCalls?: boolean;
}

export interface FairnessCounts {
  personId: string;
  sundayCalls: number;
  weekdayCalls: number;
  holidayCalls: number;
  inpatientWeeks: number;
  /**
   * Share (0..1) of the counted days (the academic year to the range's end) in the program: the counts compare per
   * share.
   */
  share: number;
}

export interface CallPlanResult {
  start: IsoDate;
  end: IsoDate;
  /** Every call of the range: locked ones kept, the rest generated. */
  calls: CallAssignment[];
  /** Inpatient weeks overlapping the range: kept and generated. */
  inpatientWeeks: InpatientWeek[];
  /** Year-to-date counts including this range, per faculty member. */
  fairness: FairnessCounts[];
  explanations: CellExplanation[];
  /** What the model decided: Sunday–Thursday nights and inpatient weeks it planned. */
  decided: { nights: number; weeks: number };
  /** Calls of the model's own types kept because they are locked (manual or preload). */
  lockedKept: number;
}

interface Week {
  start: IsoDate;
  end: IsoDate;
  /** Kept attending, or null when the model chooses. */
  kept: string | null;
}

const SUN_TO_THU = new Set([7, 1, 2, 3, 4]);

type Category = 'sundayCalls' | 'weekdayCalls' | 'holidayCalls' | 'inpatientWeeks';

function resolveCallType(data: ProgramData, code: string | undefined, fallback: string, what: string): CallType {
  if (code) {
    const t = data.callTypes.find((c) => c.code === code);
    if (!t) throw new Error(`${what}: call type "${code}" is not defined in the program`);
    return t;
  }
  const t =
    data.callTypes.find((c) => c.code === fallback && c.for === 'faculty') ??
    data.callTypes.find((c) => c.for === 'faculty');
  if (!t) throw new Error(`${what}: the program defines no faculty call type`);
  return t;
}

export function buildCallModel(data: ProgramData, options: CallPlanOptions): GenerationModel<CallPlanResult> {
  const { start, end } = options;
  if (start > end) throw new Error(`Call plan range: end ${end} is before start ${start}`);
  const overnight = resolveCallType(data, options.overnightCallType, 'OC', 'Overnight call');
  const weekend = options.weekendCallType
    ? resolveCallType(data, options.weekendCallType, 'WKND', 'Weekend call')
    : (data.callTypes.find((c) => c.code === 'WKND' && c.for === 'faculty') ?? overnight);
  const faculty = schedulableFaculty(data);
  if (faculty.length === 0)
    throw new Error('No active, schedulable faculty for call (adjunct faculty are never auto-scheduled)');
  const facultyIds = new Set(faculty.map((f) => f.id));
  // Availability (core/domain/availability): a night is taken when its call overlaps an absence
  // (the night before a whole-day absence too); a week when any of its days does.
  const availability = availabilityOf(data);
  const nightAway = (f: Person, d: IsoDate) => availability.of(f.id).call(d, overnight.start, overnight.end);
  const weekAway = (f: Person, w: { start: IsoDate; end: IsoDate }) =>
    availability.of(f.id).inpatientWeek(w.start, w.end) ??
    datesInRange(w.start, w.end)
      .filter((d) => isoWeekday(d) === 5 || isoWeekday(d) === 6)
      .map((d) => availability.of(f.id).call(d, weekend.start, weekend.end))
      .find((x) => x !== null) ??
    null;
  const requestedW = weightOf(data.settings, 'requestedAbsence');
  const dayTypes = dayTypeMap(data);
  const dates = datesInRange(start, end);

  // Locked calls (preload/manual) of the range are kept unless released; generated ones are replaced.
  const ownTypes = new Set([overnight.code, weekend.code]);
  const locks = (c: CallAssignment) => !options.releaseLockedCalls && (c.source === 'preload' || c.source === 'manual');
  // Calls of other types (resident call, backup) are kept as they are.
  const lockedCalls = data.calls.filter(
    (c) => c.date >= start && c.date <= end && (locks(c) || !ownTypes.has(c.callTypeCode)),
  );
  const lockedOn = new Map<string, CallAssignment>(); // `${date}:${type}`
  for (const c of lockedCalls) lockedOn.set(`${c.date}:${c.callTypeCode}`, c);
  const lockedByPersonDay = new Map<string, CallAssignment[]>(); // `${personId}:${date}`
  for (const c of lockedCalls)
    lockedByPersonDay.set(`${c.personId}:${c.date}`, [...(lockedByPersonDay.get(`${c.personId}:${c.date}`) ?? []), c]);
  const lockedCallOf = (personId: string, d: IsoDate) => lockedByPersonDay.has(`${personId}:${d}`);

  // Inpatient weeks: every Friday→Thursday week overlapping the range, ending on June 30 at the
  // latest (a week is never planned past the academic year). A week that starts before the range
  // belongs to the run that planned its first days: kept when it has an attending, otherwise it is
  // not invented here (nothing outside the run is made up, nor constrains this run's calls).
  const yearEnd = academicYearEnd(academicYearOf(start));
  const firstFriday = addDays(start, -((isoWeekday(start) - 5 + 7) % 7));
  const weeks: Week[] = [];
  for (let s = firstFriday; s <= end; s = addDays(s, 7)) {
    const existing = data.inpatientWeeks.find((w) => w.start === s);
    const e = existing?.end ?? (addDays(s, 6) < yearEnd ? addDays(s, 6) : yearEnd);
    if (s < start && !existing) continue;
    // Only weeks wholly inside the range are re-planned: the neighbouring blocks' half-days
    // already follow the attending of a week that reaches into them.
    const regenerate = options.regenerateInpatientWeeks && s >= start && e <= end;
    weeks.push({ start: s, end: e, kept: existing && !regenerate ? existing.personId : null });
  }
  const weekOf = (d: IsoDate) => weeks.find((w) => w.start <= d && d <= w.end);
  const pattern = callPatternParams(data.settings);
  /** A person's weeks already decided: kept in the range, or stored outside it. */
  const decidedWeeksOf = (f: Person) => [
    ...weeks.filter((w) => w.kept === f.id),
    ...data.inpatientWeeks.filter((w) => w.personId === f.id && !weeks.some((x) => x.start === w.start)),
  ];

  // The post-call day after the range's last night lies in the next block: when that block
  // already has half-days, only someone free (or already post-call) there may take the night.
  const postCall = compiledRulesOfType<{ afterOvernightAm: string | null; afterOvernightPm: string | null }>(
    data.settings,
    'post_call',
  )[0]?.params;
  const activityOf = new Map(data.activities.map((a) => [a.code, a]));
  // The one day a post-call morning can fall outside the range is the day after it: its half-days,
  // indexed once. A scan per faculty member and night took half the build at 100 residents; keying
  // every half-day of the program (a whole year's in a block's run) then took over half of what was left.
  const dayAfter = addDays(end, 1);
  const halfDayAfter = new Map<string, (typeof data.assignments)[number]>();
  for (const a of data.assignments)
    if (a.date === dayAfter && !halfDayAfter.has(`${a.personId}:${a.half}`))
      halfDayAfter.set(`${a.personId}:${a.half}`, a);
  const postCallFits = (f: Person, next: IsoDate): boolean => {
    if (next <= end || !postCall) return true;
    return (['AM', 'PM'] as const).every((half) => {
      const existing = halfDayAfter.get(`${f.id}:${half}`);
      const expected = half === 'AM' ? postCall.afterOvernightAm : postCall.afterOvernightPm;
      return (
        !existing || existing.activityCode === expected || !activityOf.get(existing.activityCode)?.countsTowardDutyHours
      );
    });
  };
  const nights = dates.filter((d) => SUN_TO_THU.has(isoWeekday(d)) && !lockedOn.has(`${d}:${overnight.code}`));

  const b = new ModelBuilder('minimize');
  const callVar = new Map<string, number>(); // `${personId}:${date}`
  const weekVar = new Map<string, number>(); // `${personId}:${weekStart}`
  const cv = (f: Person, d: IsoDate) => callVar.get(`${f.id}:${d}`);
  const wv = (f: Person, w: Week) => weekVar.get(`${f.id}:${w.start}`);

  for (const w of weeks) {
    if (w.kept) continue;
    for (const f of faculty) {
      const col = b.binary(`week[${f.id},${w.start}]`);
      weekVar.set(`${f.id}:${w.start}`, col);
      const why = weekAway(f, w);
      const away = why?.approved === true;
      if (why && !away) b.addCost(col, requestedW);
      // Any kept call that week (backup, or a locked call) rules the week out; the attending's
      // own weekend call does not.
      const otherCall = datesInRange(w.start, w.end).some((d) =>
        (lockedByPersonDay.get(`${f.id}:${d}`) ?? []).some((c) => c.callTypeCode !== weekend.code),
      );
      if (away || otherCall) b.fix(col, 0);
    }
  }
  const decidedWeeks = new Map(faculty.map((f) => [f.id, decidedWeeksOf(f)]));
  for (const d of nights) {
    for (const f of faculty) {
      const col = b.binary(`call[${f.id},${d}]`);
      callVar.set(`${f.id}:${d}`, col);
      // A night its own decided week forbids (core/domain/call-patterns, as the compliance rule).
      const keptWeek = decidedWeeks.get(f.id)!.some((w) => ownWeekCallConflict(d, w, pattern.week) !== null);
      const why = nightAway(f, d);
      if (why?.approved || keptWeek || lockedCallOf(f.id, d) || !postCallFits(f, addDays(d, 1))) b.fix(col, 0);
      else if (why) b.addCost(col, requestedW);
    }
  }

  // Soft: keep the published calls. A published night (or re-planned inpatient week) given to
  // someone else changes two people's schedules, what the churn guard counts at publish: each costs
  // `publishedCallChange`, so a regeneration moves the calls the rules and fairness need moved.
  const callChangeW = weightOf(data.settings, 'publishedCallChange');
  const publishedOn = new Map(
    data.calls.filter((c) => c.callTypeCode === overnight.code && !locks(c)).map((c) => [c.date, c.personId]),
  );
  const publishedWeek = new Map(data.inpatientWeeks.map((w) => [w.start, w.personId]));
  const keptPublished = new Set<number>();
  const keepPublished = (col: number | undefined, was: string | undefined, personId: string) => {
    if (col === undefined || was === undefined || callChangeW <= 0) return;
    if (was === personId) keptPublished.add(col);
    else b.addCost(col, callChangeW);
  };
  for (const f of faculty) {
    for (const d of nights) keepPublished(cv(f, d), publishedOn.get(d), f.id);
    for (const w of weeks) if (!w.kept) keepPublished(wv(f, w), publishedWeek.get(w.start), f.id);
  }
  // The solve's start (core/solver/models/start.ts): each night and week as published, where its
  // published person can still take it (not away, not ruled out); the others are the repair's.
  const startHint = new Map<number, number>();
  const hintAsPublished = (cols: (number | undefined)[], was: string | undefined) => {
    const own = cols[faculty.findIndex((f) => f.id === was)];
    if (own === undefined || b.columns[own].upper < 1) return;
    for (const col of cols) if (col !== undefined) startHint.set(col, col === own ? 1 : 0);
  };
  for (const d of nights)
    hintAsPublished(
      faculty.map((f) => cv(f, d)),
      publishedOn.get(d),
    );
  for (const w of weeks)
    if (!w.kept)
      hintAsPublished(
        faculty.map((f) => wv(f, w)),
        publishedWeek.get(w.start),
      );
  const stability: Reason = {
    kind: 'stability',
    text: `Kept as published (giving a published call to someone else costs ${callChangeW})`,
  };

  // Coverage: one attending per inpatient week, one faculty per Sunday–Thursday night.
  for (const w of weeks) {
    if (w.kept) continue;
    const e = new LinearExpr();
    for (const f of faculty) e.add(wv(f, w)!);
    const g = b.group({
      id: `inpatient-week:${w.start}`,
      kind: 'coverage',
      weight: 1,
      describe: () => {
        const away = faculty.map((f) => unusedFor(f, weekAway(f, w))).filter((x): x is Unused => !!x);
        return (
          `The inpatient week ${w.start}–${w.end} needs an attending but no faculty member can take ` +
          `it${away.length ? `: ${unusedText(away)}` : ''}`
        );
      },
    });
    b.row(`weekCover[${w.start}]`, e, 1, 1, {
      group: g,
      reason: { kind: 'coverage', text: `Every inpatient week (Friday–Thursday) has one attending` },
    });
  }
  for (const d of nights) {
    const e = new LinearExpr();
    for (const f of faculty) e.add(cv(f, d)!);
    // Whose absence to look at when nobody is free: the first few away that night (their page).
    const awayThatNight = faculty.filter((f) => unusedFor(f, nightAway(f, d)) !== null).slice(0, 3);
    const g = b.group({
      id: `call:${d}`,
      kind: 'coverage',
      weight: 1,
      ...(awayThatNight.length
        ? {
            fix: {
              text: 'Move one of these absences or let its type allow call (Settings → Absence types)',
              targets: awayThatNight.map((f) => ({
                label: f.name,
                target: { kind: 'person' as const, personId: f.id },
              })),
            },
          }
        : {}),
      describe: () => {
        const away = faculty.map((f) => unusedFor(f, nightAway(f, d))).filter((x): x is Unused => !!x);
        const onWeek = faculty
          .filter((f) => weekOf(d)?.kept === f.id)
          .map((f) => ({ name: f.name, state: 'on the inpatient week' }));
        return (
          `The night of ${d} needs one faculty on call but no one is ` +
          `free${away.length + onWeek.length ? `: ${unusedText([...away, ...onWeek])}` : ''}`
        );
      },
    });
    b.row(`callCover[${d}]`, e, 1, 1, {
      group: g,
      reason: { kind: 'coverage', text: 'One faculty member is on call every Sunday–Thursday night' },
    });
  }

  // The inpatient-week attending takes no call that week but the nights it covers, nor the
  // nights before it (core/domain/call-patterns: the call_during_inpatient_week rule's definition).
  for (const w of weeks) {
    if (w.kept) continue;
    for (const f of faculty) {
      const week = wv(f, w)!;
      for (const d of datesInRange(addDays(w.start, -pattern.week.nightsBefore), w.end)) {
        const c = cv(f, d);
        if (c === undefined || !ownWeekCallConflict(d, w, pattern.week)) continue;
        b.row(`noCallOnWeek[${f.id},${w.start},${d}]`, new LinearExpr().add(c).add(week), -Infinity, 1, {
          reason: {
            kind: 'inpatient_week',
            text: `${f.name} has no other call during (or the night before) their inpatient week`,
          },
        });
      }
    }
  }
  // No two inpatient weeks in a row: the Friday after a week is off. A decided week (kept in the
  // range, or on file just before or after it) rules its neighbours out for its attending.
  const decidedWeek = (weekStart: IsoDate): string | null => {
    const inModel = weeks.find((w) => w.start === weekStart);
    return inModel ? inModel.kept : (data.inpatientWeeks.find((w) => w.start === weekStart)?.personId ?? null);
  };
  for (const w of weeks) {
    if (w.kept) continue;
    const next = weeks.find((x) => x.start === addDays(w.start, 7));
    const [before, after] = [decidedWeek(addDays(w.start, -7)), decidedWeek(addDays(w.start, 7))];
    for (const f of faculty) {
      if (before === f.id || after === f.id) b.fix(wv(f, w)!, 0);
      else if (next && !next.kept)
        b.row(`weeksApart[${f.id},${w.start}]`, new LinearExpr().add(wv(f, w)!).add(wv(f, next)!), -Infinity, 1, {
          reason: { kind: 'inpatient_week', text: 'No two inpatient weeks in a row (the Friday after a week is off)' },
        });
    }
  }

  // Consecutive nights: hard when the program's consecutive_call_nights rule is (a critical or high
  // finding, allowing one night in a row), else a soft goal.
  const consecutiveW = weightOf(data.settings, 'consecutiveNightCalls');
  const consecutiveHard = compiledRulesOfType<{ maxConsecutiveNights: number }>(
    data.settings,
    'consecutive_call_nights',
  ).some((r) => HARD_SEVERITIES.includes(r.config.severity) && r.params.maxConsecutiveNights === 1);
  const dutyCall = new Set(data.callTypes.filter((t) => t.countsTowardDutyHours).map((t) => t.code));
  const callsByPersonDay = new Map<string, CallAssignment[]>(); // `${personId}:${date}`, every call of the program
  for (const c of data.calls)
    callsByPersonDay.set(`${c.personId}:${c.date}`, [...(callsByPersonDay.get(`${c.personId}:${c.date}`) ?? []), c]);
  const onCallFixed = (f: Person, d: IsoDate) =>
    (callsByPersonDay.get(`${f.id}:${d}`) ?? []).some(
      (c) => (locks(c) || d < start || d > end) && (!consecutiveHard || dutyCall.has(c.callTypeCode)),
    );
  const consecutiveReason = { kind: 'spacing' as const, text: 'No call on two nights in a row' };
  for (const f of faculty) {
    for (const d of nights) {
      const c = cv(f, d)!;
      const next = cv(f, addDays(d, 1));
      if (next !== undefined) {
        if (consecutiveHard)
          b.row(`consecutive[${f.id},${d}]`, new LinearExpr().add(c).add(next), -Infinity, 1, {
            reason: consecutiveReason,
          });
        else {
          const z = b.continuous(`consecutive[${f.id},${d}]`, 0, 1, consecutiveW);
          b.row(`consecutiveDef[${f.id},${d}]`, new LinearExpr().add(z).add(c, -1).add(next, -1), -1, Infinity);
        }
      }
      if (onCallFixed(f, addDays(d, -1)) || onCallFixed(f, addDays(d, 1))) {
        if (consecutiveHard) b.fix(c, 0);
        else b.addCost(c, consecutiveW);
      }
    }
  }

  // Soft: no call within a week of one's own inpatient week.
  const nearW = weightOf(data.settings, 'callNearInpatientWeek');
  const reach = pattern.week.nightsBefore + pattern.near.days;
  const nearOf = (w: { start: IsoDate; end: IsoDate }) =>
    datesInRange(addDays(w.start, -reach), addDays(w.end, pattern.near.days)).filter((d) =>
      nearOwnWeek(d, w, pattern.near, pattern.week),
    );
  // Decided weeks outside the range still weigh on the range's nights near them.
  for (const w of data.inpatientWeeks) {
    if (weeks.some((x) => x.start === w.start)) continue;
    const f = faculty.find((x) => x.id === w.personId);
    if (!f) continue;
    for (const d of nearOf(w)) {
      const c = cv(f, d);
      if (c !== undefined) b.addCost(c, nearW);
    }
  }
  for (const w of weeks) {
    const near = nearOf(w);
    for (const f of faculty) {
      for (const d of near) {
        const c = cv(f, d);
        if (c === undefined) continue;
        if (w.kept) {
          if (w.kept === f.id) b.addCost(c, nearW);
          continue;
        }
        const z = b.continuous(`nearWeek[${f.id},${w.start},${d}]`, 0, 1, nearW);
        b.row(
          `nearWeekDef[${f.id},${w.start},${d}]`,
          new LinearExpr().add(z).add(c, -1).add(wv(f, w)!, -1),
          -1,
          Infinity,
        );
      }
    }
  }

  // Soft: calls in back-to-back (Sunday-started) weeks.
  const b2bW = weightOf(data.settings, 'backToBackCallWeeks');
  if (b2bW > 0) {
    const callWeeks = new Map<IsoDate, IsoDate[]>(); // Sunday → nights
    for (const d of nights) {
      const sunday = addDays(d, -(isoWeekday(d) % 7));
      callWeeks.set(sunday, [...(callWeeks.get(sunday) ?? []), d]);
    }
    const sundays = [...callWeeks.keys()].sort();
    for (const f of faculty) {
      const y = new Map<IsoDate, number>();
      for (const s of sundays) {
        const v = b.continuous(`callWeek[${f.id},${s}]`, 0, 1);
        for (const d of callWeeks.get(s)!)
          b.row(`callWeekDef[${f.id},${d}]`, new LinearExpr().add(v).add(cv(f, d)!, -1), 0, Infinity);
        y.set(s, v);
      }
      for (const s of sundays) {
        const next = y.get(addDays(s, 7));
        if (next === undefined) continue;
        const z = b.continuous(`backToBack[${f.id},${s}]`, 0, 1, b2bW);
        b.row(`backToBackDef[${f.id},${s}]`, new LinearExpr().add(z).add(y.get(s)!, -1).add(next, -1), -1, Infinity);
      }
    }
  }

  // Soft: day preferences.
  const prefW = weightOf(data.settings, 'dayPreference');
  const preferences = data.settings.callPreferences ?? [];
  const avoids = (f: Person, d: IsoDate) => avoidsCallOn(preferences, f, isoWeekday(d));
  for (const f of faculty) for (const d of nights) if (avoids(f, d)) b.addCost(cv(f, d)!, prefW);

  // Fairness: year-to-date counts (before the range) plus this range, min-max per category, each
  // per the person's share of those days in the program (core/domain/program-dates).
  const yearStart = academicYearStart(academicYearOf(start));
  const countedEnd = end < yearEnd ? end : yearEnd;
  const shares = faculty.map((f) => programShareOf(f, yearStart, countedEnd));
  const isHoliday = (d: IsoDate) => dayTypes.has(d);
  const categoryOfNight = (d: IsoDate): Category[] => {
    const cats: Category[] = [isoWeekday(d) === 7 ? 'sundayCalls' : 'weekdayCalls'];
    if (isHoliday(d)) cats.push('holidayCalls');
    return cats;
  };
  const ytd = new Map<string, FairnessCounts>(
    faculty.map((f, i) => [
      f.id,
      { personId: f.id, sundayCalls: 0, weekdayCalls: 0, holidayCalls: 0, inpatientWeeks: 0, share: shares[i] },
    ]),
  );
  for (const c of data.calls) {
    if (c.date < yearStart || c.date >= start || !facultyIds.has(c.personId)) continue;
    const counts = ytd.get(c.personId)!;
    if (c.callTypeCode === overnight.code && SUN_TO_THU.has(isoWeekday(c.date)))
      for (const cat of categoryOfNight(c.date)) counts[cat]++;
    else if (isHoliday(c.date)) counts.holidayCalls++;
  }
  for (const w of data.inpatientWeeks)
    if (w.start >= yearStart && w.start < start && facultyIds.has(w.personId)) ytd.get(w.personId)!.inpatientWeeks++;
  // Counts already fixed inside the range (locked calls, kept weeks).
  const fixedInRange = new Map<string, Record<Category, number>>(
    faculty.map((f) => [f.id, { sundayCalls: 0, weekdayCalls: 0, holidayCalls: 0, inpatientWeeks: 0 }]),
  );
  for (const c of lockedCalls) {
    const counts = fixedInRange.get(c.personId);
    if (!counts) continue;
    if (c.callTypeCode === overnight.code && SUN_TO_THU.has(isoWeekday(c.date)))
      for (const cat of categoryOfNight(c.date)) counts[cat]++;
    else if (isHoliday(c.date)) counts.holidayCalls++;
  }
  for (const w of weeks)
    if (w.kept && w.start >= start && fixedInRange.has(w.kept)) fixedInRange.get(w.kept)!.inpatientWeeks++;

  const categoryWeight: Record<Category, number> = {
    sundayCalls: weightOf(data.settings, 'fairnessCalls'),
    weekdayCalls: weightOf(data.settings, 'fairnessCalls'),
    holidayCalls: weightOf(data.settings, 'fairnessCalls'),
    inpatientWeeks: weightOf(data.settings, 'fairnessInpatientWeeks'),
  };
  const categoryColumns = (f: Person, cat: Category): number[] => {
    if (cat === 'inpatientWeeks') return weeks.filter((w) => !w.kept && w.start >= start).map((w) => wv(f, w)!);
    return nights.filter((d) => categoryOfNight(d).includes(cat)).map((d) => cv(f, d)!);
  };
  const label: Record<Category, string> = {
    sundayCalls: 'Sunday calls',
    weekdayCalls: 'weekday calls',
    holidayCalls: 'holiday calls',
    inpatientWeeks: 'inpatient weeks',
  };
  for (const cat of Object.keys(categoryWeight) as Category[]) {
    const w = categoryWeight[cat];
    // Only those in the program some of the counted days compare (a share of none says nothing).
    const who = faculty.flatMap((_, i) => (shares[i] > 0 ? [i] : []));
    const cols = faculty.map((f) => categoryColumns(f, cat));
    if (w <= 0 || who.every((i) => cols[i].length === 0)) continue;
    const bases = faculty.map((f) => ytd.get(f.id)![cat] + fixedInRange.get(f.id)![cat]);
    const open = cols.map((c) => c.filter((col) => b.columns[col].upper > 0).length);
    const assigned =
      cat === 'inpatientWeeks'
        ? weeks.filter((w) => !w.kept && w.start >= start).length
        : nights.filter((d) => categoryOfNight(d).includes(cat)).length;
    // Min-max of each one's count per share of the counted days (DOMAIN: fairness, pro-rated for a
    // part-year person), in whole counts: the max rounded up, the min down (exact for everyone in
    // the whole period). Valid bounds that make the LP relaxation see the integrality of the
    // spread: every new night (week) goes to someone, so the counts sum to a known total.
    const total = who.reduce((n, i) => n + bases[i], 0) + assigned;
    const mean = total / who.reduce((n, i) => n + shares[i], 0);
    const hiLower = Math.ceil(Math.max(...who.map((i) => perWholePeriod(bases[i], shares[i])), mean) - 1e-9);
    const loUpper = Math.floor(Math.min(...who.map((i) => perWholePeriod(bases[i] + open[i], shares[i])), mean) + 1e-9);
    const hi = b.integer(`fairMax[${cat}]`, hiLower, 1e6, w);
    const lo = b.integer(`fairMin[${cat}]`, -1e6, loUpper, -w);
    for (const i of who) {
      const f = faculty[i];
      const base = bases[i];
      b.row(`fairMaxDef[${cat},${f.id}]`, new LinearExpr().add(hi, shares[i]).addAll(cols[i], -1), base, Infinity);
      b.row(`fairMinDef[${cat},${f.id}]`, new LinearExpr().add(lo, shares[i]).addAll(cols[i], -1), -Infinity, base);
    }
  }

  const decisionColumns = new Set([...callVar.values(), ...weekVar.values()]);
  return {
    scope: 'calls',
    label: `Call and inpatient weeks ${start}–${end}`,
    builder: b,
    ...(startHint.size ? { startHint } : {}),
    decode(values) {
      const pinned = b.tightReasons(values, decisionColumns);
      const on = (c: number | undefined) => c !== undefined && values[c] > 0.5;
      const attending = new Map<IsoDate, string>(); // week start → person
      for (const w of weeks) {
        const who = w.kept ?? faculty.find((f) => on(wv(f, w)))?.id;
        if (who) attending.set(w.start, who);
      }
      const calls: CallAssignment[] = [...lockedCalls];
      for (const d of nights) {
        const f = faculty.find((x) => on(cv(x, d)));
        if (f) calls.push({ date: d, callTypeCode: overnight.code, personId: f.id, source: 'solver' });
      }
      for (const d of dates) {
        const wd = isoWeekday(d);
        if (wd !== 5 && wd !== 6) continue;
        if (lockedOn.has(`${d}:${weekend.code}`)) continue;
        const w = weekOf(d);
        const who = w ? attending.get(w.start) : undefined;
        if (who) calls.push({ date: d, callTypeCode: weekend.code, personId: who, source: 'solver' });
      }
      calls.sort((x, y) => x.date.localeCompare(y.date) || x.callTypeCode.localeCompare(y.callTypeCode));
      const inpatientWeeks: InpatientWeek[] = weeks
        .filter((w) => attending.has(w.start))
        .map((w) => ({ personId: attending.get(w.start)!, start: w.start, end: w.end }));

      // Totals after this plan, for fairness explanations and the report.
      const totals = new Map<string, FairnessCounts>();
      for (const f of faculty) {
        const t = { ...ytd.get(f.id)! };
        for (const c of calls) {
          if (c.personId !== f.id) continue;
          if (c.callTypeCode === overnight.code && SUN_TO_THU.has(isoWeekday(c.date)))
            for (const cat of categoryOfNight(c.date)) t[cat]++;
          else if (isHoliday(c.date)) t.holidayCalls++;
        }
        t.inpatientWeeks += inpatientWeeks.filter((w) => w.personId === f.id && w.start >= start).length;
        totals.set(f.id, t);
      }
      // Per share of the counted days when someone was in the program for only part of them.
      const counted = [...totals.values()].filter((t) => t.share > 0);
      const partYear = counted.some((t) => t.share < 1);
      const range = (cat: Category) => {
        const v = counted.map((t) => perWholePeriod(t[cat], t.share));
        return `${formatNumber(Math.min(...v))}–${formatNumber(Math.max(...v))}`;
      };
      const fairnessReason = (personId: string, cat: Category): Reason => {
        const t = totals.get(personId)!;
        const name = faculty.find((f) => f.id === personId)!.name;
        const own =
          t.share < 1
            ? `, ${formatNumber(perWholePeriod(t[cat], t.share))} for the whole year so far at their share of it ` +
              `(in the program ${Math.round(t.share * 100)}% of its days)`
            : '';
        return {
          kind: 'fairness',
          text:
            `Fairness: ${name} has ${t[cat]} ${label[cat]} this academic year${own} (faculty range ` +
            `${range(cat)}${partYear ? ' per whole year' : ''})`,
        };
      };

      const explanations: CellExplanation[] = [];
      for (const c of calls) {
        const reasons: Reason[] = [];
        const f = faculty.find((x) => x.id === c.personId);
        if (c.source === 'preload' || c.source === 'manual')
          reasons.push({ kind: 'locked', text: `Locked ${c.source} call` });
        else if (!ownTypes.has(c.callTypeCode))
          reasons.push({ kind: 'locked', text: `Kept: ${c.callTypeCode} calls are not planned by this model` });
        else if (c.callTypeCode === weekend.code && (isoWeekday(c.date) === 5 || isoWeekday(c.date) === 6)) {
          reasons.push({
            kind: 'inpatient_week',
            text: `${f?.name ?? c.personId} is the inpatient-week attending, who covers Friday and Saturday nights`,
          });
        } else {
          reasons.push(...(pinned.get(cv(f!, c.date)!) ?? []));
          if (keptPublished.has(cv(f!, c.date)!)) reasons.push(stability);
          for (const cat of categoryOfNight(c.date)) reasons.push(fairnessReason(c.personId, cat));
          if (f && avoids(f, c.date))
            reasons.push({
              kind: 'preference',
              text: `Against ${f.name}'s preference to avoid this weekday; no better option`,
            });
        }
        explanations.push({
          key: `call:${c.date}:${c.callTypeCode}`,
          personId: c.personId,
          value: c.personId,
          reasons: finishReasons(reasons, 'Free choice among equally fair options'),
        });
      }
      for (const w of inpatientWeeks) {
        const kept = weeks.find((x) => x.start === w.start)?.kept;
        const col = kept
          ? undefined
          : wv(faculty.find((f) => f.id === w.personId)!, weeks.find((x) => x.start === w.start)!);
        const reasons: Reason[] =
          col === undefined
            ? [{ kind: 'locked', text: 'Inpatient week planned earlier and kept' }]
            : [
                ...(pinned.get(col) ?? []),
                fairnessReason(w.personId, 'inpatientWeeks'),
                ...(keptPublished.has(col) ? [stability] : []),
              ];
        explanations.push({
          key: `inpatient:${w.start}`,
          personId: w.personId,
          value: w.personId,
          reasons: finishReasons(reasons, 'Free choice among equally fair options'),
        });
      }
      return {
        start,
        end,
        calls,
        inpatientWeeks,
        fairness: [...totals.values()],
        explanations,
        decided: { nights: nights.length, weeks: weeks.filter((w) => !w.kept).length },
        lockedKept: lockedCalls.filter((c) => ownTypes.has(c.callTypeCode)).length,
      };
    },
  };
}
