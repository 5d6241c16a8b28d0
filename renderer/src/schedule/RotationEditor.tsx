// Changing the annual rotation plan from the block grid: a right-click on a resident's rotation
// band (or Shift+F10 / the menu key on one of their cells) offers "Change rotation…"; the dialog picks the part of the
// block (whole, or a half where
// the block has halves) and the rotation, and the change goes into the draft (drafts.setRotation)
// as one undoable edit on the grid's undo/redo stacks.
import ListItemText from '@mui/material/ListItemText';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Block, BlockPart } from '../../../core/domain/types';
import { api } from '../api';
import { RotationChip } from '../draft/RotationChanges';
import { runEdit } from '../draft/session';
import { formatRange } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { useNotify } from '../state/notify';
import type { GridModel } from '../grid/gridModel';
import { partSpan } from '../grid/gridModel';

/** The plan entry a band stands for. */
export interface BandTarget {
  personId: string;
  academicYear: number;
  blockNumber: number;
  part: BlockPart;
  rotationId: string;
}

const NOTHING = '';
const PART_LABELS: Record<BlockPart, string> = { full: 'Whole block', first: 'First half', second: 'Second half' };

/** The band under a right-click, read from its data attributes. */
export function bandTarget(el: HTMLElement | null): BandTarget | null {
  const band = el?.closest?.<HTMLElement>('[data-testid="block-grid"] .bg-band');
  const d = band?.dataset;
  if (!d?.personId || !d.rotationId || d.block === undefined || !d.academicYear || !d.part) return null;
  return {
    personId: d.personId,
    academicYear: Number(d.academicYear),
    blockNumber: Number(d.block),
    part: d.part as BlockPart,
    rotationId: d.rotationId,
  };
}

/** The plan entry over a person's cell on a date (residents with a rotation there), or null. */
export function bandAtCell(model: GridModel, personId: string, date: string): BandTarget | null {
  const day = model.days.find((d) => d.date === date);
  const row = model.rows.find((r) => r.kind === 'person' && r.person.id === personId);
  if (!day || !row || row.kind !== 'person') return null;
  const span = row.rotations.find((r) => r.from <= day.index && day.index <= r.to);
  return span
    ? {
        personId,
        academicYear: span.academicYear,
        blockNumber: span.blockNumber,
        part: span.part,
        rotationId: span.rotationId,
      }
    : null;
}

