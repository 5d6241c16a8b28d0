// One draft compared with the published schedule: what it changes (slots, call nights, inpatient
// weeks, the rotation plan), churn per person and in total, the findings it adds or resolves, conflicts with later
// publications, the grid in diff mode; and the actions: edit, check, publish, discard, rename.
import ArrowBack from '@mui/icons-material/ArrowBack';
import EditOutlined from '@mui/icons-material/EditOutlined';
import PublishOutlined from '@mui/icons-material/PublishOutlined';
import RefreshOutlined from '@mui/icons-material/RefreshOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useMemo, useState, type ComponentType, type FormEvent } from 'react';
import type { DraftChanges, DraftSummary } from '../../../core/api/contract';
import type { Severity } from '../../../core/domain/types';
import { api, toApiError } from '../api';
import { useCan } from '../state/session';
import { ago, formatDate, formatInstant, formatShortDate } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { useNotify } from '../state/notify';
import { useAcademicYear, useProgram } from '../state/program';
import { useRoute } from '../state/route';
import { LoadError } from '../ui/LoadError';
import { Stat } from '../ui/Stat';
import { Page } from '../ui/Page';
import { PageSection as Section } from '../ui/PageSection';
import { ChurnPanel, VERDICT } from './ChurnPanel';
import { DiffGrid } from './DiffGrid';
import { pct, plural } from '../lib/words';
import { FindingList } from '../draft/FindingList';
import { categoryCount, SOURCE_LABELS, STATUS_LABELS } from '../draft/labels';
import { SEVERITY_LABELS, SEVERITY_ORDER } from '../lib/severity';
import { PublishDialog } from './PublishDialog';
import { RotationChanges } from '../draft/RotationChanges';
import { forgetDraft, useDraftSession, validateNow } from '../draft/session';
import { SeverityChip } from '../ui/SeverityChip';

