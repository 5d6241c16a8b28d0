// The half-day model a block builds, as committed text: every column (name, bounds, cost, kind), every
// row (name, bounds, group, subject, reason and terms), the requirement groups, the start and the
// decided cells' reasons. A change to how the model is built that should not change the model (the
// schedule indexed by number instead of by string keys) must leave this text as it was; a change to
// the model on purpose shows its difference here, line by line, and is committed with the snapshot:
//   npx vitest run test/unit/generate-halfday-model.test.ts --update
// The program is the real-like year (absences of every kind, requested leave, hand-made calls,
// inpatient weeks, learners) with locked half-days in and around the block and the hour rules tightened
// until their rows appear.
import { describe, expect, it } from 'vitest';
import { addDays, blocksForYear } from '../../core/domain/calendar';
import type { ProgramData } from '../../core/domain/program';
import type { Assignment } from '../../core/domain/types';
import { buildBlockScheduleModel } from '../../core/solver/models/halfday';
import { resolveBlock } from '../../core/solver/models/halfday-cells';
import { buildRealLikeProgram } from '../fixtures/real-like-program';
import { YEAR } from './generate-fixture';

const BLOCK = 4;

/** The real-like year with locks in and around block 4 and the hour rules tight enough to give rows. */
function program(): ProgramData {
  const { data } = buildRealLikeProgram();
  const block = blocksForYear(YEAR, data.settings.blockLayout).find((b) => b.number === BLOCK)!;
  for (const rule of data.settings.rules) {
    if (rule.type === 'acgme_80h') rule.params = { ...rule.params, limitHours: 60 };
    if (rule.type === 'acgme_day_off') rule.params = { ...rule.params, minDaysOff: 8 };
    if (rule.type === 'consecutive_days') rule.params = { ...rule.params, maxDays: 4 };
    if (rule.type === 'acgme_continuous') rule.params = { ...rule.params, maxHours: 16, transitionHours: 0 };
    if (rule.type === 'acgme_rest_between') rule.params = { ...rule.params, minRestHours: 16 };
  }
  // Every fifth person's half-days on days 3 and 20 of the block, and 5 days before it, locked as entered.
  const lockOn = new Set([addDays(block.start, 2), addDays(block.start, 19), addDays(block.start, -5)]);
  const lockFor = new Set(data.people.filter((_, i) => i % 5 === 0).map((p) => p.id));
  data.assignments = data.assignments.map(
    (a): Assignment => (lockOn.has(a.date) && lockFor.has(a.personId) ? { ...a, source: 'manual', locked: true } : a),
  );
  return data;
}

/** Texts that repeat (reasons, groups) as numbers into one list, so the dump stays readable and small. */
function texts() {
  const list: string[] = [];
  const index = new Map<string, number>();
  return {
    ref(text: string | undefined): string {
      if (text === undefined) return '-';
      let i = index.get(text);
      if (i === undefined) index.set(text, (i = list.push(text) - 1));
      return `#${i}`;
    },
    list,
  };
}

function modelText(data: ProgramData, published?: Assignment[]): string {
  const options = { academicYear: YEAR, blockNumber: BLOCK, ...(published ? { published } : {}) };
  const model = buildBlockScheduleModel(data, options);
  const b = model.builder;
  const t = texts();
  const out: string[] = [`objective ${b.sense} offset ${b.offset}`];
  b.columns.forEach((c, j) =>
    out.push(`col ${j} ${c.name} [${c.lower}, ${c.upper}] cost ${c.cost}${c.integer ? ' int' : ''}`),
  );
  b.rows.forEach((r, i) => {
    const reason = b.rowReason[i];
    const terms = r.indices.map((c, k) => `${r.values[k]}*${c}`).join(' ');
    out.push(
      `row ${i} ${r.name} [${r.lower}, ${r.upper}] group ${t.ref(b.rowGroup[i])} subject ${t.ref(b.rowSubject[i])} ` +
        `reason ${reason ? `${reason.kind} ${t.ref(reason.text)}` : '-'}: ${terms}`,
    );
  });
  for (const g of b.groups.values())
    out.push(`group ${t.ref(g.id)} ${g.kind} weight ${g.weight} where ${t.ref(g.where)} fix ${t.ref(g.fix?.text)}`);
  for (const s of b.sums) out.push(`sum ${s.group} need ${JSON.stringify(s.need)} supply ${JSON.stringify(s.supply)}`);
  out.push(`start ${[...(model.startHint ?? [])].map(([c, v]) => `${c}=${v}`).join(' ')}`);
  // The cells the model is built on (what decode reads back), each with its reason.
  const setting = resolveBlock(data, options);
  for (const p of setting.people) {
    const cells = p.cells.map((c) =>
      c.kind === 'fixed'
        ? `${c.code}/${c.source}${c.locked ? '/locked' : ''}${c.outside ? '/outside' : ''} ${t.ref(c.reason.text)}`
        : `{${c.codes.join('|')}} ${t.ref(c.reason.text)}${c.requested ? ` req ${t.ref(c.requested.text)}` : ''}` +
          `${c.reducedDay ? ` reduced ${t.ref(c.reducedDay.text)}` : ''}`,
    );
    out.push(`cells ${p.person.id} ${p.role} pgy ${p.pgy}: ${cells.join('; ')}`);
  }
  out.push(`unplanned ${JSON.stringify(setting.unplanned)}`);
  out.push(`locked over unavailable ${JSON.stringify(setting.lockedOverUnavailable)}`);
  return [...out, '', ...t.list.map((text, i) => `#${i} ${text}`), ''].join('\n');
}

describe('the half-day model built for a block', () => {
  const data = program();

  it('is the committed model on the program as it is', async () => {
    await expect(modelText(data)).toMatchFileSnapshot('../fixtures/halfday-model/real-like-block4.txt');
  });

  it('changes as committed when the run hands in the published half-days (the year run)', async () => {
    // Published: the program's own with every seventh half-day of a resident in the block clinic.
    const block = blocksForYear(YEAR, data.settings.blockLayout).find((b) => b.number === BLOCK)!;
    const residents = new Set(data.people.filter((p) => p.kind === 'resident').map((p) => p.id));
    const inBlock = data.assignments.filter((a) => a.date >= block.start && a.date <= block.end);
    const published = inBlock.map((a, i) =>
      i % 7 === 0 && residents.has(a.personId) ? { ...a, activityCode: 'C' } : a,
    );
    // The lines of that model the program's own does not have (the rest is the snapshot above).
    const own = new Set(modelText(data).split('\n'));
    const changed = modelText(data, published)
      .split('\n')
      .filter((line) => !own.has(line));
    await expect(changed.join('\n')).toMatchFileSnapshot('../fixtures/halfday-model/real-like-block4-published.txt');
  });
});
