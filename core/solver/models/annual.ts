// The annual rotation plan as a MILP: each resident × block (or half-block) → one rotation.
// Hard: one rotation per resident and half-block, rotation capacities, per-PGY requirements,
// windows, order, fixed blocks, the staffing of each service (min/max residents per PGY level over
// its rotations, counted as the compliance engine counts), staffing minimums, and no
// leave-ineligible rotation during approved planned leave (an absence type whose policy says so).
// Soft: requested leave lands on leave-eligible rotations, inpatient blocks spaced apart.
import { addDays, blocksForYear, academicYearLabel, daysBetween, isoWeekday } from '../../domain/calendar';
import { planIssues, planPartsOf } from '../../domain/plan-entries';
import type { ProgramData } from '../../domain/program';
import type {
  AcademicYearId,
  Block,
  BlockPart,
  IsoDate,
  Rotation,
  RotationAssignment,
  RotationOrder,
  RotationPlanRules,
  Service,
} from '../../domain/types';
import { LinearExpr, ModelBuilder, type Reason } from './builder';
import { finishReasons, type CellExplanation } from './explain';
import { plural, countedWord, formatNumber } from '../../domain/words';
import { programDatesWords, programDaysIn } from '../../domain/program-dates';
import { listText, type GenerationModel } from './model';
import {
  declareResidentMinimumSums,
  declareRotationMinimumSums,
  type MinimumRow,
  type MinimumsOfResident,
  type RotationCapacity,
} from './annual-minimums';
import { countsOnLine, lineRange, lineWhom, serviceLabel, staffingLines } from '../../rules/services';
import {
  availabilityOf,
  compiledRulesOfType,
  residentsOf,
  ruleApplies,
  unusedFor,
  unusedText,
  type Unused,
  weightOf,
  type Resident,
} from './program-view';

export interface AnnualPlanOptions {
  academicYear: AcademicYearId;
  /** Requirements to plan against; default: the program's settings.rotationPlan (or none). */
  rules?: RotationPlanRules;
  /** Plan entries kept as they are (blocks already under way, manual decisions). */
  locked?: RotationAssignment[];
  /**
   * The plan to change as little as possible (each half-block whose rotation differs costs
   * solverWeights.planChange); default none: plan from scratch.
   */
  current?: RotationAssignment[];
}

export interface AnnualPlanResult {
  academicYear: AcademicYearId;
  rotationAssignments: RotationAssignment[];
  explanations: CellExplanation[];
}

/** One half-block (or a whole short block): the unit a rotation occupies. */
export interface PlanPeriod {
  index: number;
  block: Block;
  /** 'full' only for blocks without halves. */
  part: BlockPart;
  start: IsoDate;
  end: IsoDate;
  /** How much of a block this period counts as toward requirements (½ for a half of a 28-day block). */
  weight: number;
}

/** The half-blocks of a year, in time order. */
export function planPeriods(year: AcademicYearId, data: ProgramData): PlanPeriod[] {
  const layout = data.settings.blockLayout;
  const periods: PlanPeriod[] = [];
  const weightOfDays = (days: number) => Math.round((2 * days) / layout.blockLengthDays) / 2;
  for (const block of blocksForYear(year, layout)) {
    const length = daysBetween(block.start, block.end) + 1;
    // The parts a plan entry may name (core/domain/plan-entries): halves only where the block has them.
    if (planPartsOf(block).includes('first')) {
      const firstEnd = addDays(block.secondHalfStart, -1);
      periods.push({
        index: periods.length,
        block,
        part: 'first',
        start: block.start,
        end: firstEnd,
        weight: weightOfDays(daysBetween(block.start, firstEnd) + 1),
      });
      periods.push({
        index: periods.length,
        block,
        part: 'second',
        start: block.secondHalfStart,
        end: block.end,
        weight: weightOfDays(daysBetween(block.secondHalfStart, block.end) + 1),
      });
    } else {
      periods.push({
        index: periods.length,
        block,
        part: 'full',
        start: block.start,
        end: block.end,
        weight: weightOfDays(length),
      });
    }
  }
  return periods;
}

export function periodLabel(p: PlanPeriod): string {
  return p.part === 'full' ? `Block ${p.block.number}` : `Block ${p.block.number} (${p.part} half)`;
}

export function rotationLabel(r: Rotation): string {
  return r.name === r.code ? r.code : `${r.name} (${r.code})`;
}

interface PlanColumn {
  resident: Resident;
  rotation: Rotation;
  block: Block;
  part: BlockPart;
  periods: PlanPeriod[];
}

const EMPTY_RULES: RotationPlanRules = { requirements: [], windows: [], order: [], fixed: [], staffing: [] };