function RenameDialog({ draft, onClose }: { draft: DraftSummary; onClose(): void }) {
  const [name, setName] = useState(draft.name);
  const [note, setNote] = useState(draft.note ?? '');
  const [error, setError] = useState<string | null>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError('A draft needs a name');
    try {
      await api()['drafts.update']({ draftId: draft.id, name: name.trim(), note: note.trim() || null });
      onClose();
    } catch (err) {
      setError(toApiError(err).message);
    }
  }
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth component="form" onSubmit={save}>
      <DialogTitle>Rename the draft</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            label="Name"
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={!!error}
            helperText={error}
          />
          <TextField
            label="Note"
            multiline
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            helperText="What the draft is for (optional)"
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained">
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function DiscardDialog({ draft, onClose, onDone }: { draft: DraftSummary; onClose(): void; onDone(): void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function discard(e: FormEvent) {
    e.preventDefault();
    try {
      await api()['drafts.discard']({ draftId: draft.id, reason: reason.trim() || null });
      forgetDraft(draft.id);
      useNotify.getState().notify(`Discarded “${draft.name}”. The published schedule is unchanged.`, 'success');
      onDone();
    } catch (err) {
      setError(toApiError(err).message);
    }
  }
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth component="form" onSubmit={discard}>
      <DialogTitle>Discard “{draft.name}”?</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 0.5 }}>
          <Typography variant="body2">
            Its changes will never be published. The draft stays in the list (as discarded) for the audit trail, but it
            can no longer be edited.
          </Typography>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField label="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Keep it</Button>
        <Button type="submit" color="error" variant="contained">
          Discard
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function ChangeLists({
  comparison,
  nameOf,
  callName,
}: {
  comparison: DraftChanges;
  nameOf(id: string): string;
  callName(code: string): string;
}) {
  const { calls, inpatientWeeks } = comparison.diff;
  const names = (list: { personId: string }[]) =>
    list.length ? list.map((p) => nameOf(p.personId)).join(', ') : 'nobody';
  if (!calls.length && !inpatientWeeks.length)
    return (
      <Typography variant="body2" color="text.secondary">
        No call night or inpatient week changes.
      </Typography>
    );
  return (
    <Table size="small" aria-label="Changed calls and inpatient weeks">
      <TableHead>
        <TableRow>
          <TableCell>What</TableCell>
          <TableCell>When</TableCell>
          <TableCell>Published</TableCell>
          <TableCell>In the draft</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {calls.map((c) => (
          <TableRow key={`c${c.date}${c.callTypeCode}`} data-testid="changed-call">
            <TableCell>{callName(c.callTypeCode)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(c.date)}</TableCell>
            <TableCell sx={{ color: 'text.secondary' }}>{names(c.before)}</TableCell>
            <TableCell sx={{ fontWeight: 600 }}>{names(c.after)}</TableCell>
          </TableRow>
        ))}
        {inpatientWeeks.map((w) => (
          <TableRow key={`w${w.start}`} data-testid="changed-week">
            <TableCell>Inpatient week</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>from {formatDate(w.start)}</TableCell>
            <TableCell sx={{ color: 'text.secondary' }}>{names(w.before)}</TableCell>
            <TableCell sx={{ fontWeight: 600 }}>{names(w.after)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** What the review panel (the review feature's, handed in by the app layer) is given. */
export interface ReviewPanelProps {
  draft: DraftSummary;
  exportFolder: string | null;
  nameOf(id: string): string;
}

export function DraftDetail({
  draftId,
  ReviewPanel,
}: {
  draftId: number;
  ReviewPanel: ComponentType<ReviewPanelProps>;
}) {
  const setQuery = useRoute((s) => s.setQuery);
  const openView = useRoute((s) => s.open);
  const settings = useProgram((s) => s.info?.settings ?? null);
  const year = useAcademicYear()!;
  const mayPublish = useCan('drafts.publish');
  const draftQ = useApiQuery(`draft:${draftId}`, () => api()['drafts.get']({ draftId }));
  // The changes and the last rules check apart: a check re-reads only the check.
  const cmpQ = useApiQuery(`draft-cmp:${draftId}`, () => api()['drafts.changes']({ draftId }));
  const checkQ = useApiQuery(`draft-check:${draftId}`, () => api()['drafts.validation']({ draftId }));
  const people = useApiQuery(`people:${year}`, () => api()['people.list']({ academicYear: year }));
  const grid = useApiQuery('call-types', () =>
    api()['schedule.grid']({ start: `${year}-07-01`, end: `${year}-07-01` }),
  );
  const rotationsQ = useApiQuery('rotations', () => api()['rotations.list']({}));
  const paths = useApiQuery('system:paths', () => api()['system.paths']({}));
  const rotationById = useMemo(() => new Map((rotationsQ.data ?? []).map((r) => [r.id, r])), [rotationsQ.data]);
  const validating = useDraftSession((s) => !!s.validating[draftId]);
  const [dialog, setDialog] = useState<'publish' | 'rename' | 'discard' | null>(null);

  const draft = draftQ.data?.id === draftId ? draftQ.data : null;
  const cmp = cmpQ.data?.draftId === draftId ? cmpQ.data : null;
  const check = checkQ.data?.draftId === draftId ? checkQ.data : null;
  const byId = useMemo(() => new Map((people.data ?? []).map((p) => [p.id, p.name])), [people.data]);
  const nameOf = (id: string) => byId.get(id) ?? id;
  const callNames = useMemo(() => new Map((grid.data?.callTypes ?? []).map((c) => [c.code, c.name])), [grid.data]);
  const back = () => setQuery({ draft: null });

  const error = draftQ.error ?? cmpQ.error ?? checkQ.error;
  if (error && !draft)
    return (
      <Page
        title="Draft"
        actions={
          <Button startIcon={<ArrowBack />} onClick={back}>
            All drafts
          </Button>
        }
      >
        <LoadError
          what={`draft ${draftId}`}
          error={error}
          onRetry={() => {
            draftQ.reload();
            cmpQ.reload();
            checkQ.reload();
          }}
        />
      </Page>
    );
  if (!draft || !cmp || !check)
    return (
      <Page title="Draft">
        <LinearProgress />
      </Page>
    );

  const v = check.validation;
  const stale = check.staleReason;
  const open = draft.status === 'open';
  const counts = cmp.counts;
  const callNights = counts.calls.added + counts.calls.changed + counts.calls.removed;
  const inpatientWeeks = counts.inpatientWeeks.added + counts.inpatientWeeks.changed + counts.inpatientWeeks.removed;
  const severityCounts = Object.fromEntries(
    SEVERITY_ORDER.map((s) => [s, v?.added.filter((f) => f.severity === s).length ?? 0]),
  ) as Record<Severity, number>;
  const flagsByCategory = v
    ? (Object.keys(v.byCategory) as (keyof typeof v.byCategory)[]).filter((c) => v.byCategory[c] > 0)
    : [];

  return (
    <Page
      title={draft.name}
      subtitle={
        <span>
          {SOURCE_LABELS[draft.source]} · created by {draft.createdBy}{' '}
          <Tooltip title={formatInstant(draft.createdAt)}>
            <span>{ago(draft.createdAt)}</span>
          </Tooltip>{' '}
          · last change {ago(draft.updatedAt)}
          {draft.note ? ` · ${draft.note}` : ''}
        </span>
      }
      actions={
        <>
          <Button startIcon={<ArrowBack />} onClick={back}>
            All drafts
          </Button>
          <Chip
            label={STATUS_LABELS[draft.status]}
            color={open ? 'warning' : draft.status === 'published' ? 'success' : 'default'}
            data-testid="draft-status"
          />
          {open && (
            <Tooltip title="Rename">
              <IconButton onClick={() => setDialog('rename')} aria-label="Rename the draft">
                <EditOutlined />
              </IconButton>
            </Tooltip>
          )}
          {open && <Button onClick={() => openView('schedule', { draft: String(draft.id) })}>Edit in grid</Button>}
          {open && (
            <Button color="error" onClick={() => setDialog('discard')}>
              Discard
            </Button>
          )}
          {open && mayPublish && (
            <Button
              variant="contained"
              startIcon={<PublishOutlined />}
              onClick={() => setDialog('publish')}
              data-testid="publish"
            >
              Publish…
            </Button>
          )}
        </>
      }
    >
      {cmpQ.error && <LoadError what="the comparison" error={cmpQ.error} onRetry={cmpQ.reload} />}
      {checkQ.error && <LoadError what="the rules check" error={checkQ.error} onRetry={checkQ.reload} />}
      <Stack direction="row" spacing={2} sx={{ mb: 2, flexWrap: 'wrap', rowGap: 2 }}>
        <Stat
          label="Slots"
          value={counts.cells.added + counts.cells.changed + counts.cells.removed + counts.cells.relocked}
          detail={
            `${counts.cells.changed} changed · ${counts.cells.added} added · ${counts.cells.removed} cleared ` +
            `· ${counts.cells.relocked} lock only`
          }
          testId="stat-slots"
        />
        <Stat
          label="Calls & weeks"
          value={callNights + inpatientWeeks}
          detail={`${plural(callNights, 'call night')} · ${plural(inpatientWeeks, 'inpatient week')}`}
        />
        <Stat
          label="Churn"
          value={<span data-testid="stat-churn">{pct(cmp.churn.totalPct)}</span>}
          detail={
            <span>
              {plural(cmp.churn.peopleAffected, 'person', 'people')} affected ·{' '}
              {cmp.churn.changedRotations > 0 && (
                <span data-testid="stat-plan-churn">{plural(cmp.churn.changedRotations, 'plan block')} changed · </span>
              )}
              <Box component="span" sx={{ color: `${VERDICT[cmp.churn.verdict].color}.main`, fontWeight: 600 }}>
                {VERDICT[cmp.churn.verdict].label.toLowerCase()}
              </Box>
            </span>
          }
        />
        <Stat
          label="Findings added"
          value={v ? v.added.length : '—'}
          detail={
            v
              ? SEVERITY_ORDER.filter((s) => severityCounts[s] > 0)
                  .map((s) => `${severityCounts[s]} ${SEVERITY_LABELS[s].toLowerCase()}`)
                  .join(' · ') || `${plural(v.removed.length, 'finding')} resolved`
              : 'not checked yet'
          }
          testId="stat-findings"
        />
        <Stat
          label="Lock date"
          value={cmp.lockedChanges}
          detail={
            cmp.lockDate
              ? `changes on or before ${formatShortDate(cmp.lockDate)} (need break-glass)`
              : 'no lock date set'
          }
        />
      </Stack>

      {draft.incomplete.length > 0 && (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="draft-incomplete">
          {draft.incomplete.map((m) => (
            <div key={`${m.start}:${m.what}`}>
              This draft is missing {m.what} ({formatShortDate(m.start)} – {formatShortDate(m.end)}): {m.why}.
            </div>
          ))}
          Publishing is blocked until the flag is acknowledged below, or generate again.
        </Alert>
      )}

      {cmp.conflicts.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="draft-conflicts">
          {plural(cmp.conflicts.length, 'slot')} this draft changes {cmp.conflicts.length === 1 ? 'was' : 'were'} also
          changed by a later publication (for example {nameOf(cmp.conflicts[0].personId)}{' '}
          {cmp.conflicts[0].plan
            ? `in the rotation plan, block ${cmp.conflicts[0].plan.blockNumber}`
            : `on ${formatDate(cmp.conflicts[0].date)}`}
          {cmp.conflicts[0].half ? ` ${cmp.conflicts[0].half}` : ''}). Publishing overwrites those values with the
          draft’s.
        </Alert>
      )}

      <ReviewPanel draft={draft} exportFolder={paths.data?.exportFolder ?? null} nameOf={nameOf} />

      <Section
        title="Findings compared with the published schedule"
        testId="findings-section"
        action={
          open && (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              {flagsByCategory.map((c) => (
                <Chip key={c} size="small" variant="outlined" label={categoryCount(c, v!.byCategory[c])} />
              ))}
              <Button
                size="small"
                startIcon={validating ? <CircularProgress size={14} /> : <RefreshOutlined />}
                onClick={() => void validateNow(draftId)}
                disabled={validating}
              >
                Check again
              </Button>
            </Stack>
          )
        }
      >
        {v ? (
          <>
            {stale && open && (
              <Alert severity="info" variant="outlined" sx={{ mb: 1.5 }} data-testid="findings-stale">
                {validating
                  ? 'Checking the draft against the rules…'
                  : `These findings are from the last check (${formatInstant(v.validatedAt)}); ${stale}. Check ` +
                    `again to bring them up to date — publishing checks anyway.`}
              </Alert>
            )}
            <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
              {SEVERITY_ORDER.filter((s) => severityCounts[s] > 0).map((s) => (
                <Stack key={s} direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
                  <SeverityChip severity={s} />
                  <Typography variant="body2">{severityCounts[s]}</Typography>
                </Stack>
              ))}
            </Stack>
            <FindingList draftId={draftId} validation={v} nameOf={nameOf} readOnly={!open} />
          </>
        ) : (
          <Typography variant="body2" color="text.secondary">
            Not checked yet. {open ? 'Press “Check again” — publishing checks it anyway.' : ''}
          </Typography>
        )}
      </Section>

      <Section title="Changes in the grid" testId="diff-section">
        {counts.cells.added +
          counts.cells.changed +
          counts.cells.removed +
          counts.cells.relocked +
          cmp.diff.calls.length +
          cmp.diff.inpatientWeeks.length >
        0 ? (
          <DiffGrid draftId={draftId} diff={cmp.diff} nameOf={nameOf} />
        ) : (
          <Typography variant="body2" color="text.secondary">
            {cmp.diff.rotations.length > 0
              ? 'No slot or call changes: this draft changes the rotation plan only.'
              : 'This draft changes nothing in the published schedule.'}
          </Typography>
        )}
      </Section>

      {cmp.diff.rotations.length > 0 && (
        <Section
          title="Rotation plan"
          testId="rotation-plan-section"
          action={
            <Typography variant="body2" color="text.secondary">
              {plural(cmp.diff.rotations.length, 'block')} ·{' '}
              {plural(new Set(cmp.diff.rotations.map((r) => r.personId)).size, 'resident')}
            </Typography>
          }
        >
          <Box sx={{ maxHeight: 420, overflow: 'auto' }}>
            <RotationChanges changes={cmp.diff.rotations} rotations={rotationById} nameOf={nameOf} />
          </Box>
        </Section>
      )}

      <Section title="Churn" testId="churn-section">
        {settings && <ChurnPanel churn={cmp.churn} limits={settings.churn} nameOf={nameOf} />}
      </Section>

      <Section title="Call nights and inpatient weeks" testId="calls-section">
        <ChangeLists comparison={cmp} nameOf={nameOf} callName={(c) => callNames.get(c) ?? c} />
      </Section>

      {dialog === 'publish' && (
        <PublishDialog
          draft={draft}
          lockDate={cmp.lockDate}
          onClose={() => setDialog(null)}
          onPublished={() => {
            setDialog(null);
            setQuery({ draft: null, tab: 'published' });
          }}
        />
      )}
      {dialog === 'rename' && <RenameDialog draft={draft} onClose={() => setDialog(null)} />}
      {dialog === 'discard' && (
        <DiscardDialog
          draft={draft}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            back();
          }}
        />
      )}
    </Page>
  );
}
