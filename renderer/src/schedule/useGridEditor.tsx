// Editing the block grid: the selection, the picker at the active cell, and what each command
// does to the draft (set an activity, clear, assign or clear a call night, lock/unlock, copy,
// paste, undo, redo). Every change goes through the drafts API into the draft being edited.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { DraftEditResult } from '../../../core/api/contract';
import type { Activity, HalfDay } from '../../../core/domain/types';
import { api } from '../api';
import { editSequence, historyOf, redoEdit, runEdit, undoEdit, useDraftSession } from '../draft/session';
import { plural } from '../lib/words';
import { absenceTypeName } from '../lib/absenceTypes';
import { ROLE_LABELS } from '../lib/labels';
import { useNotify } from '../state/notify';
import { gridShape } from '../grid/BlockGrid';
import { CellPicker, type PickerOption } from './CellPicker';
import { blockSize, copyBlock, pasteTargets, useGridClipboard } from '../grid/clipboard';
import type { GridCommand } from '../grid/gridKeys';
import { cellKey, dayKey, shortName, type GridModel } from '../grid/gridModel';
import { clampSelection, selectedCells, selectionSize, single, type CellPos, type Selection } from '../grid/selection';

const CATEGORY_WORDS: Record<Activity['category'], string> = {
  clinical: 'Clinical',
  educational: 'Educational',
  administrative: 'Administrative',
  time_off: 'Time off',
};
const CATEGORY_RANK: Record<Activity['category'], number> = {
  clinical: 0,
  educational: 1,
  administrative: 2,
  time_off: 3,
};

export interface CellRef {
  personId: string;
  date: string;
  half: HalfDay;
}

export interface GridEditor {
  selection: Selection | null;
  setSelection(selection: Selection | null): void;
  onCommand(command: GridCommand): void;
  /** The picker element while it is open. */
  picker: ReactNode;
  summary: { slots: number; callNights: number };
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  lock(locked: boolean): void;
  hasClipboard: boolean;
}

function gridElement(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-testid="block-grid"]');
}