export function buildAnnualPlanModel(data: ProgramData, options: AnnualPlanOptions): GenerationModel<AnnualPlanResult> {
  const year = options.academicYear;
  const rules = options.rules ?? data.settings.rotationPlan ?? EMPTY_RULES;
  const locked = options.locked ?? [];
  const residents = residentsOf(data, year);
  if (residents.length === 0) throw new Error(`No active residents with a PGY level in ${academicYearLabel(year)}`);
  const periods = planPeriods(year, data);
  const rotationsByCode = new Map<string, Rotation>();
  for (const r of data.rotations) {
    const other = rotationsByCode.get(r.code);
    if (other) throw new Error(`Rotation code "${r.code}" is used by two rotations (ids "${other.id}" and "${r.id}")`);
    rotationsByCode.set(r.code, r);
  }
  const rotationById = new Map(data.rotations.map((r) => [r.id, r]));
  const rotation = (code: string, where: string): Rotation => {
    const r = rotationsByCode.get(code);
    if (!r) throw new Error(`${where} names rotation "${code}", which is not among the program's rotations`);
    return r;
  };
  rules.requirements.forEach((q, i) => {
    rotation(q.rotationCode, `Rotation requirement ${i + 1} (PGY-${q.pgy})`);
    if (q.minBlocks > q.maxBlocks)
      throw new Error(
        `Rotation requirement ${i + 1} (PGY-${q.pgy} ${q.rotationCode}): minBlocks ${q.minBlocks} is above ` +
          `maxBlocks ${q.maxBlocks}`,
      );
  });
  rules.windows.forEach((w, i) => rotation(w.rotationCode, `Rotation window ${i + 1}`));
  rules.order.forEach((o, i) => {
    rotation(o.before, `Rotation order ${i + 1}`);
    if (o.after !== '*') rotation(o.after, `Rotation order ${i + 1}`);
  });
  rules.fixed.forEach((f, i) =>
    rotation(f.rotationCode, `Fixed rotation ${i + 1} (PGY-${f.pgy} block ${f.blockNumber})`),
  );
  rules.staffing.forEach((s, i) => rotation(s.rotationCode, `Rotation staffing ${i + 1}`));
  const blockNumbers = new Set(periods.map((p) => p.block.number));
  rules.fixed.forEach((f, i) => {
    if (!blockNumbers.has(f.blockNumber))
      throw new Error(`Fixed rotation ${i + 1}: block ${f.blockNumber} does not exist in ${academicYearLabel(year)}`);
  });

  // Locked entries: validate and index by resident and period.
  const residentById = new Map(residents.map((r) => [r.person.id, r]));
  const lockedAt = new Map<string, Rotation>(); // `${personId}:${periodIndex}` → rotation
  const lockedRotations = new Map<string, Set<string>>(); // personId → codes
  locked.forEach((a, i) => {
    const where = `Locked plan entry ${i + 1} (${a.personId}, block ${a.blockNumber} ${a.part})`;
    if (a.academicYear !== year)
      throw new Error(`${where}: belongs to ${academicYearLabel(a.academicYear)}, not ${academicYearLabel(year)}`);
    if (!residentById.has(a.personId))
      throw new Error(`${where}: not an active resident in ${academicYearLabel(year)}`);
    const rot = rotationById.get(a.rotationId);
    if (!rot) throw new Error(`${where}: unknown rotation id "${a.rotationId}"`);
    const covered = periods.filter((p) => p.block.number === a.blockNumber && (a.part === 'full' || p.part === a.part));
    if (covered.length === 0) throw new Error(`${where}: no such block or half in ${academicYearLabel(year)}`);
    for (const p of covered) {
      const key = `${a.personId}:${p.index}`;
      const prior = lockedAt.get(key);
      if (prior && prior.id !== rot.id)
        throw new Error(`${where}: conflicts with another locked entry (${prior.code}) in ${periodLabel(p)}`);
      lockedAt.set(key, rot);
    }
    const set = lockedRotations.get(a.personId) ?? new Set<string>();
    set.add(rot.code);
    lockedRotations.set(a.personId, set);
  });

  // Which rotations each resident may take: their PGY's required rotations (all, when the
  // PGY has no requirements), plus fixed and locked ones.
  const eligibleFor = (r: Resident): Rotation[] => {
    const reqs = rules.requirements.filter((q) => q.pgy === r.pgy);
    const codes = new Set<string>(
      reqs.length > 0
        ? reqs.filter((q) => q.maxBlocks > 0).map((q) => q.rotationCode)
        : data.rotations.map((x) => x.code),
    );
    for (const f of rules.fixed) if (f.pgy === r.pgy) codes.add(f.rotationCode);
    for (const c of lockedRotations.get(r.person.id) ?? []) codes.add(c);
    return data.rotations.filter((x) => codes.has(x.code));
  };

  // Planned leave (core/domain/availability: absence types whose policy puts them on
  // leave-eligible rotations): approved leave rules out leave-ineligible rotations in its periods.
  const availability = availabilityOf(data);
  // Days in the program (core/domain/program-dates): a period with none gets no rotation; one the
  // resident is in only part of takes no leave-ineligible rotation (it needs them throughout).
  const inProgramDays = (r: Resident, p: PlanPeriod) => programDaysIn(r.person, p.start, p.end);
  const blockedIn = (r: Resident, p: PlanPeriod): Unused | null => {
    const days = inProgramDays(r, p);
    if (days < daysBetween(p.start, p.end) + 1)
      return {
        name: r.person.name,
        state: `in the program ${programDatesWords(r.person)}, not all of ${periodLabel(p)}`,
      };
    const leave = availability
      .of(r.person.id)
      .leaveIn(p.start, p.end)
      .find((u) => u.approved);
    return leave ? unusedFor(r.person, leave) : null;
  };

  const b = new ModelBuilder('minimize');
  const columns: PlanColumn[] = [];
  const columnInfo = new Map<number, PlanColumn>();
  /** `${personId}|${blockNumber}|${part}|${rotation code}` → the plan column. */
  const columnAt = new Map<string, number>();
  // occupancy[resident index][period index] → columns covering that period, by rotation code
  const occupancy: Map<string, number[]>[][] = residents.map(() => periods.map(() => new Map()));
  const eligibleCodes = residents.map((r) => new Set(eligibleFor(r).map((x) => x.code)));
  const byBlock = new Map<number, PlanPeriod[]>();
  for (const p of periods) byBlock.set(p.block.number, [...(byBlock.get(p.block.number) ?? []), p]);

  residents.forEach((r, ri) => {
    for (const rot of eligibleFor(r)) {
      for (const [blockNumber, ps] of byBlock) {
        const spans: { part: BlockPart; periods: PlanPeriod[] }[] =
          ps.length === 2 && rot.halfBlock
            ? ps.map((p) => ({ part: p.part, periods: [p] }))
            : [{ part: 'full', periods: ps }];
        for (const span of spans) {
          const keep = span.periods.some(
            (p) => inProgramDays(r, p) > 0 || lockedAt.get(`${r.person.id}:${p.index}`)?.code === rot.code,
          );
          if (!keep) continue;
          const col = b.binary(`plan[${r.person.id},${blockNumber},${span.part},${rot.code}]`);
          columnAt.set(`${r.person.id}|${blockNumber}|${span.part}|${rot.code}`, col);
          const info: PlanColumn = {
            resident: r,
            rotation: rot,
            block: ps[0].block,
            part: span.part,
            periods: span.periods,
          };
          columns.push(info);
          columnInfo.set(col, info);
          for (const p of span.periods) {
            const m = occupancy[ri][p.index];
            m.set(rot.code, [...(m.get(rot.code) ?? []), col]);
          }
        }
      }
    }
  });
  const occ = (ri: number, p: PlanPeriod, code: string): number[] => occupancy[ri][p.index].get(code) ?? [];
  /** Not in the program on any day of the period, and nothing locked there. */
  const isOutside = (ri: number, p: PlanPeriod) =>
    inProgramDays(residents[ri], p) === 0 && !lockedAt.has(`${residents[ri].person.id}:${p.index}`);
  const weightOfColumn = (col: number) => columnInfo.get(col)!.periods.reduce((s, p) => s + p.weight, 0);

  // Why a resident cannot be on a rotation in a period, for diagnosis messages.
  const unavailable = (ri: number, p: PlanPeriod, rot: Rotation): Unused | null => {
    const r = residents[ri];
    const name = r.person.name;
    if (isOutside(ri, p)) return { name, state: `not in the program in ${periodLabel(p)}` };
    const lockedRot = lockedAt.get(`${r.person.id}:${p.index}`);
    if (lockedRot && lockedRot.code !== rot.code) return { name, state: `locked on ${lockedRot.code}` };
    const fixed = rules.fixed.find(
      (f) => f.pgy === r.pgy && f.blockNumber === p.block.number && f.rotationCode !== rot.code,
    );
    if (fixed) return { name, state: `fixed on ${fixed.rotationCode}` };
    if (!rot.leaveEligible) {
      const leave = blockedIn(r, p);
      if (leave) return leave;
    }
    if (!eligibleCodes[ri].has(rot.code)) return { name, state: `PGY-${r.pgy}, with no requirement for ${rot.code}` };
    const window = rules.windows.find(
      (w) =>
        w.rotationCode === rot.code &&
        (w.pgyLevels.length === 0 || w.pgyLevels.includes(r.pgy)) &&
        w.notInBlocks.includes(p.block.number),
    );
    if (window) return { name, state: `PGY-${r.pgy}, for whom ${rot.code} is not allowed in block ${p.block.number}` };
    return null;
  };

  /** Who of a pool can be on none of the rotations in a period, and why. */
  const awayFrom = (p: PlanPeriod, rots: Rotation[], pool: number[]): Unused[] =>
    pool
      .map((ri) => {
        const why = rots.map((rot) => unavailable(ri, p, rot));
        return why.every((x) => x !== null) ? why[0] : null;
      })
      .filter((x): x is Unused => x !== null);
  /** A coverage shortfall follows from other requirements when more are available than are placed. */
  const coverageFollows = (p: PlanPeriod, rots: Rotation[], pool: number[], need: number) => (short: number) =>
    pool.length - awayFrom(p, rots, pool).length > Math.max(0, need - short);

  // Why a period is short of a requirement: who is away, or the other requirements in the way.
  const shortOfText = (
    head: string,
    available: number,
    placed: number,
    reasons: Parameters<typeof unusedText>[0],
  ): string =>
    available <= placed
      ? `${head} but only ${available} ${available === 1 ? 'is' : 'are'} ` +
        `available${reasons.length ? `: ${unusedText(reasons)}` : ''}`
      : `${head} but only ${placed} can be placed there without breaking other requirements (capacities, per-PGY ` +
        `block counts, windows)`;

  // Coverage-style message: who is missing and why.
  const coverageText = (
    p: PlanPeriod,
    rot: Rotation,
    pool: number[],
    need: number,
    whom: string,
    shortBy: number,
  ): string => {
    const reasons = awayFrom(p, [rot], pool);
    const available = pool.length - reasons.length;
    const placed = Math.max(0, need - shortBy);
    const head = `${periodLabel(p)} needs ${plural(need, `${whom}resident`)} on ${rotationLabel(rot)}`;
    return shortOfText(head, available, placed, reasons);
  };

  // The same for a service staffed by several rotations: a resident is available when any of them is.
  const serviceCoverageText = (
    p: PlanPeriod,
    service: Service,
    rots: Rotation[],
    pool: number[],
    need: number,
    whom: string,
    shortBy: number,
  ): string => {
    const reasons = awayFrom(p, rots, pool);
    const available = pool.length - reasons.length;
    const placed = Math.max(0, need - shortBy);
    const staffedBy =
      rots.length === 1 && rots[0].code === service.code ? '' : ` (${rots.map((r) => r.code).join(', ')})`;
    const head = `${periodLabel(p)} needs ${plural(need, `${whom}resident`)} on ${serviceLabel(service)}${staffedBy}`;
    return shortOfText(head, available, placed, reasons);
  };

  // 1. Exactly one rotation per resident and period in the program; none outside (a full-block
  // rotation of a block they are in part of still covers its other half).
  const oneRows = residents.map(() => [] as { row: number; weight: number }[]);
  residents.forEach((r, ri) => {
    for (const p of periods) {
      const e = new LinearExpr();
      for (const cols of occupancy[ri][p.index].values()) e.addAll(cols);
      if (e.size === 0 && isOutside(ri, p)) continue;
      oneRows[ri].push({
        row: b.row(`one[${r.person.id},${p.index}]`, e, isOutside(ri, p) ? 0 : 1, 1),
        weight: p.weight,
      });
    }
  });

  const yearDays = periods.reduce((n, p) => n + daysBetween(p.start, p.end) + 1, 0);
  /** The share of the year's days the resident is in the program. */
  const inYearShare = (r: Resident) => periods.reduce((n, p) => n + inProgramDays(r, p), 0) / yearDays;

  // 2. Locked entries.
  for (const [key, rot] of lockedAt) {
    const [personId, idx] = [key.slice(0, key.lastIndexOf(':')), Number(key.slice(key.lastIndexOf(':') + 1))];
    const ri = residents.findIndex((r) => r.person.id === personId);
    const cols = occ(ri, periods[idx], rot.code);
    // A locked full-block entry on a half-block rotation uses the half columns; either way the
    // period must be on that rotation.
    const e = new LinearExpr().addAll(cols);
    b.row(`locked[${personId},${idx}]`, e, 1, 1, {
      reason: {
        kind: 'locked',
        text: `Locked: ${residents[ri].person.name} is on ${rot.code} in ${periodLabel(periods[idx])}`,
      },
    });
  }

  // Locked entries (blocks already under way, the published plan before a year run's first block)
  // are context: the rules below constrain what the run may change, never what it must keep. A
  // per-period rule over locked entries only is left out; where locked entries already exceed a
  // limit, the others add nothing more (the limit is raised to what is kept).
  const lockedRotationOf = (ri: number, p: PlanPeriod) => lockedAt.get(`${residents[ri].person.id}:${p.index}`) ?? null;
  const everyone = residents.map((_, ri) => ri);
  const allLocked = (pool: number[], p: PlanPeriod) => pool.every((ri) => lockedRotationOf(ri, p) !== null);
  const lockedOn = (pool: number[], p: PlanPeriod, codes: string | string[]) =>
    pool.filter((ri) => [codes].flat().includes(lockedRotationOf(ri, p)?.code ?? '')).length;

  // 3. Capacities.
  const capacities: RotationCapacity[] = [];
  for (const rot of data.rotations) {
    const capacityRows: RotationCapacity['periodRows'] = [];
    capacities.push({
      rotationId: rot.id,
      label: rotationLabel(rot),
      capacity: rot.capacity,
      periodRows: capacityRows,
    });
    for (const p of periods) {
      const e = new LinearExpr();
      residents.forEach((_, ri) => e.addAll(occ(ri, p, rot.code)));
      if (e.size <= rot.capacity || allLocked(everyone, p)) continue;
      const capacity = Math.max(rot.capacity, lockedOn(everyone, p, rot.code));
      const g = b.group({
        id: `capacity:${rot.code}:${p.index}`,
        kind: 'capacity',
        weight: 1,
        describe: (short) =>
          `${rotationLabel(rot)} takes at most ${plural(rot.capacity, 'resident')} in ${periodLabel(p)}, but the ` +
          `other requirements need ${rot.capacity + Math.ceil(short)} there`,
        follows: () => true,
      });
      const row = b.row(`capacity[${rot.code},${p.index}]`, e, -Infinity, capacity, {
        group: g,
        reason: {
          kind: 'capacity',
          text: `${rotationLabel(rot)} is full in ${periodLabel(p)} (capacity ${rot.capacity})`,
        },
      });
      capacityRows.push({ row, weight: p.weight });
    }
  }

  // 4. Per-PGY requirements (block counts, half-blocks count ½).
  const yearBlocks = periods.reduce((sum, p) => sum + p.weight, 0);
  const minimumsOf = residents.map((): MinimumRow[] => []);
  for (const q of rules.requirements) {
    const rot = rotation(q.rotationCode, 'Rotation requirement');
    const range = q.minBlocks === q.maxBlocks ? `${q.minBlocks}` : `${q.minBlocks}–${q.maxBlocks}`;
    const minimumOf = new Map<string, { ri: number; least: number }>(); // by the row's subject
    /** Blocks a resident could be on the rotation, leave, locks, windows and dates aside. */
    const room = (ri: number) => periods.filter((p) => !unavailable(ri, p, rot)).reduce((s, p) => s + p.weight, 0);
    const g = b.group({
      id: `requirement:pgy${q.pgy}:${q.rotationCode}`,
      kind: 'requirement',
      weight: 1,
      describe: (short, who) =>
        `PGY-${q.pgy} residents need ${range} blocks of ${rotationLabel(rot)}; the plan misses this by ` +
        `${plural(short, 'block')} for ${listText(who)}`,
      // Each resident it misses has room for the minimum: other requirements took it.
      follows: (_short, who) =>
        who.length > 0 &&
        who.every((name) => {
          const m = minimumOf.get(name);
          return m !== undefined && room(m.ri) >= m.least;
        }),
    });
    residents.forEach((r, ri) => {
      if (r.pgy !== q.pgy) return;
      // A partial year (a late start, a leaver) owes its share of the minimum, in half-blocks.
      const share = inYearShare(r);
      const minBlocks = Math.floor(q.minBlocks * share * 2 + 1e-9) / 2;
      const e = new LinearExpr();
      const seen = new Set<number>();
      for (const p of periods)
        for (const c of occ(ri, p, q.rotationCode)) if (!seen.has(c)) seen.add(c), e.add(c, weightOfColumn(c));
      // What is locked counts; the open periods do what they still can.
      const kept = periods
        .filter((p) => lockedRotationOf(ri, p)?.code === q.rotationCode)
        .reduce((sum, p) => sum + p.weight, 0);
      const open = periods
        .filter((p) => lockedRotationOf(ri, p) === null && !isOutside(ri, p))
        .reduce((sum, p) => sum + p.weight, 0);
      if (open === 0) return;
      const least = Math.min(minBlocks, kept + open);
      const subject =
        minBlocks < q.minBlocks ? `${r.person.name} (${formatNumber(minBlocks)} for their dates)` : r.person.name;
      minimumOf.set(subject, { ri, least });
      const row = b.row(`requirement[${r.person.id},${q.rotationCode}]`, e, least, Math.max(q.maxBlocks, kept), {
        group: g,
        subject,
        reason: {
          kind: 'requirement',
          text: `PGY-${q.pgy} residents do ${range} blocks of ${rotationLabel(rot)} a year`,
        },
      });
      const minimum = { row, rotationId: rot.id, rotationCode: rot.code, rotationLabel: rotationLabel(rot) };
      minimumsOf[ri].push({ ...minimum, minBlocks: least });
    });
  }
  /** What takes a resident's blocks from their minimums: locks on other rotations, days out of the program. */
  const closedToMinimums = (ri: number, minimums: MinimumRow[]): string[] => {
    const counted = new Set(minimums.filter((m) => m.minBlocks > 0).map((m) => m.rotationCode));
    const locked = new Map<string, number>();
    for (const p of periods) {
      const code = lockedRotationOf(ri, p)?.code;
      if (code && !counted.has(code)) locked.set(code, (locked.get(code) ?? 0) + p.weight);
    }
    const out = [...locked].map(([code, w]) => `${plural(w, 'block')} ${w === 1 ? 'is' : 'are'} locked on ${code}`);
    const share = inYearShare(residents[ri]);
    if (share < 1 - 1e-9) out.push(`they are in the program ${programDatesWords(residents[ri].person)}`);
    return out;
  };
  // Minimums that cannot fit the year, by counting before any solve.
  const minimumsOfResidents: MinimumsOfResident[] = residents.map((r, ri) => ({
    personId: r.person.id,
    name: r.person.name,
    pgy: r.pgy,
    minimums: minimumsOf[ri],
    periodRows: oneRows[ri],
    wholeYear: inYearShare(r) > 1 - 1e-9 && periods.every((p) => lockedRotationOf(ri, p) === null),
    closed: closedToMinimums(ri, minimumsOf[ri]),
  }));
  declareResidentMinimumSums(b, minimumsOfResidents, yearBlocks);
  declareRotationMinimumSums(b, minimumsOfResidents, capacities);

  // 5–6. Services (core/rules/services): the residents on any of a service's rotations, per
  // staffing line (PGY levels, min, max), in every period — exactly as the compliance engine counts.
  for (const compiled of compiledRulesOfType<{ services: string[] }>(data.settings, 'service_staffing')) {
    const rule = compiled.config;
    for (const { service, line, key } of staffingLines(data.settings, compiled.params.services)) {
      const rots = service.rotationCodes.map((code) => rotation(code, `Service "${service.code}" (rule "${rule.id}")`));
      const pool = residents
        .map((r, ri) => (countsOnLine(line, r.pgy) && ruleApplies(rule, r.person, r.pgy) ? ri : -1))
        .filter((ri) => ri >= 0);
      const whom = line.pgyLevels.length ? `PGY-${line.pgyLevels.join('/')} ` : '';
      for (const p of periods) {
        if (allLocked(pool, p)) continue;
        const e = new LinearExpr();
        for (const ri of pool) for (const rot of rots) e.addAll(occ(ri, p, rot.code));
        const max = line.max === null ? Infinity : line.max;
        if (line.min === 0 && e.size <= max) continue;
        const tag = `${service.code}:${key ?? 'all'}:${p.index}`;
        const g = b.group({
          id: `${line.min > 0 ? 'coverage' : 'limit'}:${tag}`,
          kind: line.min > 0 ? 'coverage' : 'limit',
          weight: 1,
          describe: (short) =>
            line.min > 0
              ? serviceCoverageText(p, service, rots, pool, line.min, whom, short)
              : `At most ${plural(max, `${whom}resident`)} may be on ${serviceLabel(service)} at a time ` +
                `(${rule.id}), but ${periodLabel(p)} needs ${max + Math.ceil(short)}`,
          follows: line.min > 0 ? coverageFollows(p, rots, pool, line.min) : () => true,
        });
        b.row(`service[${tag}]`, e, line.min, Math.max(max, lockedOn(pool, p, service.rotationCodes)), {
          group: g,
          reason: {
            kind: line.min > 0 ? 'coverage' : 'limit',
            text:
              `${serviceLabel(service)} has ${lineRange(line)} ${lineWhom(line, line.max ?? line.min)} every ` +
              `block (${rule.id})`,
          },
        });
      }
    }
  }

  // 7. Staffing minimums.
  rules.staffing.forEach((s, si) => {
    const rot = rotation(s.rotationCode, 'Rotation staffing');
    const pool = residents
      .map((r, ri) => (s.pgyLevels.length === 0 || s.pgyLevels.includes(r.pgy) ? ri : -1))
      .filter((ri) => ri >= 0);
    const whom = s.pgyLevels.length ? `${s.pgyLevels.map((l) => `PGY-${l}`).join('/')} ` : '';
    for (const p of periods) {
      if (allLocked(pool, p)) continue;
      const e = new LinearExpr();
      for (const ri of pool) e.addAll(occ(ri, p, rot.code));
      const g = b.group({
        id: `staffing:${si}:${p.index}`,
        kind: 'coverage',
        weight: 1,
        describe: (short) => coverageText(p, rot, pool, s.min, whom, short),
        follows: coverageFollows(p, [rot], pool, s.min),
      });
      b.row(`staffing[${si},${p.index}]`, e, s.min, Infinity, {
        group: g,
        reason: {
          kind: 'coverage',
          text: `${rotationLabel(rot)} needs at least ${plural(s.min, `${whom}resident`)} every half-block`,
        },
      });
    }
  });

  // 8. Windows: rotation not in these blocks for these PGY levels.
  rules.windows.forEach((w, wi) => {
    const levels = w.pgyLevels.length ? `PGY-${w.pgyLevels.join('/')}` : 'any resident';
    const g = b.group({
      id: `window:${wi}`,
      kind: 'window',
      weight: 1,
      describe: (_short, who) =>
        `${w.rotationCode} is not allowed in ${countedWord(w.notInBlocks.length, 'block')} ` +
        `${w.notInBlocks.join(', ')} for ${levels}, but the plan needs it there for ${listText(who)}`,
    });
    residents.forEach((r, ri) => {
      if (w.pgyLevels.length > 0 && !w.pgyLevels.includes(r.pgy)) return;
      const e = new LinearExpr();
      for (const p of periods)
        if (w.notInBlocks.includes(p.block.number) && !lockedRotationOf(ri, p)) e.addAll(occ(ri, p, w.rotationCode));
      if (e.size === 0) return;
      b.row(`window[${wi},${r.person.id}]`, e, -Infinity, 0, { group: g, subject: r.person.name });
    });
  });

  // 9. Order: all of `before` precedes any of `after` ('*': every other rotation, e.g. interns do
  // orientation first). started[t] = "after has begun by period t". A resident whose locked
  // entries already began `after` is past the rule: what is kept cannot be reordered.
  const isAfter = (o: RotationOrder, code: string) => (o.after === '*' ? code !== o.before : code === o.after);
  const occAfter = (ri: number, p: PlanPeriod, o: RotationOrder) =>
    [...occupancy[ri][p.index]].filter(([code]) => isAfter(o, code)).flatMap(([, cols]) => cols);
  rules.order.forEach((o, oi) => {
    const afterWords = o.after === '*' ? 'any other rotation' : o.after;
    const levelWords = o.pgyLevels.length ? ` for PGY-${o.pgyLevels.join('/')}` : '';
    const g = b.group({
      id: `order:${oi}`,
      kind: 'order',
      weight: 1,
      describe: (_short, who) =>
        `${o.before} must come before ${afterWords}${levelWords}, which cannot hold for ${listText(who)}`,
    });
    residents.forEach((r, ri) => {
      if (o.pgyLevels.length > 0 && !o.pgyLevels.includes(r.pgy)) return;
      if (periods.some((p) => isAfter(o, lockedRotationOf(ri, p)?.code ?? o.before))) return;
      let prevStarted = -1;
      for (const p of periods) {
        const started = b.continuous(`started[${oi},${r.person.id},${p.index}]`, 0, 1);
        if (prevStarted >= 0)
          b.row(
            `startedKeeps[${oi},${r.person.id},${p.index}]`,
            new LinearExpr().add(started).add(prevStarted, -1),
            0,
            Infinity,
          );
        for (const c of occAfter(ri, p, o))
          b.row(
            `startedBy[${oi},${r.person.id},${p.index},${c}]`,
            new LinearExpr().add(started).add(c, -1),
            0,
            Infinity,
          );
        if (prevStarted >= 0) {
          const e = new LinearExpr().addAll(occ(ri, p, o.before)).add(prevStarted);
          b.row(`order[${oi},${r.person.id},${p.index}]`, e, -Infinity, 1, {
            group: g,
            subject: r.person.name,
            reason: { kind: 'order', text: `${o.before} comes before ${afterWords}` },
          });
        }
        prevStarted = started;
      }
    });
  });

  // 10. Fixed blocks.
  rules.fixed.forEach((f, fi) => {
    const rot = rotation(f.rotationCode, 'Fixed rotation');
    const ps = byBlock.get(f.blockNumber) ?? [];
    const g = b.group({
      id: `fixed:${fi}`,
      kind: 'fixed',
      weight: 2,
      describe: (_short, who) =>
        `PGY-${f.pgy} block ${f.blockNumber} is ${rotationLabel(rot)}, which cannot hold for ${listText(who)}`,
    });
    residents.forEach((r, ri) => {
      if (r.pgy !== f.pgy) return;
      for (const p of ps) {
        if (lockedRotationOf(ri, p) || isOutside(ri, p)) continue;
        b.row(`fixed[${fi},${r.person.id},${p.index}]`, new LinearExpr().addAll(occ(ri, p, rot.code)), 1, 1, {
          group: g,
          subject: `${r.person.name}${(() => {
            const why = unavailable(ri, p, rot);
            return why ? ` (${why})` : '';
          })()}`,
          reason: { kind: 'fixed', text: `PGY-${f.pgy} block ${f.blockNumber} is always ${rotationLabel(rot)}` },
        });
      }
    });
  });

  // A locked entry is kept as it is: the per-resident rules below do not second-guess it (a block
  // already under way may predate an absence or a call that came later).
  const isLocked = (r: Resident, p: PlanPeriod) => lockedAt.has(`${r.person.id}:${p.index}`);

  // 11. Blocking absences: only leave-eligible rotations in a period with blocked days.
  residents.forEach((r, ri) => {
    for (const p of periods) {
      if (isLocked(r, p)) continue;
      const why = blockedIn(r, p);
      if (!why) continue;
      const e = new LinearExpr();
      for (const [code, cols] of occupancy[ri][p.index]) if (!rotationsByCode.get(code)!.leaveEligible) e.addAll(cols);
      if (e.size === 0) continue;
      const g = b.group({
        id: `absence:${r.person.id}:${p.index}`,
        kind: 'absence',
        weight: 5,
        describe: () =>
          `${why}, so in ${periodLabel(p)} they can only be on a leave-eligible rotation, but none is open to them`,
      });
      b.row(`absence[${r.person.id},${p.index}]`, e, -Infinity, 0, {
        group: g,
        reason: { kind: 'absence', text: `${why}: only leave-eligible rotations` },
      });
    }
  });

  // 12. Commitments the plan does not make stay where they are: a resident's in-house call and
  // weekend moonlighting. Rotations that work weekends leave few free days, so they are not planned
  // in a period that holds the commitment, nor (for a call) in the two weeks before it, which the
  // 28-day free-day and 80-hour windows around the call reach into.
  const commitments = commitmentsOf(data);
  residents.forEach((r, ri) => {
    const mine = commitments.get(r.person.id);
    if (!mine) return;
    for (const p of periods) {
      if (isLocked(r, p)) continue;
      const what = mine.filter((c) => c.from <= p.end && c.to >= p.start).map((c) => c.text);
      if (what.length === 0) continue;
      const e = new LinearExpr();
      for (const [code, cols] of occupancy[ri][p.index]) if (rotationsByCode.get(code)!.worksWeekends) e.addAll(cols);
      if (e.size === 0) continue;
      const why = `${r.person.name} has ${listText([...new Set(what)])}`;
      const g = b.group({
        id: `commitment:${r.person.id}:${p.index}`,
        kind: 'absence',
        weight: 5,
        describe: () => `${why}, so in ${periodLabel(p)} they cannot be on a rotation that works weekends`,
      });
      b.row(`commitment[${r.person.id},${p.index}]`, e, -Infinity, 0, {
        group: g,
        reason: { kind: 'limit', text: `${why}: no weekend-working rotation` },
      });
    }
  });

  // Soft: requested leave on leave-eligible rotations.
  const leaveWeight = weightOf(data.settings, 'leaveOnEligibleRotation');
  const leaveReasons = new Map<number, Reason>(); // column → reason when that column is chosen
  residents.forEach((r, ri) => {
    for (const p of periods) {
      const requests = availability
        .of(r.person.id)
        .leaveIn(p.start, p.end)
        .filter((u) => !u.approved);
      if (requests.length === 0) continue;
      const text =
        `Leave request ` +
        `${requests.map((u) => `${u.absence.type} ${u.absence.start}–${u.absence.end}`).join(', ')} lands on a ` +
        `leave-eligible rotation`;
      for (const [code, cols] of occupancy[ri][p.index]) {
        const rot = rotationsByCode.get(code)!;
        for (const c of cols) {
          if (rot.leaveEligible) leaveReasons.set(c, { kind: 'leave', text });
          else b.addCost(c, leaveWeight * requests.length);
        }
      }
    }
  });

  // Soft: change the current plan as little as possible (per half-block whose rotation differs).
  const changeWeight = weightOf(data.settings, 'planChange');
  const currentOf = currentRotations(options.current ?? [], year, periods, rotationById);
  if (changeWeight > 0 && currentOf.size > 0)
    for (const [col, info] of columnInfo) {
      const changed = info.periods.filter((p) => {
        const was = currentOf.get(`${info.resident.person.id}:${p.index}`);
        return was !== undefined && was !== info.rotation.code;
      }).length;
      if (changed > 0) b.addCost(col, changeWeight * changed);
    }

  // Soft: a partial block (shorter than a block, without halves — block 0 of an anchored year)
  // continues the rotation of the block next to it, unless locked or fixed: the coordinator does
  // not move a resident for a few days. The year's first block continues into the next one, the
  // others continue the one before.
  const continuityWeight = weightOf(data.settings, 'partialBlockContinuity');
  const blockList = [...byBlock.values()];
  blockList.forEach((ps, k) => {
    const partial =
      ps.length === 1 && daysBetween(ps[0].start, ps[0].end) + 1 < data.settings.blockLayout.blockLengthDays;
    const neighbour = k === 0 ? blockList[1]?.[0] : blockList[k - 1][blockList[k - 1].length - 1];
    if (!partial || !neighbour || continuityWeight <= 0) return;
    const p = ps[0];
    residents.forEach((r, ri) => {
      if (isLocked(r, p) || rules.fixed.some((f) => f.pgy === r.pgy && f.blockNumber === p.block.number)) return;
      for (const [code, cols] of occupancy[ri][p.index]) {
        const z = b.continuous(`continues[${r.person.id},${p.block.number},${code}]`, 0, 1, continuityWeight);
        b.row(
          `continuesDef[${r.person.id},${p.block.number},${code}]`,
          new LinearExpr()
            .add(z)
            .addAll(cols, -1)
            .addAll(occ(ri, neighbour, code)),
          0,
          Infinity,
          {
            reason: {
              kind: 'continuity',
              text: `${periodLabel(p)} is a partial block: it continues the rotation of ${periodLabel(neighbour)}`,
            },
          },
        );
      }
    });
  });

  // Soft: space inpatient blocks (penalise inpatient on both sides of a block boundary).
  const spacingWeight = weightOf(data.settings, 'inpatientSpacing');
  if (spacingWeight > 0) {
    const counted = [...byBlock.values()].filter((ps) => ps.every((p) => p.weight > 0));
    residents.forEach((r, ri) => {
      const inpatient = (pp: PlanPeriod) => {
        const e: number[] = [];
        for (const [code, cols] of occupancy[ri][pp.index])
          if (rotationsByCode.get(code)!.setting === 'inpatient') e.push(...cols);
        return e;
      };
      for (let k = 0; k + 1 < counted.length; k++) {
        const [p, q] = [counted[k][counted[k].length - 1], counted[k + 1][0]];
        if (q.block.number !== p.block.number + 1) continue;
        const [a, c] = [inpatient(p), inpatient(q)];
        if (a.length === 0 || c.length === 0) continue;
        const z = b.continuous(`spacing[${r.person.id},${p.block.number}]`, 0, 1, spacingWeight);
        b.row(
          `spacingDef[${r.person.id},${p.block.number}]`,
          new LinearExpr().add(z).addAll(a, -1).addAll(c, -1),
          -1,
          Infinity,
        );
      }
    });
  }

  const planColumns = new Set(columnInfo.keys());
  // Neighbourhoods for fix-and-optimize. First everyone's plan in a window of three blocks, the
  // windows overlapping by a block so that every block boundary (inpatient spacing, a partial block
  // continuing its neighbour) lies inside one: small sub-MIPs that repair what HiGHS's first plan
  // gets wrong locally (at 150 residents the whole model's first plan costs 4,236 against a bound
  // of 248, and a PGY level's whole year is too big a sub-MIP to improve it in time). Then each PGY
  // level's plan and each half of the year, which move rotations between distant blocks.
  const neighbourhoods: number[][] = [];
  const numbers = [...byBlock.keys()].sort((x, y) => x - y);
  for (let start = 0; start + 1 < numbers.length; start += WINDOW_BLOCKS - 1) {
    const inside = new Set(numbers.slice(start, start + WINDOW_BLOCKS));
    neighbourhoods.push([...columnInfo].filter(([, c]) => inside.has(c.block.number)).map(([col]) => col));
  }
  for (const level of [...new Set(residents.map((r) => r.pgy))])
    neighbourhoods.push([...columnInfo].filter(([, c]) => c.resident.pgy === level).map(([col]) => col));
  const middle = numbers[Math.floor(numbers.length / 2)];
  neighbourhoods.push([...columnInfo].filter(([, c]) => c.block.number < middle).map(([col]) => col));
  neighbourhoods.push([...columnInfo].filter(([, c]) => c.block.number >= middle).map(([col]) => col));
  return {
    scope: 'annual',
    label: `Annual rotation plan ${academicYearLabel(year)}`,
    builder: b,
    neighbourhoods,
    // A program of demo size is usually proven optimal by the whole search in about a second,
    // sooner than fix-and-optimize repairs HiGHS's poor first plan and proves it (measured on
    // 17-resident demos: 0.9–1.6 s against 0.2–2.9 s); larger programs go to the neighbourhoods at once.
    // Work seconds (the phased search's clock), so the hand-over is the same under load.
    wholeModelFirstSec: b.size.variables <= SMALL_PLAN_COLUMNS ? 1.5 : 0,
    // One rotation per resident and half-block: the quick construction's choices.
    assignmentRows: oneRows.flatMap((rows) => rows.map((r) => r.row).filter((row) => row >= 0)),
    ...startHintFrom(data, year, options.current ?? [], rotationById, columnAt, columnInfo),
    decode(values) {
      const rotationAssignments: RotationAssignment[] = [];
      const explanations: CellExplanation[] = [];
      const pinned = b.tightReasons(values, planColumns);
      for (const [col, info] of columnInfo) {
        if (values[col] < 0.5) continue;
        rotationAssignments.push({
          personId: info.resident.person.id,
          academicYear: year,
          blockNumber: info.block.number,
          part: info.part,
          rotationId: info.rotation.id,
        });
        const reasons = [...(pinned.get(col) ?? [])];
        const leave = leaveReasons.get(col);
        if (leave) reasons.push(leave);
        if (info.periods.every((p) => currentOf.get(`${info.resident.person.id}:${p.index}`) === info.rotation.code))
          reasons.push({
            kind: 'stability',
            text: `Kept from the current plan (changing it costs ${changeWeight} per half-block)`,
          });
        explanations.push({
          key: `plan:${info.resident.person.id}:${info.block.number}:${info.part}`,
          personId: info.resident.person.id,
          value: info.rotation.code,
          reasons: finishReasons(
            reasons,
            `No rule pinned ${info.rotation.code} here; it balances the other goals best`,
          ),
        });
      }
      rotationAssignments.sort(
        (x, y) => x.personId.localeCompare(y.personId) || x.blockNumber - y.blockNumber || x.part.localeCompare(y.part),
      );
      return { academicYear: year, rotationAssignments, explanations };
    },
  };
}

