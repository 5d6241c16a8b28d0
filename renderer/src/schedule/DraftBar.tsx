// Above the grid, in one row: what the user is looking at (the published schedule, or a draft being
// edited, with its changes and findings) and the editing tools.
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlined';
import CloseIcon from '@mui/icons-material/Close';
import EditNoteOutlined from '@mui/icons-material/EditNoteOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlined';
import PublicOutlined from '@mui/icons-material/PublicOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import IconButton from '@mui/material/IconButton';
import Popover from '@mui/material/Popover';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { DraftChanges, DraftSummary } from '../../../core/api/contract';
import { api } from '../api';
import { FindingList } from '../draft/FindingList';
import { plural } from '../lib/words';
import { STATUS_LABELS } from '../draft/labels';
import { openDraft, useCheckWhenOpened, useDraftSession, validateNow } from '../draft/session';
import { useApiQuery } from '../lib/useApiQuery';
import { useRoute } from '../state/route';
import { EditingTools, type ToolSpec } from './EditingTools';
import type { GridModel } from '../grid/gridModel';
import type { GridEditor } from './useGridEditor';

const BACK_TO_PUBLISHED_HINT = 'Back to published: leave the draft as it is and show the published schedule';

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

function FindingsChip({ draft, model, compact }: { draft: DraftSummary; model: GridModel | null; compact: boolean }) {
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
  useCheckWhenOpened(draft.id, current ? !!v && !stale : null);
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
    // In a narrow row, what is to be done (acknowledge) or that nothing is; the whole on hover.
    const shortLabel = unresolved ? `${unresolved} to acknowledge` : label.split(' · ')[0];
    chip = (
      <Chip
        size="small"
        color={unresolved ? 'warning' : v.added.length ? 'info' : 'success'}
        icon={unresolved ? <WarningAmberOutlined /> : <CheckCircleOutline />}
        label={compact ? shortLabel : label}
        aria-label={label}
        title={label}
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
  // Below 1200 px (a 1280×720 screen at 125 % zoom: 1024 px) a draft's row is too narrow for every
  // part at its full width: the changes become one count, the findings chip says what is to be
  // done, and "Back to published" joins the tools menu (the picker's first entry does it too).
  const compact = useMediaQuery((t) => t.breakpoints.down('lg'), { noSsr: true });
  const editable = !draft || draft.status === 'open';
  // What the draft changes, naming only what it touches (a generated rotation plan has no slots).
  const changeParts: string[] = [];
  let changeCount = 0;
  if (comparison) {
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    const kinds: [number, string][] = [
      [total(comparison.counts.cells), 'changed slot'],
      [total(comparison.counts.calls), 'call night'],
      [total(comparison.counts.inpatientWeeks), 'inpatient week'],
      [total(comparison.counts.rotations), 'plan block'],
    ];
    for (const [n, noun] of kinds) if (n > 0) changeParts.push(plural(n, noun));
    changeCount = kinds.reduce((sum, [n]) => sum + n, 0);
    if (changeParts.length === 0) changeParts.push(plural(0, 'changed slot'));
  }
  const churnText = comparison ? ` · churn ${Math.round(comparison.churn.totalPct * 10) / 10}%` : '';
  const changesText = `${changeParts.join(' · ')}${churnText}`;
  // The same count the picker's list gives each draft; its parts and churn on hover.
  const changesShown = compact ? plural(changeCount, 'change') : changesText;

  // The picker beside the banner names the draft (its label says what is done with it); without one
  // (an account that edits but does not list drafts) the banner names it.
  const draftTitle = draft
    ? `${draft.status === 'open' ? 'Editing draft' : `${STATUS_LABELS[draft.status]} draft`} “${draft.name}”`
    : '';
  const publishedLine = viewOnly
    ? 'what everyone sees; the coordinator makes the changes'
    : 'read-only · editing a cell starts a new draft';
  const banner = draft ? (
    <Stack
      direction="row"
      spacing={1}
      role="group"
      aria-label={draftTitle}
      sx={{
        alignItems: 'center',
        px: 1,
        // No taller than the picker beside it (its button is): the grid starts where the published one does.
        py: 0.25,
        borderRadius: 1,
        border: '1px solid',
        borderColor: draft.status === 'open' ? '#f3c26b' : 'divider',
        bgcolor: (t) =>
          draft.status === 'open' ? t.alpha(t.vars.palette.warning.main, 0.1) : t.vars.palette.action.hover,
        minWidth: 0,
      }}
      data-testid="draft-banner"
      data-draft-id={draft.id}
      data-status={draft.status}
    >
      {!compact && (
        <EditNoteOutlined sx={{ color: draft.status === 'open' ? '#b7791f' : 'text.secondary', flexShrink: 0 }} />
      )}
      {!picker && (
        <Typography variant="body2" noWrap sx={{ fontWeight: 650, minWidth: 80, flexShrink: 1 }} title={draftTitle}>
          {draftTitle}
        </Typography>
      )}
      {draft.status !== 'open' && (
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', color: 'text.secondary', flexShrink: 0 }}>
          <ErrorOutline fontSize="small" />
          <Typography variant="body2">Can no longer be edited</Typography>
        </Stack>
      )}
      <Typography variant="body2" color="text.secondary" noWrap sx={{ minWidth: 0 }} title={changesText}>
        {changesShown}
      </Typography>
      {draft.status === 'open' && <FindingsChip draft={draft} model={model} compact={compact} />}
      <Button
        size="small"
        variant="contained"
        onClick={() => openView('drafts', { draft: String(draft.id) })}
        data-testid="open-compare"
        sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
      >
        {draft.status === 'open' ? 'Compare & publish' : 'Open in Drafts'}
      </Button>
      {!compact && (
        <Tooltip title={BACK_TO_PUBLISHED_HINT}>
          <IconButton
            size="small"
            aria-label="Back to published"
            onClick={() => openDraft(null)}
            data-testid="back-to-published"
            sx={{ flexShrink: 0 }}
          >
            <PublicOutlined fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
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
      // The line as shown (it shortens beside the tools), then what it means.
      title={
        viewOnly
          ? `Published schedule: ${publishedLine}. Your account can look and export.`
          : `Published schedule: ${publishedLine}. Nothing changes for others until the draft is published.`
      }
    >
      <PublicOutlined fontSize="small" sx={{ color: 'primary.main' }} />
      <Typography variant="body2" sx={{ fontWeight: 650, whiteSpace: 'nowrap' }}>
        Published schedule
      </Typography>
      <Typography variant="body2" color="text.secondary" noWrap>
        {publishedLine}
      </Typography>
    </Stack>
  );

  if (viewOnly)
    return (
      <Box sx={{ mb: 0.75, display: 'flex', alignItems: 'center', gap: 1.5 }} data-testid="draft-bar">
        {picker}
        <Box sx={{ flex: 1, minWidth: 0 }}>{banner}</Box>
      </Box>
    );
  // In the narrow row, "Back to published" is the last entry of the tools menu.
  const leave: ToolSpec[] =
    draft && compact
      ? [
          {
            label: 'Back to published',
            icon: <PublicOutlined fontSize="small" />,
            disabled: false,
            testId: 'back-to-published',
            run: () => openDraft(null),
          },
        ]
      : [];
  // One row, published or draft: the picker, the banner with its buttons, the tools. A second row
  // would cost the grid its twelfth person at 1280×720 and two at 125 % zoom (grid-fit); long
  // texts shorten instead.
  return (
    <Box sx={{ mb: 0.75, display: 'flex', alignItems: 'center', columnGap: 1 }} data-testid="draft-bar">
      {picker}
      <Box sx={{ flex: draft ? '0 1 auto' : '1 1 320px', minWidth: 0 }}>{banner}</Box>
      <EditingTools editor={editor} editable={editable} hint={!draft} compact={compact} more={leave} />
    </Box>
  );
}