/** `readOnly`: why the grid cannot be edited (a published or discarded draft), or null. */
export function useGridEditor(model: GridModel | null, draftId: number | null, readOnly: string | null): GridEditor {
  const [selection, setSelection] = useState<Selection | null>(null);
  const [picker, setPicker] = useState<{ text: string; anchor: HTMLElement } | null>(null);
  const notify = useNotify((s) => s.notify);
  const clipboard = useGridClipboard((s) => s.block);
  const history = useDraftSession((s) => (draftId !== null ? s.histories[draftId] : undefined));
  const shape = useMemo(() => (model ? gridShape(model) : null), [model]);

  // Another range means other dates under the same positions: start afresh. The same range
  // re-read after an edit keeps the selection (clamped if rows came or went).
  const rangeKey = model ? `${model.start}:${model.end}` : '';
  const lastRange = useRef(rangeKey);
  useEffect(() => {
    if (lastRange.current !== rangeKey) {
      lastRange.current = rangeKey;
      setSelection(null);
      setPicker(null);
    } else if (shape) setSelection((s) => (s ? clampSelection(s, shape) : s));
  }, [rangeKey, shape]);

  const cellRef = useCallback(
    (pos: CellPos): CellRef | null => {
      const row = model?.rows[pos.row];
      const day = model?.days[pos.col >> 1];
      if (!row || row.kind !== 'person' || !day) return null;
      return { personId: row.person.id, date: day.date, half: pos.col & 1 ? 'PM' : 'AM' };
    },
    [model],
  );

  const selected = useMemo(() => {
    if (!model || !shape || !selection)
      return { cells: [] as CellRef[], nights: [] as { date: string; callTypeCode: string }[] };
    const s = selectedCells(selection, shape);
    const cells = s.people.map(cellRef).filter((c): c is CellRef => c !== null);
    const nights = s.calls.flatMap(({ row, day }) => {
      const r = model.rows[row];
      return r.kind === 'call' ? [{ date: model.days[day].date, callTypeCode: r.callType.code }] : [];
    });
    return { cells, nights };
  }, [model, shape, selection, cellRef]);

  const refocus = useCallback(() => {
    setPicker(null);
    requestAnimationFrame(() => gridElement()?.focus({ preventScroll: true }));
  }, []);

  const guard = useCallback((): boolean => {
    if (readOnly) notify(readOnly, 'warning');
    return !readOnly;
  }, [readOnly, notify]);

  // An entry set or pasted by hand is locked: where its person is away or resting after a long call it is
  // kept, and said at once (as a lock is).
  const warnIfUnavailable = useCallback(
    (r: DraftEditResult | null) => {
      if (r?.warning) notify(r.warning, 'warning');
    },
    [notify],
  );

  const setActivity = useCallback(
    (code: string) => {
      const cells = selected.cells;
      if (!cells.length || !guard()) return;
      void runEdit(`Set ${code} on ${plural(cells.length, 'slot')}`, (id) =>
        api()['drafts.setActivity']({ draftId: id, cells, activityCode: code }),
      ).then(warnIfUnavailable);
    },
    [selected, guard, warnIfUnavailable],
  );

  const setCall = useCallback(
    (personId: string | null) => {
      const nights = selected.nights;
      if (!nights.length || !guard()) return;
      const who = personId ? (model?.people.get(personId)?.name ?? personId) : null;
      const label = who
        ? `Put ${who} on ${plural(nights.length, 'call night')}`
        : `Clear ${plural(nights.length, 'call night')}`;
      void runEdit(label, (id) =>
        editSequence(
          id,
          nights.map(
            (n) => (draftId: number) =>
              api()['drafts.setCall']({
                draftId,
                date: n.date,
                callTypeCode: n.callTypeCode,
                personIds: personId ? [personId] : [],
              }),
          ),
        ),
      );
    },
    [selected, guard, model],
  );

  const clear = useCallback(() => {
    const { cells, nights } = selected;
    if ((!cells.length && !nights.length) || !guard()) return;
    const steps: ((draftId: number) => Promise<DraftEditResult>)[] = [];
    if (cells.length) steps.push((draftId) => api()['drafts.clearCells']({ draftId, cells }));
    for (const n of nights)
      steps.push((draftId) =>
        api()['drafts.setCall']({ draftId, date: n.date, callTypeCode: n.callTypeCode, personIds: [] }),
      );
    const parts = [
      cells.length ? plural(cells.length, 'slot') : '',
      nights.length ? plural(nights.length, 'call night') : '',
    ].filter(Boolean);
    void runEdit(`Clear ${parts.join(' and ')}`, (id) => editSequence(id, steps));
  }, [selected, guard]);

  const lock = useCallback(
    (locked: boolean) => {
      const cells = selected.cells;
      if (!cells.length || !guard()) return;
      void runEdit(`${locked ? 'Lock' : 'Unlock'} ${plural(cells.length, 'slot')}`, (id) =>
        api()['drafts.setLock']({ draftId: id, cells, locked }),
      ).then((r) => {
        const skipped = r?.skipped
          ? `${plural(r.skipped, 'empty slot')} left as ${r.skipped === 1 ? 'it was' : 'they were'}: only scheduled ` +
            `slots can be locked.`
          : '';
        // A lock where its person is away or resting after a long call is kept, and said at once.
        if (r?.warning) notify([r.warning, skipped].filter(Boolean).join(' '), 'warning');
        else if (skipped) notify(skipped, 'info');
      });
    },
    [selected, guard, notify],
  );

  const copy = useCallback((): boolean => {
    if (!model || !shape || !selection) return false;
    const block = copyBlock(selection, shape, (pos) => {
      const ref = cellRef(pos);
      return ref ? (model.assignments.get(cellKey(ref.personId, ref.date, ref.half))?.activityCode ?? null) : null;
    });
    if (!block) {
      notify('Select half-day slots of people to copy (call rows are not copied).', 'info');
      return false;
    }
    useGridClipboard.setState({ block });
    const { rows, cols } = blockSize(block);
    notify(`Copied ${plural(rows, 'row')} × ${plural(cols, 'half-day')}`, 'success');
    return true;
  }, [model, shape, selection, cellRef, notify]);

  const paste = useCallback(() => {
    if (!model || !shape || !selection) return;
    if (!clipboard) {
      notify('Nothing copied yet: select slots and press Ctrl+C first.', 'info');
      return;
    }
    if (!guard()) return;
    const cells = pasteTargets(clipboard, selection, shape).flatMap((t) => {
      const ref = cellRef(t.pos);
      return ref ? [{ ...ref, activityCode: t.value }] : [];
    });
    if (!cells.length) return;
    void runEdit(`Paste ${plural(cells.length, 'slot')}`, (id) =>
      api()['drafts.pasteCells']({ draftId: id, cells }),
    ).then(warnIfUnavailable);
  }, [model, shape, selection, clipboard, guard, cellRef, notify, warnIfUnavailable]);

  const undo = useCallback(() => {
    if (draftId === null || !historyOf(draftId).undo.length) return notify('Nothing to undo in this draft.', 'info');
    void undoEdit(draftId);
  }, [draftId, notify]);
  const redo = useCallback(() => {
    if (draftId === null || !historyOf(draftId).redo.length) return notify('Nothing to redo in this draft.', 'info');
    void redoEdit(draftId);
  }, [draftId, notify]);

  const openPicker = useCallback(
    (text: string) => {
      if (!selection || !guard()) return;
      const anchor = gridElement()?.querySelector<HTMLElement>('[data-active="true"]') ?? gridElement();
      if (anchor) setPicker({ text, anchor });
    },
    [selection, guard],
  );

  const onCommand = useCallback(
    (command: GridCommand) => {
      switch (command.type) {
        case 'clear':
          return clear();
        case 'pick':
          return openPicker('');
        case 'type':
          return openPicker(command.text);
        case 'copy':
          return void copy();
        case 'cut':
          if (copy()) clear();
          return;
        case 'paste':
          return paste();
        case 'undo':
          return undo();
        case 'redo':
          return redo();
        case 'escape':
          // First Escape keeps only the active cell; the next one drops the selection.
          return setSelection((s) => (s && shape && selectionSize(s, shape) > 1 ? single(s.focus) : null));
        case 'move':
        case 'selectAll':
          return;
      }
    },
    [clear, openPicker, copy, paste, undo, redo, shape],
  );

  // What the picker offers: activities for slots, people for call nights (by the active cell's row).
  const focusRow = selection && model ? model.rows[selection.focus.row] : null;
  const pickerNode = useMemo(() => {
    if (!picker || !model || !focusRow) return null;
    if (focusRow.kind === 'call') {
      const t = focusRow.callType;
      const people = [...model.people.values()].filter((p) =>
        t.for === 'faculty' ? p.kind === 'faculty' : p.kind === 'resident',
      );
      // For one night: who has it now, and who is away that day, next to each name.
      const night = selected.nights.length === 1 ? selected.nights[0].date : null;
      const holders = night ? (focusRow.byDate.get(night) ?? []) : [];
      const options: PickerOption[] = [
        ...people
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((p) => {
            const role =
              p.kind === 'faculty'
                ? p.facultyRole
                  ? ROLE_LABELS[p.facultyRole]
                  : 'Faculty'
                : p.pgy
                  ? `PGY-${p.pgy}`
                  : 'Resident';
            const away = night
              ? model.absences.get(dayKey(p.id, night))?.find((a) => a.status !== 'denied')
              : undefined;
            const notes = [
              role,
              holders.includes(p.id) ? 'on call this night' : '',
              away ? `away: ${absenceTypeName(away.type).toLowerCase()}` : '',
            ];
            return {
              value: p.id,
              code: model.shortNames.get(p.id) ?? shortName(p.name),
              name: p.name,
              hint: notes.filter(Boolean).join(' · '),
            };
          }),
        { value: '', code: '—', name: 'Nobody (clear the night)' },
      ];
      const n = selected.nights.length;
      return (
        <CellPicker
          anchor={picker.anchor}
          title={`${t.name}: who takes ${n === 1 ? 'this night' : `these ${n} nights`}?`}
          placeholder="Type a name"
          options={options}
          initialText={picker.text}
          onClose={refocus}
          onPick={(o) => {
            setCall(o.value || null);
            refocus();
          }}
        />
      );
    }
    const halves = new Set(selected.cells.map((c) => c.half));
    const activities = [...model.activities.values()].sort(
      (a, b) => CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category] || a.code.localeCompare(b.code),
    );
    const options: PickerOption[] = activities.map((a) => {
      const missing = (halves.has('AM') && !a.am ? ['AM'] : []).concat(halves.has('PM') && !a.pm ? ['PM'] : []);
      const colors = model.colors.get(a.code);
      return {
        value: a.code,
        code: a.code,
        name: a.name,
        bg: colors?.bg,
        fg: colors?.fg,
        hint: CATEGORY_WORDS[a.category],
        disabledReason: missing.length ? `Never done in the ${missing.join(' or ')}` : null,
      };
    });
    return (
      <CellPicker
        anchor={picker.anchor}
        title={`Set the activity of ${plural(selected.cells.length, 'slot')}`}
        placeholder="Type a code or a name"
        options={options}
        initialText={picker.text}
        onClose={refocus}
        onPick={(o) => {
          setActivity(o.value);
          refocus();
        }}
      />
    );
  }, [picker, model, focusRow, selected, refocus, setCall, setActivity]);

  const h = history ?? { undo: [], redo: [] };
  return {
    selection,
    setSelection,
    onCommand,
    picker: pickerNode,
    summary: { slots: selected.cells.length, callNights: selected.nights.length },
    canUndo: h.undo.length > 0,
    canRedo: h.redo.length > 0,
    undoLabel: h.undo[h.undo.length - 1]?.label ?? null,
    redoLabel: h.redo[h.redo.length - 1]?.label ?? null,
    lock,
    hasClipboard: clipboard !== null,
  };
}
