// Column generation (price-and-branch) on the roster model. Every row but cover (and any row that
// ties staff together) belongs to one staff member, so the model decomposes: a master problem picks
// one roster line per staff member, linked only by those shared rows, and new lines come from
// pricing — each staff member's own rows as a small MILP whose costs carry the duals of the shared
// rows. The master's LP bound is the Dantzig–Wolfe bound, far above the compact relaxation on
// these models, and the master solved as a MILP over the lines found so far recombines whole
// lines of many staff at once: moves no neighbourhood of a few staff or days makes.
import type { LinearModel, SolverBackend } from '../backend';
import { exactLine, lineDpApplies } from './line-dp';
import { cheapestLine, type LineCosts } from './line-search';
import type { RosterModel } from './model';
import type { Rng } from './random';
import type { RosterSearch } from './search';
import { LABELS_PER_SEC, lineMoveWorkSec } from './work-clock';

/** Exact pricing of one staff member: the line's column values (null: none below the dual) and the minimum's bound. */
interface ExactPricing {
  values: Float64Array | null;
  lower: number;
}

type Row = LinearModel['rows'][number];

/** Lines per staff member (lowest reduced cost first) a restricted master may choose from. */
const MASTER_LINES = 12;

/** One staff member's part of the model: their columns and the rows over those columns only. */
interface StaffBlock {
  staff: number;
  /** Full-model columns of this staff member. */
  cols: Int32Array;
  rows: Row[];
  /** Terms of this staff member's columns in the linking rows: link row, local column, coefficient. */
  linkRow: Int32Array;
  linkCol: Int32Array;
  linkCoef: Float64Array;
  /** cellCol[d * T + t]: local column of x[staff, d, t], -1 when none. */
  cellCol: Int32Array;
  /** weekendCol[w]: local column of the weekend indicator, -1 when none. */
  weekendCol: Int32Array;
  /** Every column is a cell or a weekend indicator: heuristic pricing applies. */
  lineOnly: boolean;
}

/** A roster line of one staff member: values of their columns, cost, and its terms in the linking rows. */
interface Line {
  block: number;
  values: Float64Array;
  cost: number;
  rows: Int32Array;
  coefs: Float64Array;
}

export interface PriceOutcome {
  /** Lines with a negative reduced cost added to the pool. */
  added: number;
  /** Objective of the master LP before pricing. */
  masterLp: number | null;
  /** Lagrangian lower bound of this round's pricing duals, when every pricing problem was solved or bounded. */
  bound: number | null;
  /** Priced at smoothed duals (a round that adds nothing is then not yet convergence). */
  smoothed: boolean;
}

export class LinePool {
  readonly blocks: StaffBlock[] = [];
  /** Rows of the full model linking staff (cover), by full-model row index. */
  readonly linking: number[] = [];
  /** Shared columns (owned by no staff member): part of the master as they are. */
  readonly shared: number[] = [];
  readonly lines: Line[] = [];
  /** Seconds the last exact pricing round took (estimated from the staff count before the first). */
  exactRoundSec: number;
  /** Terms of the shared columns in the linking rows: link row, index into `shared`, coefficient. */
  private readonly sharedTerms: { row: number; shared: number; coef: number }[] = [];
  private readonly seen = new Set<string>();
  /** Duals (linking rows) of the best Lagrangian bound so far: the stability centre of smoothing. */
  private center: Float64Array | null = null;
  /** The last optimal master LP: how many lines it had, its values and duals. */
  private lastLp: { lines: number; values: Float64Array; duals: Float64Array } | null = null;
  private bestBound = -Infinity;

