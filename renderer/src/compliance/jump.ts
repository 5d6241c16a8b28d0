// From a finding to the place in the block grid that shows it: the cells to highlight, the date
// to scroll to, and the block of the selected academic year that holds that date.
import type { ComplianceFinding } from '../../../core/api/contract';
import type { Block, HalfDay, IsoDate } from '../../../core/domain/types';
import { addDays, datesBetween, dayCount } from '../lib/dates';
import type { FocusTarget } from '../state/focus';

/** A person finding with no slots highlights its window, at most this many days of it. */
export const FOCUS_WINDOW_MAX_DAYS = 35;

export function focusSlots(f: ComplianceFinding): { date: IsoDate; half: HalfDay }[] {
  if (f.slots.length || f.personId === null) return f.slots;
  const last = dayCount(f.start, f.end) > FOCUS_WINDOW_MAX_DAYS ? addDays(f.start, FOCUS_WINDOW_MAX_DAYS - 1) : f.end;
  return datesBetween(f.start, last).flatMap((date) => (['AM', 'PM'] as const).map((half) => ({ date, half })));
}

/** The block of the year to open for a finding (its first slot, else the start of its window, kept inside the year). */
export function blockForFinding(f: ComplianceFinding, blocks: readonly Block[]): Block | null {
  if (blocks.length === 0) return null;
  const first = blocks[0].start;
  const last = blocks[blocks.length - 1].end;
  const wanted = f.slots[0]?.date ?? f.start;
  const date = wanted < first ? first : wanted > last ? last : wanted;
  return blocks.find((b) => b.start <= date && date <= b.end) ?? null;
}

export function focusTarget(
  f: ComplianceFinding,
  block: Block | null,
  draftId: number | null = null,
  returnQuery: Record<string, string> = {},
): Omit<FocusTarget, 'tick'> {
  const slots = focusSlots(f);
  const inBlock = block ? slots.find((s) => s.date >= block.start && s.date <= block.end) : slots[0];
  return {
    findingId: f.id,
    personId: f.personId,
    personName: f.personName,
    severity: f.severity,
    ruleType: f.ruleType,
    message: f.message,
    draftId,
    slots,
    date: inBlock?.date ?? (block && f.start < block.start ? block.start : f.start),
    returnQuery,
  };
}
