// The rostering MILP in array form. A tight formulation: x[s,d,t] binaries only where the staff
// member may work; forbidden successions as bicliques; max consecutive days as windows (any k+1
// days hold at most k shifts); min work/off runs as run-start rows (a run starting on day d
// forces days d+1..d+min-1, runs touching the horizon edges exempt); weekend indicators; "days off
// after a night" indicators where a window's end needs them; cover slack columns; and a workload order
// between identical staff to break their symmetry.
import type { LinearModel } from '../backend';
import { nightMorningsScratch, readNightMornings } from './mornings';
import type { CompiledRoster } from './problem';
import { RowTerms } from './row-terms';

type Row = LinearModel['rows'][number];
type Column = LinearModel['columns'][number];

export interface RosterModel {
  compiled: CompiledRoster;
  model: LinearModel;
  /** xCol[(s * D + d) * T + t] = column of x[s,d,t], or -1 when that cell can never be worked. */
  xCol: Int32Array;
  /** Staff member of each column, -1 for columns shared by all staff (cover slacks). */
  colStaff: number[];
  /** Day of each x column, -1 for others. */
  colDay: number[];
  /** weekendCol[s * K + k] = weekend indicator column or -1. */
  weekendCol: Int32Array;
  /**
   * afterNightCol[s * (D + 1) + d] = column of "no shift from the last one before day d through d, and
   * that one ran past midnight" (d = D: past the horizon), where a window needs it, or -1.
   */
  afterNightCol: Int32Array;
  /**
   * morningCol[(s * D + d) * N + k] = column of "day d is the morning of night busyNights[k], and the next
   * start leaves it short of a free day" (N = busyNights.length), where a window needs it, or -1.
   */
  morningCol: Int32Array;
  /** earlyCol[(s * (D + 1) + d) * N + k] = column of "the first start on day d or after leaves it so", or -1. */
  earlyCol: Int32Array;
  underCol: Int32Array;
  overCol: Int32Array;
}

/** Groups (A on day d, B on day d+1) where every a→b succession is forbidden: one row each. */
export function successionCliques(T: number, forbidden: Uint8Array): { prev: number[]; next: number[] }[] {
  const follow = (t: number) => Array.from({ length: T }, (_, u) => u).filter((u) => forbidden[t * T + u]);
  const found = new Map<string, { prev: number[]; next: number[] }>();
  const add = (prev: number[], next: number[]) => {
    if (prev.length && next.length) found.set(`${prev.join(',')}|${next.join(',')}`, { prev, next });
  };
  for (let t = 0; t < T; t++) {
    const next = follow(t);
    if (next.length === 0) continue;
    const prev = Array.from({ length: T }, (_, a) => a).filter((a) => next.every((u) => forbidden[a * T + u]));
    add(prev, next);
  }
  for (let u = 0; u < T; u++) {
    const prev = Array.from({ length: T }, (_, a) => a).filter((a) => forbidden[a * T + u]);
    if (prev.length === 0) continue;
    const next = Array.from({ length: T }, (_, b) => b).filter((b) => prev.every((a) => forbidden[a * T + b]));
    add(prev, next);
  }
  const all = [...found.values()];
  const within = (x: number[], y: number[]) => x.every((v) => y.includes(v));
  // Drop groups contained in a larger one: their rows are implied.
  return all.filter(
    (g, i) =>
      !all.some(
        (h, j) =>
          j !== i &&
          within(g.prev, h.prev) &&
          within(g.next, h.next) &&
          (h.prev.length + h.next.length > g.prev.length + g.next.length || j < i),
      ),
  );
}