/**
 * The current plan as the solve's start hint (core/solver/models/start.ts completes and repairs it):
 * each entry valid by the one definition of plan entries (core/domain/plan-entries) puts its
 * resident's period on its rotation (1) and off every other rotation (0). A period with no valid
 * entry, or an entry on a rotation the resident may not take, is left open. Where the rest breaks a
 * hard row (a new lock, a requirement or staffing changed since), the repair changes those rows'
 * entries and keeps every other one.
 */
function startHintFrom(
  data: ProgramData,
  year: AcademicYearId,
  current: RotationAssignment[],
  rotationById: Map<string, Rotation>,
  columnAt: Map<string, number>,
  columnInfo: Map<number, PlanColumn>,
): { startHint?: Map<number, number> } {
  const entries = current.filter((a) => a.academicYear === year);
  const invalid = new Set(
    planIssues({ ...data, rotationAssignments: entries }).flatMap((i) =>
      i.other === undefined ? [i.index] : [i.index, i.other],
    ),
  );
  const hint = new Map<number, number>();
  /** `${personId}:${period index}` decided by the current plan. */
  const decided = new Set<string>();
  entries.forEach((a, index) => {
    if (invalid.has(index)) return;
    const code = rotationById.get(a.rotationId)!.code;
    const key = (part: BlockPart) => `${a.personId}|${a.blockNumber}|${part}|${code}`;
    const cols = columnAt.has(key(a.part))
      ? [columnAt.get(key(a.part))]
      : a.part === 'full'
        ? [columnAt.get(key('first')), columnAt.get(key('second'))]
        : [undefined];
    if (cols.some((c) => c === undefined)) return;
    for (const c of cols as number[]) {
      hint.set(c, 1);
      for (const p of columnInfo.get(c)!.periods) decided.add(`${a.personId}:${p.index}`);
    }
  });
  for (const [col, info] of columnInfo)
    if (!hint.has(col) && info.periods.every((p) => decided.has(`${info.resident.person.id}:${p.index}`)))
      hint.set(col, 0);
  return hint.size > 0 ? { startHint: hint } : {};
}

