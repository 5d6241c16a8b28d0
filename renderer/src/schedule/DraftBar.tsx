// Above the grid: what the user is looking at (the published schedule, or a draft being edited,
// with its changes and findings) and the editing tools (undo/redo, set, clear, lock, copy, paste).
import { alpha } from '@mui/material/styles';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlined';
import CloseIcon from '@mui/icons-material/Close';
import ContentCopy from '@mui/icons-material/ContentCopy';
import ContentPaste from '@mui/icons-material/ContentPaste';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import EditNoteOutlined from '@mui/icons-material/EditNoteOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlined';
import LockOpenOutlined from '@mui/icons-material/LockOpenOutlined';
import LockOutlined from '@mui/icons-material/LockOutlined';
import PublicOutlined from '@mui/icons-material/PublicOutlined';
import Redo from '@mui/icons-material/Redo';
import Undo from '@mui/icons-material/Undo';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import Popover from '@mui/material/Popover';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { DraftChanges, DraftSummary } from '../../../core/api/contract';
import { api } from '../api';
import { FindingList } from '../drafts/FindingList';
import { plural, STATUS_LABELS } from '../drafts/labels';
import { openDraft, useDraftSession, validateNow } from '../drafts/session';
import { useApiQuery } from '../lib/useApiQuery';
import { useRoute } from '../state/route';
import type { GridModel } from './gridModel';
import type { GridEditor } from './useGridEditor';

interface DraftBarProps {
  draft: DraftSummary | null;
  comparison: DraftChanges | null;
  model: GridModel | null;
  editor: GridEditor;
  /** The account may not edit (residents, faculty): no editing tools. */
  viewOnly?: boolean;
  /** Where the grid's content comes from (the published schedule or a draft): shown first. */
  picker?: ReactNode;
}

/** Give the keyboard back to the grid after a toolbar click, so Ctrl+Z and the arrows keep working. */
function refocusGrid() {
  document.querySelector<HTMLElement>('[data-testid="block-grid"]')?.focus({ preventScroll: true });
}

function Tool({
  title,
  onClick,
  disabled,
  children,
  testId,
}: {
  title: string;
  onClick(): void;
  disabled?: boolean;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Tooltip title={title}>
      <span>
        <IconButton
          size="small"
          aria-label={title}
          onClick={() => {
            onClick();
            refocusGrid();
          }}
          disabled={disabled}
          data-testid={testId}
        >
          {children}
        </IconButton>
      </span>
    </Tooltip>
  );
}

function FindingsChip({ draft, model }: { draft: DraftSummary; model: GridModel | null }) {
  const [open, setOpen] = useState(false);
  // The popover anchors on a wrapper that outlives the chip: acknowledging a finding re-checks the
  // draft, which swaps the chip for "Checking the rules…" while the popover stays open.
  const anchorRef = useRef<HTMLSpanElement>(null);
  // Escape closes the findings even when the keyboard focus was lost (the finding acknowledged
  // from here is re-rendered under it). The popover's own Escape, and a dialog's above it, stop
  // the event before it gets here.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  const validating = useDraftSession((s) => !!s.validating[draft.id]);
  const pending = useDraftSession((s) => s.pending > 0);
  // The last check, re-read after a check and after an edit (which makes it stale), never with the grid's changes.
  const check = useApiQuery(`draft-check:${draft.id}`, () => api()['drafts.validation']({ draftId: draft.id }));
  const current = check.data?.draftId === draft.id ? check.data : null;
  const v = current?.validation ?? null;
  const stale = current?.staleReason ?? null;
  let chip: ReactNode;
  if (validating || pending)
    chip = (
      <Chip
        size="small"
        variant="outlined"
        icon={<CircularProgress size={12} />}
        label="Checking the rules…"
        data-testid="draft-findings-chip"
        data-state="checking"
      />
    );
  else if (!v || stale)
    chip = (
      <Chip
        size="small"
        variant="outlined"
        label={v ? 'Not checked since the last change' : 'Not checked yet'}
        onClick={() => void validateNow(draft.id)}
        data-testid="draft-findings-chip"
        data-state="stale"
      />
    );
  else {
    const unresolved = v.unresolved;
    const label =
      v.added.length === 0
        ? `No new findings${v.removed.length ? ` · ${v.removed.length} resolved` : ''}`
        : `${plural(v.added.length, 'new finding')}${unresolved ? ` · ${unresolved} to acknowledge` : ''}`;
    chip = (
      <Chip
        size="small"
        color={unresolved ? 'warning' : v.added.length ? 'info' : 'success'}
        icon={unresolved ? <WarningAmberOutlined /> : <CheckCircleOutline />}
        label={label}
        onClick={() => setOpen(true)}
        data-testid="draft-findings-chip"
        data-state="checked"
        data-added={v.added.length}
        data-unresolved={unresolved}
      />
    );
  }
  return (
    <>
      <span ref={anchorRef}>{chip}</span>
      {v && (
        <Popover
          open={open}
          anchorEl={anchorRef.current}
          onClose={() => setOpen(false)}
          anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
          slotProps={{ paper: { sx: { width: 560, maxHeight: 480, p: 2 } } }}
          data-testid="draft-findings-popover"
        >
          <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="subtitle2" sx={{ flex: 1 }}>
              Findings this draft adds compared with the published schedule
            </Typography>
            <IconButton size="small" aria-label="Close findings" onClick={() => setOpen(false)}>
              <CloseIcon fontSize="small" />
            </IconButton>
          </Stack>
          <FindingList draftId={draft.id} validation={v} nameOf={(id) => model?.people.get(id)?.name ?? id} dense />
        </Popover>
      )}
    </>
  );
}

