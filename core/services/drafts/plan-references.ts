// Annual-plan entries in a patch may only name residents, academic years, blocks, parts and
// rotations the program has (every patch, undo patches included). A hand edit is also held to
// the plan's rules for the resident's PGY level: the rotations the level's requirements allow
// (or a fixed block), the rotation windows, and whole-block rotations only on whole blocks.
import { planEntryIssue, planRotationIssue } from '../../domain/plan-entries';
import type { Block, BlockPart, ProgramSettings } from '../../domain/types';
import { blockFromRow } from '../../db/rows';
import type { RotationPatch } from './patch';
import type { DraftTrx } from './tables';

type Issue = { path: string; message: string };

export async function planReferenceIssues(
  trx: DraftTrx,
  entries: readonly RotationPatch[],
  pathOf: (i: number, field: string) => string,
): Promise<Issue[]> {
  if (entries.length === 0) return [];
  const [people, pgy, rotations, blocks] = await Promise.all([
    trx.selectFrom('people').select(['id', 'name', 'kind']).execute(),
    trx.selectFrom('person_pgy').selectAll().execute(),
    trx.selectFrom('rotations').select(['id', 'code']).execute(),
    trx.selectFrom('blocks').selectAll().orderBy('academic_year').orderBy('number').execute(),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const levels = new Set(pgy.map((r) => `${r.person_id}|${r.academic_year}`));
  const rotationIds = new Set(rotations.map((r) => r.id));
  const blocksOf = new Map<number, Block[]>();
  for (const b of blocks) blocksOf.set(b.academic_year, [...(blocksOf.get(b.academic_year) ?? []), blockFromRow(b)]);
  const issues: Issue[] = [];
  entries.forEach((e, i) => {
    const p = person.get(e.personId);
    if (!p) issues.push({ path: pathOf(i, 'personId'), message: `no person with id "${e.personId}"` });
    // Removing an entry of an existing block is allowed whatever its part (one a change of the
    // block calendar left without halves, say); setting one must be a valid plan entry.
    const issue = planEntryIssue(e, blocksOf.get(e.academicYear) ?? []);
    if (issue && (issue.field === 'blockNumber' || e.value?.rotationId != null))
      issues.push({ path: pathOf(i, issue.field), message: p ? `${p.name}: ${issue.message}` : issue.message });
    const rotationId = e.value?.rotationId;
    if (rotationId == null) return;
    if (!rotationIds.has(rotationId))
      issues.push({ path: pathOf(i, 'rotationId'), message: `no rotation with id "${rotationId}"` });
    if (p && p.kind !== 'resident')
      issues.push({
        path: pathOf(i, 'personId'),
        message: `${p.name} is ${p.kind === 'faculty' ? 'faculty' : `a ${p.kind}`}; the rotation plan is for residents`,
      });
    else if (p && !levels.has(`${p.id}|${e.academicYear}`))
      issues.push({
        path: pathOf(i, 'personId'),
        message: `${p.name} has no PGY level in academic year ${e.academicYear}`,
      });
  });
  return issues;
}

/** Whether the plan's rules let this resident take this rotation in this part of the block. */
export async function rotationChoiceIssues(
  trx: DraftTrx,
  settings: ProgramSettings,
  choice: { personId: string; academicYear: number; blockNumber: number; part: BlockPart; rotationId: string },
): Promise<Issue[]> {
  const [p, years, rotation] = await Promise.all([
    trx.selectFrom('people').select(['id', 'name']).where('id', '=', choice.personId).executeTakeFirst(),
    trx.selectFrom('person_pgy').selectAll().where('person_id', '=', choice.personId).execute(),
    trx
      .selectFrom('rotations')
      .select(['id', 'code', 'name', 'half_block'])
      .where('id', '=', choice.rotationId)
      .executeTakeFirst(),
  ]);
  if (!p || !rotation) return [];
  const level = years.find((y) => y.academic_year === choice.academicYear)?.level;
  if (level === undefined) return [];
  const rules = settings.rotationPlan;
  const issues: Issue[] = [];
  const label = `${rotation.name} (${rotation.code})`;
  if (rules) {
    const required = rules.requirements.filter((q) => q.pgy === level);
    const allowed =
      required.length === 0 ||
      required.some((q) => q.rotationCode === rotation.code && q.maxBlocks > 0) ||
      rules.fixed.some((f) => f.pgy === level && f.rotationCode === rotation.code);
    if (!allowed)
      issues.push({
        path: 'rotationId',
        message: `${label} is not among the rotations of PGY-${level} residents (${p.name} is PGY-${level})`,
      });
    const window = rules.windows.find(
      (w) =>
        w.rotationCode === rotation.code &&
        (w.pgyLevels.length === 0 || w.pgyLevels.includes(level)) &&
        w.notInBlocks.includes(choice.blockNumber),
    );
    if (window)
      issues.push({
        path: 'blockNumber',
        message: `${label} is not allowed in block ${choice.blockNumber} for PGY-${level} residents`,
      });
  }
  const misfit = planRotationIssue(choice.part, { ...rotation, halfBlock: rotation.half_block === 1 });
  if (misfit) issues.push({ path: 'part', message: misfit });
  return issues;
}
