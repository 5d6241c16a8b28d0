// The draft methods through the API dispatcher: zod validation by path, service refusals as
// structured errors, and the real compliance engine as the publish gate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Contract } from '../../core/api/contract';
import { draftHandlers } from '../../core/api/handlers/drafts';
import { createDispatcher, type HandlersOf } from '../../core/api/kit';
import type { Program } from '../../core/services/program';
import { buildFixture, openCopy, type Fixture } from './drafts-fixture';

let f: Fixture;
let program: Program;
let call: (method: string, payload: unknown) => Promise<{ ok: boolean; value?: any; error?: any }>;
beforeAll(async () => {
  f = await buildFixture();
  program = await openCopy(f);
  // Only draft methods are called here; the dispatcher picks the handler by name.
  call = createDispatcher(
    contract,
    () => draftHandlers({ program: () => program, actor: 'api-test' }) as unknown as HandlersOf<Contract>,
  );
});
afterAll(async () => {
  await program.close();
  f.cleanup();
});

async function ok(method: string, payload: unknown) {
  const r = await call(method, payload);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('draft API', () => {
  it('validates input shapes by path', async () => {
    const r = await call('drafts.setActivity', { draftId: 1, cells: [], activityCode: 'C' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'cells', message: 'select at least one slot' }] },
    });
    const bad = await call('drafts.publish', { draftId: 1, breakGlass: { reason: 'no' } });
    expect(bad.error.issues.map((i: { path: string }) => i.path)).toEqual(['breakGlass.reason']);
  });

  it('reports service refusals with their code and issues', async () => {
    expect(await call('drafts.get', { draftId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'No draft with id 999' },
    });
    const d = await ok('drafts.create', { name: 'api' });
    const r = await call('drafts.setActivity', {
      draftId: d.id,
      cells: [{ personId: 'ghost', date: '2026-08-03', half: 'AM' }],
      activityCode: 'C',
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'cells[0].personId', message: 'no person with id "ghost"' }] },
    });
  });

  it('answers the changes and the last rules check apart, each as drafts.diff has it', async () => {
    const d = await ok('drafts.create', { name: 'parts' });
    const person = f.data.people.find((p) => p.kind === 'resident')!;
    const cells = [{ personId: person.id, date: '2026-08-04', half: 'AM' }];
    await ok('drafts.clearCells', { draftId: d.id, cells });
    expect(await ok('drafts.validation', { draftId: d.id })).toEqual({
      draftId: d.id,
      validation: null,
      staleReason: null,
    });
    const { validation, validationStaleReason, ...changes } = await ok('drafts.diff', { draftId: d.id });
    expect(validation).toBeNull();
    expect(validationStaleReason).toBeNull();
    expect(await ok('drafts.changes', { draftId: d.id })).toEqual(changes);
    expect((await ok('drafts.changes', { draftId: d.id, start: '2026-08-05' })).diff.cells).toEqual([]);

    const checked = await ok('drafts.validate', { draftId: d.id });
    expect(await ok('drafts.validation', { draftId: d.id })).toEqual({
      draftId: d.id,
      validation: checked,
      staleReason: null,
    });
    await ok('drafts.setActivity', { draftId: d.id, cells, activityCode: 'C' });
    expect(await ok('drafts.validation', { draftId: d.id })).toMatchObject({
      validation: checked,
      staleReason: 'the draft was edited after it was checked',
    });
    expect(await call('drafts.validation', { draftId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    await ok('drafts.discard', { draftId: d.id, reason: 'test' });
  });

  it('edits, undoes, publishes through the rules engine gate, and rolls back', async () => {
    // A faculty call during the person's own approved absence is a high-severity conflict.
    const absence = f.data.absences.find(
      (a) => a.status === 'approved' && f.data.people.find((p) => p.id === a.personId)?.kind === 'faculty',
    )!;
    expect(absence).toBeDefined();
    const d = await ok('drafts.create', { name: 'call during leave' });
    const edit = await ok('drafts.setCall', {
      draftId: d.id,
      date: absence.start,
      callTypeCode: 'OC',
      personIds: [absence.personId],
    });
    expect(edit.undo.calls.length).toBeGreaterThan(0);
    const undone = await ok('drafts.applyPatch', { draftId: d.id, patch: edit.undo });
    expect((await ok('drafts.diff', { draftId: d.id })).diff.calls).toEqual([]);
    await ok('drafts.applyPatch', { draftId: d.id, patch: undone.undo });
    expect((await ok('drafts.diff', { draftId: d.id })).diff.calls).toHaveLength(1);

    const v = await ok('drafts.validate', { draftId: d.id });
    const conflict = v.added.find(
      (x: { ruleType: string; personId: string }) =>
        x.ruleType === 'absence_conflict' && x.personId === absence.personId,
    );
    expect(conflict).toMatchObject({ category: 'conflict', blocking: true, acknowledgement: null });
    const refused = await call('drafts.publish', { draftId: d.id, acceptChurnWarnings: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rejected' } });
    expect(refused.error.message).toMatch(/resolved or acknowledged/);

    for (const flag of v.added.filter((x: { blocking: boolean }) => x.blocking))
      await ok('drafts.acknowledgeFinding', {
        findingId: flag.id,
        draftId: d.id,
        reasonCode: 'staffing_shortage',
        reason: 'covering from home, approved',
      });
    const check = await ok('drafts.publishCheck', { draftId: d.id, acceptChurnWarnings: true });
    expect(check).toMatchObject({ canPublish: true, reasons: [] });
    const pub = await ok('drafts.publish', { draftId: d.id, acceptChurnWarnings: true, expectedRevision: 3 });
    expect((await ok('publications.list', {}))[0]).toMatchObject({ id: pub.id, canRollback: true });
    const rolled = await ok('publications.rollback', {
      publicationId: pub.id,
      reason: 'absence was approved after all',
    });
    expect(rolled.rolledBackBy).toBe('api-test');
    const audit = await ok('audit.query', { personId: absence.personId, limit: 20 });
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['publication.rollback', 'draft.publish', 'finding.acknowledge', 'draft.setCall']),
    );
  });
});
