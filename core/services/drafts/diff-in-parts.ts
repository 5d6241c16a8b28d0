// A draft's diff against the published schedule, read and computed a few days at a time, each
// window its own short read with the event loop free between windows: a year's draft (100 000+
// overlay rows and as many published ones) no longer holds the main thread for a second while its
// check reads its inputs. The windows are not one snapshot: the caller records the draft's
// revision and what was published before reading, and checks them again before it keeps anything
// (validateDraft does). Same result as diffOverlay over the whole overlay, in the same order.
import { addDays } from '../../domain/calendar';
import { inTransaction, type DraftContext } from './context';
import { diffOverlay, type DraftDiff } from './diff';
import { draftSpan, loadOverlay, loadPublished, overlayPlanYears, type DateSpan } from './store';
import type { DraftDb, DraftTrx } from './tables';
import { nextTurn } from './turns';

/**
 * Slots (a person's half-days) read at once, the draft's and the published ones: a window's read
 * and diff cost the main thread about 40 ms at this size, whatever the program's size.
 */
const WINDOW_SLOTS = 6000;

/** Days in a window for a program of this many people: as many as hold WINDOW_SLOTS slots, 1 to 28. */
export function windowDays(people: number): number {
  return Math.max(1, Math.min(28, Math.floor(WINDOW_SLOTS / (2 * Math.max(1, people)))));
}

/** Days in a window of this program (windowDays of its people): what one read of its schedule by dates may span. */
export async function programWindowDays(db: DraftDb | DraftTrx): Promise<number> {
  const people = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return windowDays(Number(people?.n ?? 0));
}

/** The windows a draft's dated entries are read in, in date order: each entry is in exactly one. */
export async function draftWindows(db: DraftDb | DraftTrx, draftId: number): Promise<DateSpan[]> {
  const days = await programWindowDays(db);
  const span = await draftSpan(db, draftId);
  const windows: DateSpan[] = [];
  for (let start = span?.start; span && start && start <= span.end; start = addDays(start, days))
    windows.push({ start, end: addDays(start, days - 1) });
  return windows;
}

export async function draftDiffInParts(ctx: DraftContext, draftId: number): Promise<DraftDiff> {
  const diff: DraftDiff = { cells: [], calls: [], inpatientWeeks: [], rotations: [] };
  const windows = await inTransaction(ctx, (trx) => draftWindows(trx, draftId));
  for (const window of windows) {
    await nextTurn();
    // Windows follow each other in date order, and diffOverlay sorts by date first: appending keeps the order.
    const part = await inTransaction(ctx, async (trx) => {
      const entries = (await loadOverlay(trx, draftId, window, { plan: false })).entries();
      return diffOverlay(entries, await loadPublished(trx, window));
    });
    diff.cells.push(...part.cells);
    diff.calls.push(...part.calls);
    diff.inpatientWeeks.push(...part.inpatientWeeks);
  }
  await nextTurn();
  diff.rotations = await inTransaction(ctx, async (trx) => {
    const entries = (await loadOverlay(trx, draftId, null, { schedule: false })).entries();
    const plan = await loadPublished(trx, null, overlayPlanYears(entries));
    return diffOverlay(entries, plan, plan).rotations;
  });
  return diff;
}