  constructor(readonly rm: RosterModel) {
    const model = rm.model;
    // An exact round prices every staff member: by the line DP in milliseconds, by the MILP in
    // about a tenth of a second each (one took 4.5 s for 30 staff × 4 shifts).
    const dp = Array.from({ length: rm.compiled.S }, (_, s) => lineDpApplies(rm.compiled, s)).every(Boolean);
    this.exactRoundSec = (dp ? 0.02 : 0.12) * rm.compiled.S;
    const owner = rm.colStaff;
    const blockOf = new Int32Array(rm.compiled.S).fill(-1);
    const local = new Int32Array(model.columns.length).fill(-1);
    const colsOf: number[][] = Array.from({ length: rm.compiled.S }, () => []);
    const sharedIndex = new Int32Array(model.columns.length).fill(-1);
    owner.forEach((s, j) => {
      if (s < 0) {
        sharedIndex[j] = this.shared.length;
        this.shared.push(j);
      } else {
        local[j] = colsOf[s].length;
        colsOf[s].push(j);
      }
    });
    colsOf.forEach((cols, s) => {
      if (cols.length === 0) return;
      blockOf[s] = this.blocks.length;
      const { D, T } = rm.compiled;
      const K = rm.compiled.weekends.length;
      const cellCol = Int32Array.from({ length: D * T }, (_, i) => {
        const j = rm.xCol[s * D * T + i];
        return j >= 0 ? local[j] : -1;
      });
      const weekendCol = Int32Array.from({ length: K }, (_, w) => {
        const j = rm.weekendCol[s * K + w];
        return j >= 0 ? local[j] : -1;
      });
      const known =
        cellCol.reduce((n, j) => n + (j >= 0 ? 1 : 0), 0) + weekendCol.reduce((n, j) => n + (j >= 0 ? 1 : 0), 0);
      this.blocks.push({
        staff: s,
        cols: Int32Array.from(cols),
        rows: [],
        linkRow: new Int32Array(0),
        linkCol: new Int32Array(0),
        linkCoef: new Float64Array(0),
        cellCol,
        weekendCol,
        lineOnly: known === cols.length,
      });
    });
    const links: { row: number[]; col: number[]; coef: number[] }[] = this.blocks.map(() => ({
      row: [],
      col: [],
      coef: [],
    }));
    model.rows.forEach((r, i) => {
      if (r.indices.length === 0) return;
      const s = owner[r.indices[0]];
      if (s >= 0 && r.indices.every((j) => owner[j] === s)) {
        this.blocks[blockOf[s]].rows.push({ ...r, indices: r.indices.map((j) => local[j]) });
        return;
      }
      const l = this.linking.length;
      this.linking.push(i);
      r.indices.forEach((j, k) => {
        if (owner[j] < 0) {
          this.sharedTerms.push({ row: l, shared: sharedIndex[j], coef: r.values[k] });
          return;
        }
        const b = links[blockOf[owner[j]]];
        b.row.push(l);
        b.col.push(local[j]);
        b.coef.push(r.values[k]);
      });
    });
    this.blocks.forEach((b, k) => {
      b.linkRow = Int32Array.from(links[k].row);
      b.linkCol = Int32Array.from(links[k].col);
      b.linkCoef = Float64Array.from(links[k].coef);
    });
  }