function RotationDialog({
  target,
  model,
  blocks,
  onClose,
}: {
  target: BandTarget;
  model: GridModel;
  blocks: readonly Block[];
  onClose(): void;
}) {
  const rotations = useApiQuery('rotations', () => api()['rotations.list']({}));
  const block = blocks.find((b) => b.academicYear === target.academicYear && b.number === target.blockNumber);
  const hasHalves = !!block && block.secondHalfStart > block.start;
  const [part, setPart] = useState<BlockPart>(target.part);
  const [rotationId, setRotationId] = useState<string>(target.rotationId);
  const [busy, setBusy] = useState(false);
  // Half-block rotations fit a half; whole-block rotations take the whole block.
  const choices = useMemo(
    () => (rotations.data ?? []).filter((r) => (part === 'full' ? true : r.halfBlock)),
    [rotations.data, part],
  );
  useEffect(() => {
    if (rotationId !== NOTHING && rotations.data && !choices.some((r) => r.id === rotationId)) setRotationId(NOTHING);
  }, [choices, rotationId, rotations.data]);

  const person = model.people.get(target.personId);
  const name = person?.name ?? target.personId;
  const span = block ? partSpan(block, part) : null;

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const chosen = choices.find((r) => r.id === rotationId);
    const where = `block ${target.blockNumber}${part === 'full' ? '' : ` (${PART_LABELS[part].toLowerCase()})`}`;
    const label = chosen ? `Put ${name} on ${chosen.code} in ${where}` : `Clear ${name}'s rotation in ${where}`;
    const done = await runEdit(label, (draftId) =>
      api()['drafts.setRotation']({
        draftId,
        personId: target.personId,
        academicYear: target.academicYear,
        blockNumber: target.blockNumber,
        part,
        rotationId: rotationId || null,
      }),
    );
    setBusy(false);
    if (done) onClose();
  }

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="xs"
      fullWidth
      component="form"
      onSubmit={save}
      aria-labelledby="rotation-dialog-title"
      data-testid="rotation-dialog"
    >
      <DialogTitle id="rotation-dialog-title">Change rotation</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 0.5 }}>
          <Typography variant="body2">
            {name}, block {target.blockNumber}
            {span ? ` · ${formatRange(span.start, span.end)}` : ''}. The change goes into the draft; publishing makes it
            the plan.
          </Typography>
          {hasHalves && (
            <TextField
              select
              label="Part of the block"
              value={part}
              onChange={(e) => setPart(e.target.value as BlockPart)}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'rotation-part' } as object } }}
            >
              {(['full', 'first', 'second'] as const).map((p) => (
                <MenuItem key={p} value={p}>
                  {PART_LABELS[p]}
                </MenuItem>
              ))}
            </TextField>
          )}
          <TextField
            select
            label="Rotation"
            value={rotationId}
            onChange={(e) => setRotationId(e.target.value)}
            disabled={!rotations.data}
            helperText={part === 'full' ? undefined : 'Only half-block rotations fit a half'}
            slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'rotation-select' } as object } }}
          >
            <MenuItem value={NOTHING}>
              <em>Nothing planned</em>
            </MenuItem>
            {choices.map((r) => (
              <MenuItem key={r.id} value={r.id} data-testid={`rotation-option-${r.code}`}>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <RotationChip rotation={r} />
                  <span>{r.name}</span>
                </Stack>
              </MenuItem>
            ))}
          </TextField>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={busy || !rotations.data} data-testid="rotation-save">
          Change
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The right-click menu on rotation bands and its dialog; `readOnly` says why the draft cannot change. */
export function RotationEditor({
  model,
  blocks,
  readOnly,
}: {
  model: GridModel | null;
  blocks: readonly Block[];
  readOnly: string | null;
}) {
  const [menu, setMenu] = useState<{ x: number; y: number; target: BandTarget } | null>(null);
  const [editing, setEditing] = useState<BandTarget | null>(null);
  const notify = useNotify((s) => s.notify);

  useEffect(() => {
    const onContextMenu = (e: MouseEvent) => {
      const target = bandTarget(e.target as HTMLElement | null);
      if (!target) return;
      // The band's own menu (the explain menu and the browser's stay away).
      e.preventDefault();
      setMenu({ x: e.clientX, y: e.clientY, target });
    };
    // From the keyboard: Shift+F10 or the menu key on a resident's cell opens the same menu for
    // the rotation band above the active cell.
    const onKeyDown = (e: KeyboardEvent) => {
      if (!model || !(e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey))) return;
      const cell = (e.target as HTMLElement | null)
        ?.closest?.('[data-testid="block-grid"]')
        ?.querySelector<HTMLElement>('[role="gridcell"][data-active="true"][data-person-id]');
      const target = cell ? bandAtCell(model, cell.dataset.personId!, cell.dataset.date!) : null;
      if (!cell || !target) return;
      e.preventDefault();
      const box = cell.getBoundingClientRect();
      setMenu({ x: box.left, y: box.bottom, target });
    };
    document.addEventListener('contextmenu', onContextMenu);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('contextmenu', onContextMenu);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [model]);

  return (
    <>
      <Menu
        open={menu !== null}
        onClose={() => setMenu(null)}
        anchorReference="anchorPosition"
        anchorPosition={menu ? { top: menu.y, left: menu.x } : undefined}
      >
        <MenuItem
          data-testid="change-rotation"
          onClick={() => {
            if (menu) {
              if (readOnly) notify(readOnly, 'warning');
              else setEditing(menu.target);
            }
            setMenu(null);
          }}
        >
          <ListItemText primary="Change rotation…" secondary="In the draft; undo with Ctrl+Z" />
        </MenuItem>
      </Menu>
      {editing && model && (
        <RotationDialog target={editing} model={model} blocks={blocks} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