export function DraftBar({ draft, comparison, model, editor, viewOnly = false, picker = null }: DraftBarProps) {
  const openView = useRoute((s) => s.open);
  const pending = useDraftSession((s) => s.pending > 0);
  const { summary } = editor;
  const editable = !draft || draft.status === 'open';
  // What the draft changes, naming only what it touches (a generated rotation plan has no slots).
  const changeParts: string[] = [];
  if (comparison) {
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    const kinds: [number, string][] = [
      [total(comparison.counts.cells), 'changed slot'],
      [total(comparison.counts.calls), 'call night'],
      [total(comparison.counts.inpatientWeeks), 'inpatient week'],
      [total(comparison.counts.rotations), 'plan block'],
    ];
    for (const [n, noun] of kinds) if (n > 0) changeParts.push(plural(n, noun));
    if (changeParts.length === 0) changeParts.push(plural(0, 'changed slot'));
  }

  const banner = draft ? (
    <Stack
      direction="row"
      spacing={1.5}
      sx={{
        alignItems: 'center',
        px: 1.25,
        py: 0.5,
        borderRadius: 1,
        border: '1px solid',
        borderColor: draft.status === 'open' ? '#f3c26b' : 'divider',
        bgcolor: (t) => (draft.status === 'open' ? alpha(t.palette.warning.main, 0.1) : t.palette.action.hover),
        minWidth: 0,
      }}
      data-testid="draft-banner"
      data-draft-id={draft.id}
      data-status={draft.status}
    >
      <EditNoteOutlined sx={{ color: draft.status === 'open' ? '#b7791f' : 'text.secondary', flexShrink: 0 }} />
      <Typography variant="body2" noWrap sx={{ fontWeight: 650, minWidth: 80, flexShrink: 1 }} title={draft.name}>
        {draft.status === 'open' ? 'Editing draft' : `${STATUS_LABELS[draft.status]} draft`} “{draft.name}”
      </Typography>
      <Typography variant="body2" color="text.secondary" noWrap sx={{ flexShrink: 0 }}>
        {changeParts.join(' · ')}
        {comparison ? ` · churn ${Math.round(comparison.churn.totalPct * 10) / 10}%` : ''}
      </Typography>
      {draft.status === 'open' && <FindingsChip draft={draft} model={model} />}
      <Box sx={{ flex: 1 }} />
      <Button
        size="small"
        variant="contained"
        onClick={() => openView('drafts', { draft: String(draft.id) })}
        data-testid="open-compare"
        sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
      >
        {draft.status === 'open' ? 'Compare & publish' : 'Open in Drafts'}
      </Button>
      <Button
        size="small"
        startIcon={<PublicOutlined />}
        onClick={() => openDraft(null)}
        data-testid="back-to-published"
        sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
      >
        Back to published
      </Button>
    </Stack>
  ) : (
    <Stack
      direction="row"
      spacing={1}
      sx={{
        alignItems: 'center',
        px: 1.25,
        py: 0.5,
        borderRadius: 1,
        border: '1px solid',
        borderColor: 'divider',
        bgcolor: 'background.paper',
        minWidth: 0,
      }}
      data-testid="published-banner"
      title={
        viewOnly
          ? 'What everyone sees. Your account can look and export; the coordinator makes the changes.'
          : 'Read-only: what everyone sees. Editing a cell starts a new draft; nothing changes for others until it is published.'
      }
    >
      <PublicOutlined fontSize="small" sx={{ color: 'primary.main' }} />
      <Typography variant="body2" sx={{ fontWeight: 650, whiteSpace: 'nowrap' }}>
        Published schedule
      </Typography>
      <Typography variant="body2" color="text.secondary" noWrap>
        {viewOnly
          ? 'what everyone sees; the coordinator makes the changes'
          : 'read-only · editing a cell starts a new draft'}
      </Typography>
    </Stack>
  );

  const selectedText = [
    summary.slots ? plural(summary.slots, 'slot') : '',
    summary.callNights ? plural(summary.callNights, 'call night') : '',
  ]
    .filter(Boolean)
    .join(' · ');
  if (viewOnly)
    return (
      <Box sx={{ mb: 0.75, display: 'flex', alignItems: 'center', gap: 1.5 }}>
        {picker}
        <Box sx={{ flex: 1, minWidth: 0 }}>{banner}</Box>
      </Box>
    );
  // The published banner and the tools share a row (a 1280-pixel window has room), so the grid keeps
  // the height. A draft's banner (its name, changes, findings and buttons) needs the row: the tools
  // go below it, so they never cover its buttons.
  return (
    <Box sx={{ mb: 0.75, display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 1.5, rowGap: 0.5 }}>
      {picker}
      <Box sx={{ flex: '1 1 320px', minWidth: 0 }}>{banner}</Box>
      <Stack
        direction="row"
        spacing={0.25}
        sx={{ alignItems: 'center', minHeight: 34, flex: draft ? '1 1 100%' : '1 1 auto', minWidth: 0 }}
        role="toolbar"
        aria-label="Editing tools"
      >
        <Tool
          title={editor.undoLabel ? `Undo: ${editor.undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)'}
          onClick={() => editor.onCommand({ type: 'undo' })}
          disabled={!editor.canUndo || !editable}
          testId="undo"
        >
          <Undo fontSize="small" />
        </Tool>
        <Tool
          title={editor.redoLabel ? `Redo: ${editor.redoLabel} (Ctrl+Y)` : 'Redo (Ctrl+Y)'}
          onClick={() => editor.onCommand({ type: 'redo' })}
          disabled={!editor.canRedo || !editable}
          testId="redo"
        >
          <Redo fontSize="small" />
        </Tool>
        <Divider orientation="vertical" flexItem sx={{ mx: 0.75 }} />
        <Button
          size="small"
          onClick={() => editor.onCommand({ type: 'pick' })}
          disabled={!editor.selection || !editable}
        >
          {summary.callNights && !summary.slots ? 'Assign call…' : 'Set activity…'}
        </Button>
        <Tool
          title="Clear the selected slots and call nights (Delete)"
          onClick={() => editor.onCommand({ type: 'clear' })}
          disabled={!editor.selection || !editable}
        >
          <DeleteOutline fontSize="small" />
        </Tool>
        <Tool
          title="Lock: generation never changes these slots"
          onClick={() => editor.lock(true)}
          disabled={!summary.slots || !editable}
          testId="lock"
        >
          <LockOutlined fontSize="small" />
        </Tool>
        <Tool
          title="Unlock: generation may change these slots again"
          onClick={() => editor.lock(false)}
          disabled={!summary.slots || !editable}
          testId="unlock"
        >
          <LockOpenOutlined fontSize="small" />
        </Tool>
        <Divider orientation="vertical" flexItem sx={{ mx: 0.75 }} />
        <Tool title="Copy (Ctrl+C)" onClick={() => editor.onCommand({ type: 'copy' })} disabled={!summary.slots}>
          <ContentCopy fontSize="small" />
        </Tool>
        <Tool
          title="Paste at the selection (Ctrl+V)"
          onClick={() => editor.onCommand({ type: 'paste' })}
          disabled={!editor.hasClipboard || !editor.selection || !editable}
        >
          <ContentPaste fontSize="small" />
        </Tool>
        {pending && <CircularProgress size={14} sx={{ ml: 1 }} aria-label="Saving" />}
        <Box sx={{ flex: 1 }} />
        {!editable && (
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', color: 'text.secondary', mr: 1 }}>
            <ErrorOutline fontSize="small" />
            <Typography variant="caption">This draft can no longer be edited.</Typography>
          </Stack>
        )}
        <Typography
          variant="caption"
          color="text.secondary"
          data-testid="selection-summary"
          noWrap
          title="Click a cell, drag or use the arrow keys to select; type a code and press Enter to set it."
        >
          {selectedText ? `${selectedText} selected` : 'Select cells to edit them'}
        </Typography>
      </Stack>
    </Box>
  );
}