  /** Add a line unless the pool has it already; true when added. */
  addLine(block: number, values: Float64Array): boolean {
    const b = this.blocks[block];
    const key = `${block}:${values.join(',')}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const columns = this.rm.model.columns;
    let cost = 0;
    b.cols.forEach((j, k) => (cost += columns[j].cost * values[k]));
    const terms = new Map<number, number>();
    for (let e = 0; e < b.linkRow.length; e++) {
      const v = values[b.linkCol[e]];
      if (v !== 0) terms.set(b.linkRow[e], (terms.get(b.linkRow[e]) ?? 0) + b.linkCoef[e] * v);
    }
    this.lines.push({
      block,
      values,
      cost,
      rows: Int32Array.from(terms.keys()),
      coefs: Float64Array.from(terms.values()),
    });
    return true;
  }

  /** Every staff member's line of a complete solution (e.g. each new incumbent). */
  addSolution(values: ArrayLike<number>): void {
    this.blocks.forEach((b, k) =>
      this.addLine(
        k,
        Float64Array.from(b.cols, (j) => values[j]),
      ),
    );
  }

  /** The master problem over the pool: one line per staff member, shared columns, linking rows. */
  private master(integer: boolean, keep?: Uint8Array): LinearModel {
    const model = this.rm.model;
    // Lines left out of a restricted master are fixed at 0.
    const columns: LinearModel['columns'] = this.lines.map((l, k) => ({
      name: `line_${k}`,
      lower: 0,
      upper: keep && !keep[k] ? 0 : 1,
      cost: l.cost,
      integer,
    }));
    const rows: Row[] = this.linking.map((i) => ({
      name: model.rows[i].name,
      lower: model.rows[i].lower,
      upper: model.rows[i].upper,
      indices: [],
      values: [],
    }));
    const base = this.lines.length;
    for (const j of this.shared) columns.push({ ...model.columns[j], integer: integer && model.columns[j].integer });
    // Shared columns keep their coefficients in the linking rows.
    this.sharedTerms.forEach(({ row, shared, coef }) => {
      rows[row].indices.push(base + shared);
      rows[row].values.push(coef);
    });
    const convexity = this.blocks.map((b) => ({
      name: `staff_${b.staff}`,
      lower: 1,
      upper: 1,
      indices: [] as number[],
      values: [] as number[],
    }));
    this.lines.forEach((l, k) => {
      convexity[l.block].indices.push(k);
      convexity[l.block].values.push(1);
      l.rows.forEach((row, e) => {
        rows[row].indices.push(k);
        rows[row].values.push(l.coefs[e]);
      });
    });
    return { sense: 'minimize', offset: model.offset, columns, rows: [...rows, ...convexity] };
  }

  /** A full-model solution from master values: each staff member's chosen line, shared columns as solved. */
  private expand(master: Float64Array): Float64Array {
    const values = new Float64Array(this.rm.model.columns.length);
    this.lines.forEach((l, k) => {
      if (master[k] < 0.5) return;
      this.blocks[l.block].cols.forEach((j, c) => (values[j] = l.values[c]));
    });
    this.shared.forEach((j, k) => {
      const v = master[this.lines.length + k];
      const r = Math.round(v);
      values[j] = Math.abs(v - r) < 1e-7 ? r : v;
    });
    return values;
  }

  /**
   * The Lagrangian bound of duals `pi` on the linking rows, given each staff member's pricing
   * minimum: valid for any duals of the right signs, so smoothed duals give bounds too.
   */
  private lagrangian(pi: Float64Array, pricing: number): number {
    const model = this.rm.model;
    let z = model.offset + pricing;
    this.linking.forEach((i, l) => {
      const y = Math.abs(pi[l]) < 1e-9 ? 0 : pi[l];
      const r = model.rows[i];
      if (y > 0) z += y * r.lower;
      else if (y < 0) z += y * r.upper;
    });
    const reduced = Float64Array.from(this.shared, (j) => model.columns[j].cost);
    for (const t of this.sharedTerms) reduced[t.shared] -= pi[t.row] * t.coef;
    this.shared.forEach((j, k) => {
      const c = model.columns[j];
      z += reduced[k] * (reduced[k] >= 0 ? c.lower : c.upper);
    });
    return Number.isFinite(z) ? z : -Infinity;
  }

  /**
   * One round of column generation: solve the master LP, price every staff member, add the lines
   * with a negative reduced cost. With `smoothing` > 0 pricing uses duals moved towards those of
   * the best bound so far (Wentges smoothing: far fewer rounds on these degenerate masters); a
   * round that then finds nothing is repeated without it before convergence is declared.
   */
  async price(
    search: RosterSearch,
    backend: SolverBackend,
    subTimeLimitSec: number,
    smoothing: number,
    heuristic: { rng: Rng; moves: number } | null,
  ): Promise<PriceOutcome> {
    // The incumbent's lines keep the master feasible.
    if (search.values) this.addSolution(search.values);
    const lp = await backend.solve(this.master(false), {
      timeLimitSec: Math.max(0.01, search.remaining()),
      stop: () => search.shouldStop(),
    });
    if (lp.status !== 'optimal' || !lp.rowDuals || lp.objective === null)
      return { added: 0, masterLp: null, bound: null, smoothed: false };
    const duals = lp.rowDuals;
    const L = this.linking.length;
    this.lastLp = { lines: this.lines.length, values: lp.values, duals };
    // Each staff member's line with the largest LP weight: where heuristic pricing starts.
    const lpLine = new Int32Array(this.blocks.length).fill(-1);
    this.lines.forEach((l, i) => {
      if (lpLine[l.block] < 0 || lp.values[i] > lp.values[lpLine[l.block]]) lpLine[l.block] = i;
    });
    const alpha = this.center && smoothing > 0 && !heuristic ? smoothing : 0;
    const center = this.center;
    const pi = Float64Array.from({ length: L }, (_, l) =>
      center ? alpha * center[l] + (1 - alpha) * duals[l] : duals[l],
    );
    const columns = this.rm.model.columns;
    let added = 0;
    let pricing = 0;
    let proven = true;
    for (let k = 0; k < this.blocks.length; k++) {
      if (search.shouldStop()) return { added, masterLp: lp.objective, bound: null, smoothed: alpha > 0 };
      const b = this.blocks[k];
      const cost = Float64Array.from(b.cols, (j) => columns[j].cost);
      const costLp = Float64Array.from(cost);
      for (let e = 0; e < b.linkRow.length; e++) {
        cost[b.linkCol[e]] -= pi[b.linkRow[e]] * b.linkCoef[e];
        costLp[b.linkCol[e]] -= duals[b.linkRow[e]] * b.linkCoef[e];
      }
      let values: Float64Array | null;
      // Exact pricing by the line DP where it applies: the cheapest line below the convexity dual,
      // or the proof that there is none (then the dual itself bounds the pricing minimum).
      const dp = !heuristic && b.lineOnly && lineDpApplies(this.rm.compiled, b.staff);
      const exact = dp ? this.exactLine(search, k, cost, duals[L + k]) : undefined;
      if (heuristic && b.lineOnly) {
        proven = false;
        values = this.annealLine(k, cost, this.lines[lpLine[k]]?.values ?? null, heuristic.rng, heuristic.moves);
        search.charge(heuristic.moves * lineMoveWorkSec(this.rm.compiled.D));
      } else if (exact !== undefined) {
        pricing += exact.lower;
        values = exact.values;
      } else {
        const sub: LinearModel = {
          sense: 'minimize',
          offset: 0,
          columns: Array.from(b.cols, (j, c) => ({ ...columns[j], cost: cost[c] })),
          rows: b.rows,
        };
        const res = await backend.solve(sub, {
          timeLimitSec: Math.min(subTimeLimitSec, Math.max(0.01, search.remaining())),
          mipGap: 0,
          mipAbsGap: 1e-6,
          lightweight: true,
          presolve: false,
          stop: () => search.shouldStop(),
        });
        const lower = res.status === 'optimal' ? res.objective : res.bound;
        if (lower === null) proven = false;
        else pricing += lower;
        values =
          res.values.length === 0
            ? null
            : Float64Array.from(res.values, (v, c) => (columns[b.cols[c]].integer ? Math.round(v) : v));
      }
      if (!values) continue;
      // Added when its reduced cost at the master's own duals is negative.
      let reduced = -duals[L + k];
      values.forEach((v, c) => (reduced += costLp[c] * v));
      if (reduced < -1e-6 && this.addLine(k, values)) added++;
    }
    const bound = proven && !heuristic ? this.lagrangian(pi, pricing) : null;
    if (bound !== null && bound > this.bestBound) {
      this.bestBound = bound;
      this.center = pi;
    }
    return { added, masterLp: lp.objective, bound, smoothed: alpha > 0 };
  }

  /**
   * The last master LP as values of the full model (each staff member's lines weighted by the
   * LP): a far closer guide for relaxation-induced neighbourhoods than the compact relaxation.
   */
  relaxation(): Float64Array | null {
    const lp = this.lastLp;
    if (!lp) return null;
    const values = new Float64Array(this.rm.model.columns.length);
    for (let k = 0; k < lp.lines; k++) {
      const w = lp.values[k];
      if (w <= 1e-9) continue;
      const l = this.lines[k];
      this.blocks[l.block].cols.forEach((j, c) => (values[j] += w * l.values[c]));
    }
    this.shared.forEach((j, k) => (values[j] = lp.values[lp.lines + k]));
    return values;
  }

  /**
   * Diving on the master LP: fix the staff members whose line is (nearly) chosen, or else the one
   * line of largest weight, and solve the LP again until every staff member has a line. A few
   * dozen small LPs: a whole roster where the master MILP's own heuristics find none in seconds.
   */
  private async dive(search: RosterSearch, backend: SolverBackend): Promise<void> {
    const chosen = new Int32Array(this.blocks.length).fill(-1);
    let left = this.blocks.length;
    while (left > 0 && !search.shouldStop()) {
      const keep = Uint8Array.from(this.lines, (l) => (chosen[l.block] < 0 ? 1 : 0));
      chosen.forEach((k) => k >= 0 && (keep[k] = 1));
      const lp = await backend.solve(this.master(false, keep), {
        timeLimitSec: Math.max(0.01, search.remaining()),
        stop: () => search.shouldStop(),
      });
      if (lp.status !== 'optimal') return;
      let best = -1;
      let fixed = 0;
      this.lines.forEach((l, k) => {
        if (chosen[l.block] >= 0) return;
        if (lp.values[k] > 0.99) {
          chosen[l.block] = k;
          fixed++;
        } else if (best < 0 || lp.values[k] > lp.values[best]) best = k;
      });
      if (fixed === 0 && best >= 0) {
        chosen[this.lines[best].block] = best;
        fixed = 1;
      }
      if (fixed === 0) return;
      left -= fixed;
    }
    if (left > 0) return;
    // Shared columns (cover slacks) from the chosen lines: the last LP with every line fixed.
    const keep = new Uint8Array(this.lines.length);
    chosen.forEach((k) => (keep[k] = 1));
    const lp = await backend.solve(this.master(true, keep), {
      timeLimitSec: Math.max(0.01, search.remaining()),
      stop: () => search.shouldStop(),
    });
    if (lp.values.length === 0) return;
    const values = this.expand(lp.values);
    search.offer(values);
  }

  /**
   * Lines the master MILP may choose (a restricted master: with every line it is too large to
   * improve on in a few seconds): per staff member, the incumbent's line, the lines the last LP
   * uses, and the ones of lowest reduced cost at its duals, MASTER_LINES in all.
   */
  private restriction(incumbent: Float64Array | null): Uint8Array | undefined {
    const lp = this.lastLp;
    if (!lp) return undefined;
    const keep = new Uint8Array(this.lines.length);
    const L = this.linking.length;
    const byBlock: { k: number; reduced: number }[][] = this.blocks.map(() => []);
    this.lines.forEach((l, k) => {
      if (k < lp.lines && lp.values[k] > 1e-6) keep[k] = 1;
      let reduced = l.cost - lp.duals[L + l.block];
      l.rows.forEach((row, e) => (reduced -= lp.duals[row] * l.coefs[e]));
      byBlock[l.block].push({ k, reduced });
    });
    for (const lines of byBlock) {
      lines.sort((a, b) => a.reduced - b.reduced);
      for (const { k } of lines.slice(0, MASTER_LINES)) keep[k] = 1;
    }
    if (incumbent) {
      const chosen = new Set(this.blocks.map((b, k) => `${k}:${Array.from(b.cols, (j) => incumbent[j]).join(',')}`));
      this.lines.forEach((l, k) => {
        if (chosen.has(`${l.block}:${l.values.join(',')}`)) keep[k] = 1;
      });
    }
    return keep;
  }

  /** A staff member's block costs as cell and weekend costs of their line. */
  private lineCosts(k: number, cost: Float64Array): LineCosts {
    const b = this.blocks[k];
    const { D, T } = this.rm.compiled;
    const V = T + 1;
    const cell = new Float64Array(D * V);
    for (let d = 0; d < D; d++)
      for (let t = 0; t < T; t++) {
        const j = b.cellCol[d * T + t];
        cell[d * V + t + 1] = j >= 0 ? cost[j] : Infinity;
      }
    return { cell, weekend: Float64Array.from(b.weekendCol, (j) => (j >= 0 ? cost[j] : 0)) };
  }

  /** A line as the values of the staff member's block columns. */
  private lineValues(k: number, line: Int16Array): Float64Array {
    const b = this.blocks[k];
    const c = this.rm.compiled;
    const T = c.T;
    const values = new Float64Array(b.cols.length);
    line.forEach((t, d) => {
      if (t >= 0) values[b.cellCol[d * T + t]] = 1;
    });
    c.weekends.forEach((days, w) => {
      if (b.weekendCol[w] >= 0) values[b.weekendCol[w]] = days.some((d) => line[d] >= 0) ? 1 : 0;
    });
    return values;
  }

  /**
   * Exact pricing by the line DP: the cheapest line below `below` and the pricing minimum's lower
   * bound (its cost, or `below` when no line is cheaper); undefined when the DP gave up.
   */
  private exactLine(search: RosterSearch, k: number, cost: Float64Array, below: number): ExactPricing | undefined {
    const work = { labels: 0 };
    const found = exactLine(this.rm.compiled, this.blocks[k].staff, this.lineCosts(k, cost), below, work);
    search.charge(work.labels / LABELS_PER_SEC);
    if (found === undefined) return undefined;
    if (found === null) return { values: null, lower: below };
    return { values: this.lineValues(k, found.line), lower: found.cost };
  }

  /**
   * Heuristic pricing of one staff member: annealing on their line from the incumbent's, under
   * the block's column costs; the line's column values when it satisfies the block's rows.
   */
  private annealLine(
    k: number,
    cost: Float64Array,
    from: Float64Array | null,
    rng: Rng,
    moves: number,
  ): Float64Array | null {
    const b = this.blocks[k];
    const c = this.rm.compiled;
    const { D, T } = c;
    const start = new Int16Array(D).fill(-1);
    if (from) {
      for (let d = 0; d < D; d++)
        for (let t = 0; t < T; t++) if (b.cellCol[d * T + t] >= 0 && from[b.cellCol[d * T + t]] > 0.5) start[d] = t;
    }
    const found = cheapestLine(c, b.staff, this.lineCosts(k, cost), start, rng, moves);
    if (!found) return null;
    const values = this.lineValues(k, found.line);
    // The line must hold every row of the staff member's block (the annealing penalty mirrors them).
    for (const r of b.rows) {
      let a = 0;
      r.indices.forEach((j, e) => (a += r.values[e] * values[j]));
      if (a < r.lower - 1e-9 || a > r.upper + 1e-9) return null;
    }
    return values;
  }

  /**
   * The master as a MILP over the pool, warm-started from the incumbent (whose lines are added
   * first): the best combination of known lines, offered to the search when it is no worse.
   */
  async solveMaster(search: RosterSearch, backend: SolverBackend, timeLimitSec: number): Promise<void> {
    await this.dive(search, backend);
    if (search.values) this.addSolution(search.values);
    const model = this.master(true, this.restriction(search.values));
    let initial: Float64Array | undefined;
    if (search.values) {
      initial = new Float64Array(model.columns.length);
      const incumbent = search.values;
      const chosen = new Set(this.blocks.map((b, k) => `${k}:${Array.from(b.cols, (j) => incumbent[j]).join(',')}`));
      this.lines.forEach((l, k) => {
        if (chosen.has(`${l.block}:${l.values.join(',')}`)) initial![k] = 1;
      });
      this.shared.forEach((j, k) => (initial![this.lines.length + k] = incumbent[j]));
    }
    const res = await backend.solve(model, {
      timeLimitSec: Math.max(0.01, Math.min(timeLimitSec, search.remaining())),
      mipGap: 0,
      mipAbsGap: this.rm.compiled.integralObjective ? 1 - 1e-6 : undefined,
      initialSolution: initial,
      stop: () => search.shouldStop(),
    });
    if (res.values.length === 0) return;
    const values = this.expand(res.values);
    search.offer(values);
  }
}
