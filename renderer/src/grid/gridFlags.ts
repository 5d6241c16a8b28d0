// What the block grid asks of compliance, in small hooks so the grid files change by a line or
// two: useCellFlags(personId) for a person row (which cells carry a finding marker or the focus
// highlight), useCallFocus() for call rows (the person's call nights in the finding's window),
// and useComplianceOverlay(scrollRef, model) for the grid (load the findings of the year shown,
// scroll to the finding the user jumped to).
import clsx from 'clsx';
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type { Activity, Assignment, HalfDay, Severity } from '../../../core/domain/types';
import { useEditingDraftId } from '../draft/session';
import { academicYearOf } from '../lib/academicYear';
import { cellKey, type GridModel } from './gridModel';
import { rowHeight, useGridMetrics, type GridMetrics } from './gridLayout';
import { useFocus, type FocusTarget } from '../state/focus';
import { involvedInSlot, slotKey, type CellMark, type FindingMarks } from './gridMarks';
import { useGridFindings } from './findingsStore';
import './gridFlags.css';

export interface RowFlags {
  marks: Map<string, CellMark> | undefined;
  slotMarks: FindingMarks['bySlot'];
  /** Slots of this row to highlight (the finding jumped to). */
  focus: Set<string> | null;
  /** For a finding about a slot (no person): its rule type, to light only the cells taking part. */
  focusSlotTypes: string[] | null;
}

const NO_FLAG = { className: '', severity: undefined as Severity | undefined, focused: undefined as true | undefined };

/** A row's markers and focus; stable while neither changes for this person. */
export function useCellFlags(personId: string): RowFlags {
  const marks = useGridFindings((s) => s.byPerson.get(personId));
  const slotMarks = useGridFindings((s) => s.bySlot);
  const target = useFocus((s) =>
    s.target && (s.target.personId === personId || s.target.personId === null) ? s.target : null,
  );
  return useMemo(
    () => ({
      marks,
      slotMarks,
      focus: target ? new Set(target.slots.map((x) => slotKey(x.date, x.half))) : null,
      focusSlotTypes: target && target.personId === null ? [target.ruleType] : null,
    }),
    [marks, slotMarks, target],
  );
}

/** The finding jumped to, when it is about a person (their call nights in its window light up). */
export function useCallFocus(): { personId: string; dates: Set<string> } | null {
  const target = useFocus((s) => s.target);
  return useMemo(
    () => (target?.personId ? { personId: target.personId, dates: new Set(target.slots.map((x) => x.date)) } : null),
    [target],
  );
}

export function callFocused(
  focus: { personId: string; dates: Set<string> } | null,
  date: string,
  personIds: readonly string[] | undefined,
): boolean {
  return !!focus && !!personIds?.includes(focus.personId) && focus.dates.has(date);
}

/** The marker class, severity and focus of one cell. */
export function cellFlag(
  flags: RowFlags,
  model: GridModel,
  date: string,
  half: HalfDay,
  a: Assignment | undefined,
): typeof NO_FLAG {
  const key = slotKey(date, half);
  let mark: CellMark | undefined = flags.marks?.get(key);
  if (!mark && a) {
    const slot = flags.slotMarks.get(key);
    if (slot && involvedInSlot(slot.ruleTypes, model.activities.get(a.activityCode) as Activity | undefined))
      mark = slot;
  }
  // A slot finding's focus lights the cells taking part in it, not the whole column.
  const focused =
    flags.focus?.has(key) &&
    (!flags.focusSlotTypes || (a && involvedInSlot(flags.focusSlotTypes, model.activities.get(a.activityCode))))
      ? true
      : undefined;
  if (!mark && !focused) return NO_FLAG;
  const className = clsx(
    mark && ['bg-flag', `bg-flag-${mark.severity}`, mark.acknowledged && 'bg-flag-ack'],
    focused && 'bg-focus',
  );
  return { className, severity: mark?.severity, focused };
}

/**
 * Where the row to show starts in the grid canvas (rows have fixed heights): the finding's
 * person, or for a finding about a slot the first person whose cell takes part in it.
 */
function rowTop(model: GridModel, target: FocusTarget, m: GridMetrics): number | null {
  const involved = (personId: string) =>
    target.slots.some((x) => {
      const a = model.assignments.get(cellKey(personId, x.date, x.half));
      return !!a && involvedInSlot([target.ruleType], model.activities.get(a.activityCode));
    });
  let top = m.headerHeight;
  for (const row of model.rows) {
    if (
      row.kind === 'person' &&
      (target.personId !== null ? row.person.id === target.personId : involved(row.person.id))
    )
      return top;
    top += rowHeight(row, m);
  }
  return null;
}

/** Scroll a grid so the focus target's first slot (and its person's row) is in view. */
export function scrollToFocus(el: HTMLElement, model: GridModel, target: FocusTarget, m: GridMetrics): boolean {
  const day = model.days.findIndex((d) => d.date === target.date);
  if (day < 0) return false;
  el.scrollLeft = Math.max(0, (day - 2) * m.dayWidth);
  const top = rowTop(model, target, m);
  if (top !== null)
    el.scrollTop = Math.max(0, top - m.headerHeight - Math.max(0, (el.clientHeight - m.headerHeight) / 2 - 40));
  return true;
}

/** Load the grid's findings for the year it shows, and scroll to the finding jumped to. */
export function useComplianceOverlay(scrollRef: RefObject<HTMLElement | null>, model: GridModel): void {
  const ensure = useGridFindings((s) => s.ensure);
  const year = academicYearOf(model.start);
  const draftId = useEditingDraftId();
  useEffect(() => ensure(year, draftId), [ensure, year, draftId]);
  const target = useFocus((s) => s.target);
  const metrics = useGridMetrics();
  // Scroll once per jump (when the grid first shows the date), not again after every edit.
  const scrolled = useRef<number | null>(null);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !target || scrolled.current === target.tick) return;
    // After the grid's own scrolling (to a block's start or today) has run.
    const frame = requestAnimationFrame(() => {
      if (scrollToFocus(el, model, target, metrics)) scrolled.current = target.tick;
    });
    return () => cancelAnimationFrame(frame);
  }, [scrollRef, model, target, metrics]);
}