/** The current plan's rotation code in each resident's period (`${personId}:${periodIndex}`). */
function currentRotations(
  current: RotationAssignment[],
  year: AcademicYearId,
  periods: PlanPeriod[],
  rotationById: Map<string, Rotation>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of current) {
    if (a.academicYear !== year) continue;
    const code = rotationById.get(a.rotationId)?.code;
    if (!code) continue;
    for (const p of periods)
      if (p.block.number === a.blockNumber && (a.part === 'full' || p.part === 'full' || p.part === a.part))
        out.set(`${a.personId}:${p.index}`, code);
  }
  return out;
}

/** Blocks in one time-window neighbourhood of fix-and-optimize. */
const WINDOW_BLOCKS = 3;

/** Plans up to this many columns (about 30 residents) try the whole search first. */
const SMALL_PLAN_COLUMNS = 8000;

/** Days before an in-house call on which a weekend-working rotation would leave its 28-day windows short. */
const CALL_LOOKBACK_DAYS = 14;

/** Per resident: the spans of their in-house calls (with the lookback and the day after) and weekend moonlighting. */
function commitmentsOf(data: ProgramData): Map<string, { from: IsoDate; to: IsoDate; text: string }[]> {
  const out = new Map<string, { from: IsoDate; to: IsoDate; text: string }[]>();
  const add = (personId: string, from: IsoDate, to: IsoDate, text: string) =>
    out.set(personId, [...(out.get(personId) ?? []), { from, to, text }]);
  const inHouse = new Set(data.callTypes.filter((t) => t.for === 'resident' && t.inHouse).map((t) => t.code));
  for (const c of data.calls)
    if (inHouse.has(c.callTypeCode))
      add(c.personId, addDays(c.date, -CALL_LOOKBACK_DAYS), addDays(c.date, 1), `${c.callTypeCode} call on ${c.date}`);
  for (const m of data.moonlighting) {
    const first = m.start.slice(0, 10);
    const last = m.end.slice(0, 10);
    let weekend = false;
    for (let d = first; d <= last && !weekend; d = addDays(d, 1)) weekend = isoWeekday(d) >= 6;
    if (weekend) add(m.personId, first, last, `moonlighting on ${first}`);
  }
  return out;
}