/** Staff with identical rules, days off and no personal requests or fixed cells, grouped. */
function identicalStaffGroups(c: CompiledRoster): number[][] {
  const personal = new Set<number>();
  for (const r of [...c.onRequests, ...c.offRequests]) personal.add(r.staff);
  for (let s = 0; s < c.S; s++) for (let d = 0; d < c.D; d++) if (c.fixedCell[s * c.D + d] !== -2) personal.add(s);
  const groups = new Map<string, number[]>();
  for (let s = 0; s < c.S; s++) {
    if (personal.has(s)) continue;
    const key = [
      Array.from(c.maxShifts.subarray(s * c.T, (s + 1) * c.T)).join(','),
      c.minMinutes[s],
      c.maxMinutes[s],
      c.maxConsecutive[s],
      c.minConsecutive[s],
      c.minConsecutiveOff[s],
      c.maxWeekends[s],
      dayWindowsKey(c, s),
      Array.from(c.allowed.subarray(s * c.D * c.T, (s + 1) * c.D * c.T)).join(''),
      // What makes a night's morning busy (busy mornings count in the day windows).
      Array.from(c.dayOff.subarray(s * c.D, (s + 1) * c.D)).join(''),
      Array.from(c.busyBefore.subarray(s * (c.D + 1) * c.T, (s + 1) * (c.D + 1) * c.T)).join(''),
    ].join('|');
    const g = groups.get(key);
    if (g) g.push(s);
    else groups.set(key, [s]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/** The day windows of a staff member, as text (staff with different windows are not identical). */
function dayWindowsKey(c: CompiledRoster, s: number): string {
  const parts: string[] = [];
  for (let w = c.windowOffset[s]; w < c.windowOffset[s + 1]; w++)
    parts.push(
      `${c.windowFrom[w]}-${c.windowTo[w]}:${c.windowMaxMinutes[w]}:${c.windowMaxDays[w]}:${c.windowNightBeforeEnd[w]}`,
    );
  return parts.join(';');
}

/**
 * Append a column to a roster model (for callers extending the model with their own goals);
 * `staff` ties it to one staff member (-1 = shared) so the heuristics free it with them.
 */
export function addRosterColumn(rm: RosterModel, column: LinearModel['columns'][number], staff = -1, day = -1): number {
  rm.model.columns.push(column);
  rm.colStaff.push(staff);
  rm.colDay.push(day);
  return rm.model.columns.length - 1;
}

export function buildRosterModel(c: CompiledRoster): RosterModel {
  const { S, D, T } = c;
  const K = c.weekends.length;
  const columns: Column[] = [];
  const colStaff: number[] = [];
  const colDay: number[] = [];
  const rows: Row[] = [];
  const addCol = (col: Column, s: number, d: number) => {
    columns.push(col);
    colStaff.push(s);
    colDay.push(d);
    return columns.length - 1;
  };

  const xCol = new Int32Array(S * D * T).fill(-1);
  for (let s = 0; s < S; s++) {
    for (let d = 0; d < D; d++) {
      const fixed = c.fixedCell[s * D + d];
      for (let t = 0; t < T; t++) {
        if (!c.allowed[(s * D + d) * T + t]) continue;
        const v = fixed === -2 ? null : fixed === t ? 1 : 0;
        xCol[(s * D + d) * T + t] = addCol(
          { name: `x_${s}_${d}_${t}`, lower: v ?? 0, upper: v ?? 1, cost: 0, integer: true },
          s,
          d,
        );
      }
    }
  }
  let offset = 0;
  for (const r of c.onRequests) {
    offset += r.weight;
    const j = xCol[(r.staff * D + r.day) * T + r.shift];
    if (j >= 0) columns[j].cost -= r.weight;
  }
  for (const r of c.offRequests) {
    const j = xCol[(r.staff * D + r.day) * T + r.shift];
    if (j >= 0) columns[j].cost += r.weight;
  }

  // Every row is made in `terms` (started by `row` or terms.clear), then added with addRow, or with keptRow when even a
  // row without terms must stay: a limit the fixed days already break must make the model infeasible.
  const terms = new RowTerms();
  /** Start a row with column j's coefficient v (and k's w). */
  const row = (j: number, v: number, k?: number, w = 0) => {
    terms.clear();
    terms.add(j, v);
    if (k !== undefined) terms.add(k, w);
  };
  const addRow = (name: string, lower: number, upper: number) => {
    const r = terms.toRow(name, lower, upper);
    if (r.indices.length > 0) rows.push(r);
  };
  const keptRow = (name: string, lower: number, upper: number) => rows.push(terms.toRow(name, lower, upper, true));
  /** Add "staff s works on day d" (sum over shifts) times coef. */
  const works = (s: number, d: number, coef: number) => {
    for (let t = 0; t < T; t++) {
      const j = xCol[(s * D + d) * T + t];
      if (j >= 0) terms.add(j, coef);
    }
  };
  const cliques = successionCliques(T, c.forbidden);
  const unit = c.unitMinutes;
  const weekendCol = new Int32Array(S * K).fill(-1);
  const afterNightCol = new Int32Array(S * (D + 1)).fill(-1);
  const N = c.busyNights.length;
  const morningCol = new Int32Array(S * D * N).fill(-1);
  const earlyCol = new Int32Array(S * (D + 1) * N).fill(-1);
  /** Add "staff s starts one of these shift types on day d" times coef. */
  const starts = (s: number, d: number, coef: number, of: (t: number) => boolean) => {
    for (let t = 0; t < T; t++) {
      const j = xCol[(s * D + d) * T + t];
      if (j >= 0 && of(t)) terms.add(j, coef);
    }
  };
  /**
   * Staff s's busy mornings (core/solver/roster/mornings.ts), exact for any x: e[d] = the first start on day d
   * or after is early for night t (fixed by busyBefore, else the shift on d, else e[d+1]); m[d] = night t on
   * d-1, no shift on d, and e[d+1].
   */
  const morningColumns = (s: number) => {
    for (let k = 0; k < N; k++) {
      const t = c.busyNights[k];
      const early = (u: number) => c.busyMorning[t * T + u] === 1;
      const late = (u: number) => !early(u);
      const eAt = (d: number) => (s * (D + 1) + d) * N + k;
      for (let d = D; d >= 2; d--) {
        const fixed = c.busyBefore[(s * (D + 1) + d) * T + t];
        if (d === D || fixed) {
          const col = { name: `early_${s}_${d}_${k}`, lower: fixed, upper: fixed, cost: 0, integer: false };
          earlyCol[eAt(d)] = addCol(col, s, Math.min(d, D - 1));
          continue;
        }
        const e = addCol({ name: `early_${s}_${d}_${k}`, lower: 0, upper: 1, cost: 0, integer: false }, s, d);
        earlyCol[eAt(d)] = e;
        const next = earlyCol[eAt(d + 1)];
        row(e, 1);
        starts(s, d, -1, early);
        addRow(`earlyStart_${s}_${d}_${k}`, 0, Infinity);
        row(e, 1, next, -1);
        works(s, d, 1);
        addRow(`earlyGoesOn_${s}_${d}_${k}`, 0, Infinity);
        row(e, 1, next, -1);
        starts(s, d, -1, early);
        addRow(`earlyAtMost_${s}_${d}_${k}`, -Infinity, 0);
        row(e, 1);
        starts(s, d, 1, late);
        addRow(`earlyNotLate_${s}_${d}_${k}`, -Infinity, 1);
      }
      for (let d = 1; d < D; d++) {
        const night = xCol[(s * D + d - 1) * T + t];
        if (night < 0 || c.dayOff[s * D + d]) continue;
        const m = addCol({ name: `morning_${s}_${d}_${k}`, lower: 0, upper: 1, cost: 0, integer: false }, s, d);
        morningCol[(s * D + d) * N + k] = m;
        const e = earlyCol[eAt(d + 1)];
        row(m, 1, night, -1);
        terms.add(e, -1);
        works(s, d, 1);
        addRow(`morning_${s}_${d}_${k}`, -1, Infinity);
        row(m, 1, night, -1);
        addRow(`morningNight_${s}_${d}_${k}`, -Infinity, 0);
        row(m, 1, e, -1);
        addRow(`morningEarly_${s}_${d}_${k}`, -Infinity, 0);
        row(m, 1);
        works(s, d, 1);
        addRow(`morningFree_${s}_${d}_${k}`, -Infinity, 1);
      }
    }
  };
  /** Add staff s's busy mornings on day d times coef. */
  const mornings = (s: number, d: number, coef: number) => {
    for (let k = 0; k < N; k++) {
      const j = morningCol[(s * D + d) * N + k];
      if (j >= 0) terms.add(j, coef);
    }
  };
  /**
   * The chain of "after a night" columns of staff s (continuous, kept low by the windows they are in):
   * a[d] >= nights on d-1 - shifts on d - busy mornings on d, a[d] >= a[d-1] - shifts on d.
   */
  const afterNightChain = (s: number) => {
    if (afterNightCol[s * (D + 1) + 1] >= 0) return;
    if (N > 0) morningColumns(s);
    for (let d = 1; d <= D; d++) {
      const a = addCol(
        { name: `afterNight_${s}_${d}`, lower: 0, upper: 1, cost: 0, integer: false },
        s,
        Math.min(d, D - 1),
      );
      afterNightCol[s * (D + 1) + d] = a;
      row(a, 1);
      for (let t = 0; t < T; t++) {
        const j = xCol[(s * D + d - 1) * T + t];
        if (j >= 0 && c.nextMinutes[t] > 0) terms.add(j, -1);
      }
      if (d < D) {
        works(s, d, 1);
        mornings(s, d, 1);
      }
      addRow(`afterNight_${s}_${d}`, 0, Infinity);
      if (d === 1) continue;
      row(a, 1);
      if (d < D) works(s, d, 1);
      terms.add(afterNightCol[s * (D + 1) + d - 1], -1);
      addRow(`afterNightGoesOn_${s}_${d}`, 0, Infinity);
    }
  };

  for (let s = 0; s < S; s++) {
    // One shift a day.
    for (let d = 0; d < D; d++) {
      terms.clear();
      works(s, d, 1);
      if (terms.size > 1) addRow(`day_${s}_${d}`, -Infinity, 1);
    }
    // Forbidden successions.
    for (let d = 0; d + 1 < D; d++) {
      for (const g of cliques) {
        terms.clear();
        for (const t of g.prev) {
          const j = xCol[(s * D + d) * T + t];
          if (j >= 0) terms.add(j, 1);
        }
        const prev = terms.size;
        for (const u of g.next) {
          const j = xCol[(s * D + d + 1) * T + u];
          if (j >= 0) terms.add(j, 1);
        }
        if (prev > 0 && terms.size > prev) addRow(`seq_${s}_${d}`, -Infinity, 1);
      }
    }
    // Max shifts per type.
    for (let t = 0; t < T; t++) {
      const max = c.maxShifts[s * T + t];
      terms.clear();
      for (let d = 0; d < D; d++) {
        const j = xCol[(s * D + d) * T + t];
        if (j >= 0) terms.add(j, 1);
      }
      if (max < terms.size) addRow(`maxShifts_${s}_${t}`, -Infinity, max);
    }
    // Total minutes (a ranged row when both limits apply), in units of the common divisor of
    // the shift lengths with the limits rounded inwards: with equal shift lengths this is a
    // plain shift count, which the LP and the cut generators handle far better.
    {
      terms.clear();
      let most = 0;
      for (let d = 0; d < D; d++) {
        let dayMost = 0;
        for (let t = 0; t < T; t++) {
          const j = xCol[(s * D + d) * T + t];
          if (j >= 0 && c.minutes[t] > 0) {
            terms.add(j, c.minutes[t] / unit);
            dayMost = Math.max(dayMost, c.minutes[t]);
          }
        }
        most += dayMost;
      }
      const lower = c.minMinutes[s] > 0 ? Math.ceil(c.minMinutes[s] / unit - 1e-9) : -Infinity;
      const upper = c.maxMinutes[s] < most ? Math.floor(c.maxMinutes[s] / unit + 1e-9) : Infinity;
      if (lower > -Infinity || upper < Infinity) {
        if (terms.size === 0) keptRow(`minutes_${s}`, lower, upper);
        else addRow(`minutes_${s}`, lower, upper);
      }
    }
    // Max consecutive working days: any k+1 consecutive days hold at most k shifts.
    const k = c.maxConsecutive[s];
    if (k < D) {
      for (let d = 0; d + k < D; d++) {
        terms.clear();
        for (let e = d; e <= d + k; e++) works(s, e, 1);
        if (terms.size > k) addRow(`maxRun_${s}_${d}`, -Infinity, k);
      }
    }
    // Min consecutive working days: a run starting on day d (worked, d-1 off) covers d+1..d+min-1.
    const minRun = c.minConsecutive[s];
    for (let d = 1; d < D && minRun > 1; d++) {
      for (let i = 1; i < minRun && d + i < D; i++) {
        terms.clear();
        works(s, d, 1);
        if (terms.size === 0) break;
        works(s, d - 1, -1);
        works(s, d + i, -1);
        addRow(`minRun_${s}_${d}_${i}`, -Infinity, 0);
      }
    }
    // Min consecutive days off: an off run starting on day d (off, d-1 worked) covers d+1..d+min-1.
    const minOff = c.minConsecutiveOff[s];
    for (let d = 1; d < D && minOff > 1; d++) {
      for (let i = 1; i < minOff && d + i < D; i++) {
        terms.clear();
        works(s, d - 1, 1);
        if (terms.size === 0) break;
        works(s, d, -1);
        works(s, d + i, 1);
        addRow(`minOff_${s}_${d}_${i}`, -Infinity, 1);
      }
    }
    // Day windows: minutes on the window's days (a night's morning on the day after) and worked days.
    for (let w = c.windowOffset[s]; w < c.windowOffset[s + 1]; w++) {
      const from = c.windowFrom[w];
      const to = c.windowTo[w];
      if (c.windowMaxMinutes[w] < Infinity) {
        terms.clear();
        let most = 0;
        for (let d = Math.max(0, from - 1); d <= to; d++) {
          let dayMost = 0;
          for (let t = 0; t < T; t++) {
            const j = xCol[(s * D + d) * T + t];
            const m = (d >= from ? c.minutes[t] - c.nextMinutes[t] : 0) + (d < to ? c.nextMinutes[t] : 0);
            if (j >= 0 && m > 0) {
              terms.add(j, m);
              dayMost = Math.max(dayMost, m);
            }
          }
          most += dayMost;
        }
        if (c.windowMaxMinutes[w] < most) keptRow(`windowMinutes_${s}_${from}_${to}`, -Infinity, c.windowMaxMinutes[w]);
      }
      if (c.windowMaxDays[w] < Infinity) {
        const night = c.windowNightBeforeEnd[w];
        const end = night === 2 ? D : to;
        // Its columns (and rows) come before the window's row.
        if (night > 0 && end > 0) afterNightChain(s);
        terms.clear();
        for (let d = from; d <= to; d++) works(s, d, 1);
        if (night > 0 && end > 0) {
          terms.add(afterNightCol[s * (D + 1) + end], 1);
          for (let d = from; d <= to; d++) mornings(s, d, 1);
        }
        if (c.windowMaxDays[w] < to - from + 1 + (night > 0 ? 1 : 0))
          keptRow(`windowDays_${s}_${from}_${to}`, -Infinity, c.windowMaxDays[w]);
      }
    }
    // Weekends: an indicator per weekend that any of its days is worked, and their count.
    const maxW = c.maxWeekends[s];
    if (maxW < K) {
      let counted = 0;
      c.weekends.forEach((days, w) => {
        if (!days.some((d) => worksOn(c, xCol, s, d))) return;
        const y = addCol({ name: `weekend_${s}_${w}`, lower: 0, upper: 1, cost: 0, integer: true }, s, -1);
        weekendCol[s * K + w] = y;
        counted++;
        for (const d of days) {
          terms.clear();
          works(s, d, 1);
          if (terms.size === 0) continue;
          terms.add(y, -1);
          addRow(`weekendDay_${s}_${w}_${d}`, -Infinity, 0);
        }
        // y only when a day is worked, so the indicator never overstates.
        terms.clear();
        for (const d of days) works(s, d, -1);
        terms.add(y, 1);
        addRow(`weekendAny_${s}_${w}`, -Infinity, 0);
      });
      if (counted > maxW) {
        terms.clear();
        for (let w = 0; w < K; w++) if (weekendCol[s * K + w] >= 0) terms.add(weekendCol[s * K + w], 1);
        addRow(`maxWeekends_${s}`, -Infinity, maxW);
      }
    }
  }

  // Symmetry: among identical staff, earlier ones carry at least as many minutes.
  for (const group of identicalStaffGroups(c)) {
    for (let i = 0; i + 1 < group.length; i++) {
      terms.clear();
      for (let d = 0; d < D; d++) {
        for (let t = 0; t < T; t++) {
          const a = xCol[(group[i] * D + d) * T + t];
          const b = xCol[(group[i + 1] * D + d) * T + t];
          const w = c.minutes[t] > 0 ? c.minutes[t] : 1;
          if (a >= 0) terms.add(a, w);
          if (b >= 0) terms.add(b, -w);
        }
      }
      addRow(`symmetry_${group[i]}_${group[i + 1]}`, 0, Infinity);
    }
  }

  // Cover: staff on the shift + under − over = requirement.
  const underCol = new Int32Array(c.cover.length).fill(-1);
  const overCol = new Int32Array(c.cover.length).fill(-1);
  c.cover.forEach((cv, i) => {
    terms.clear();
    for (let s = 0; s < S; s++) {
      const j = xCol[(s * D + cv.day) * T + cv.shift];
      if (j >= 0) terms.add(j, 1);
    }
    underCol[i] = addCol(
      { name: `under_${cv.day}_${cv.shift}`, lower: 0, upper: cv.requirement, cost: cv.underWeight, integer: false },
      -1,
      -1,
    );
    overCol[i] = addCol(
      {
        name: `over_${cv.day}_${cv.shift}`,
        lower: 0,
        upper: Math.max(0, terms.size - cv.requirement),
        cost: cv.overWeight,
        integer: false,
      },
      -1,
      -1,
    );
    terms.add(underCol[i], 1);
    terms.add(overCol[i], -1);
    addRow(`cover_${cv.day}_${cv.shift}`, cv.requirement, cv.requirement);
  });

  return {
    compiled: c,
    model: { sense: 'minimize', offset, columns, rows },
    xCol,
    colStaff,
    colDay,
    weekendCol,
    afterNightCol,
    morningCol,
    earlyCol,
    underCol,
    overCol,
  };
}

/** Whether staff s may work any shift on day d. */
function worksOn(c: CompiledRoster, xCol: Int32Array, s: number, d: number): boolean {
  for (let t = 0; t < c.T; t++) if (xCol[(s * c.D + d) * c.T + t] >= 0) return true;
  return false;
}

/** Column values of a roster grid: x from the grid, weekend indicators and cover slacks derived. */
export function encodeGrid(rm: RosterModel, grid: ArrayLike<number>[]): Float64Array {
  const c = rm.compiled;
  const { D, T } = c;
  const K = c.weekends.length;
  const values = new Float64Array(rm.model.columns.length);
  const count = new Int32Array(D * T);
  const scratch = nightMorningsScratch(c);
  for (let s = 0; s < c.S; s++) {
    for (let d = 0; d < D; d++) {
      const t = grid[s][d];
      if (t < 0) continue;
      const j = rm.xCol[(s * D + d) * T + t];
      // A shift where no column exists (e.g. on a day off) cannot be represented: it is left
      // out, and the caller compares objectives to notice.
      if (j < 0) continue;
      values[j] = 1;
      count[d * T + t]++;
    }
    for (let w = 0; w < K; w++) {
      const y = rm.weekendCol[s * K + w];
      if (y >= 0) values[y] = c.weekends[w].some((d) => grid[s][d] >= 0) ? 1 : 0;
    }
    if (rm.afterNightCol[s * (D + 1) + 1] < 0) continue;
    readNightMornings(c, s, grid[s], scratch);
    const N = c.busyNights.length;
    for (let d = 1; d <= D; d++) {
      values[rm.afterNightCol[s * (D + 1) + d]] = scratch.afterNight[d];
      for (let k = 0; k < N; k++) {
        const e = rm.earlyCol[(s * (D + 1) + d) * N + k];
        if (e >= 0) values[e] = scratch.early[k * (D + 1) + d];
        const m = d < D ? rm.morningCol[(s * D + d) * N + k] : -1;
        if (m >= 0) values[m] = scratch.morning[d] && grid[s][d - 1] === c.busyNights[k] ? 1 : 0;
      }
    }
  }
  c.cover.forEach((cv, i) => {
    const n = count[cv.day * T + cv.shift];
    values[rm.underCol[i]] = Math.max(0, cv.requirement - n);
    values[rm.overCol[i]] = Math.max(0, n - cv.requirement);
  });
  return values;
}

/** The roster grid held by a solution's x columns. */
export function decodeGrid(rm: RosterModel, values: ArrayLike<number>): Int16Array[] {
  const c = rm.compiled;
  const { D, T } = c;
  return Array.from({ length: c.S }, (_, s) => {
    const row = new Int16Array(D).fill(-1);
    for (let d = 0; d < D; d++) {
      for (let t = 0; t < T; t++) {
        const j = rm.xCol[(s * D + d) * T + t];
        if (j >= 0 && values[j] > 0.5) row[d] = t;
      }
    }
    return row;
  });
}

/**
 * Cover slacks at their least: a solution cut short by a time limit may carry more shortage and
 * excess than its shifts leave (both slacks up), which overstates its objective. In place.
 */
export function tightenCover(rm: RosterModel, values: Float64Array): Float64Array {
  const c = rm.compiled;
  const { D, T } = c;
  c.cover.forEach((cv, i) => {
    let n = 0;
    for (let s = 0; s < c.S; s++) {
      const j = rm.xCol[(s * D + cv.day) * T + cv.shift];
      if (j >= 0) n += values[j];
    }
    values[rm.underCol[i]] = Math.max(0, cv.requirement - n);
    values[rm.overCol[i]] = Math.max(0, n - cv.requirement);
  });
  return values;
}
