// Publish a draft: every gate with its verdict (findings, churn guard, rules re-check, lock date),
// the confirmations the user can give (accept churn warnings; break-glass, which only the signed-in
// program director can give, with a reason), then one atomic publish. Refusals are shown in plain
// words, all at once.
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlined';
import GppMaybeOutlined from '@mui/icons-material/GppMaybeOutlined';
import InfoOutlined from '@mui/icons-material/InfoOutlined';
import PublishOutlined from '@mui/icons-material/PublishOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type ReactNode } from 'react';
import type { ApiErrorData, ChurnReport, DraftSummary, PublishCheck } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { formatInstant, formatShortDate } from '../lib/dates';
import { useNotify } from '../state/notify';
import { useSession } from '../state/session';
import { pct, plural } from '../lib/words';
import { forgetDraft } from '../draft/session';

type GateState = 'ok' | 'confirm' | 'blocked' | 'info';

const ICONS: Record<GateState, ReactNode> = {
  ok: <CheckCircleOutline color="success" />,
  confirm: <WarningAmberOutlined color="warning" />,
  blocked: <ErrorOutline color="error" />,
  info: <InfoOutlined color="info" />,
};

function Gate({
  state,
  title,
  children,
  testId,
}: {
  state: GateState;
  title: string;
  children?: ReactNode;
  testId: string;
}) {
  return (
    <Stack
      direction="row"
      spacing={1.5}
      sx={{ py: 1.25, borderBottom: '1px solid', borderColor: 'divider' }}
      data-testid={testId}
      data-state={state}
    >
      <Box sx={{ pt: 0.25 }}>{ICONS[state]}</Box>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 650 }}>
          {title}
        </Typography>
        {children}
      </Box>
    </Stack>
  );
}

interface Props {
  draft: DraftSummary;
  lockDate: string | null;
  onClose(): void;
  onPublished(): void;
}

/** "412 slots, 17 call nights and 1 inpatient week": every kind of change a publication made. */
export function publishedChanges(c: {
  cells: number;
  calls: number;
  inpatientWeeks: number;
  rotations: number;
}): string {
  const parts = [
    c.cells ? plural(c.cells, 'slot') : '',
    c.calls ? plural(c.calls, 'call night') : '',
    c.inpatientWeeks ? plural(c.inpatientWeeks, 'inpatient week') : '',
    c.rotations ? plural(c.rotations, 'plan block') : '',
  ].filter(Boolean);
  if (parts.length === 0) return 'nothing';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function PublishDialog({ draft, lockDate, onClose, onPublished }: Props) {
  const [check, setCheck] = useState<PublishCheck | null>(null);
  const [checkError, setCheckError] = useState<ApiErrorData | null>(null);
  const [acceptChurn, setAcceptChurn] = useState(false);
  const account = useSession((s) => s.status?.account ?? null);
  const isDirector = account?.role === 'program_director';
  const [glassReason, setGlassReason] = useState('');
  const [glassError, setGlassError] = useState<string | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [refusal, setRefusal] = useState<ApiErrorData | null>(null);

  useEffect(() => {
    let live = true;
    api()
      ['drafts.publishCheck']({ draftId: draft.id, acceptChurnWarnings: false, breakGlass: null })
      .then((c) => live && setCheck(c))
      .catch((err) => live && setCheckError(toApiError(err)));
    return () => {
      live = false;
    };
  }, [draft.id]);

  const reasons = check?.reasons ?? [];
  const has = (gate: PublishCheck['reasons'][number]['gate']) => reasons.filter((r) => r.gate === gate);
  const hard = reasons.filter((r) => r.gate !== 'churn_warning' && r.gate !== 'lock_date');
  const churnWarnings = check?.churn.findings.filter((f) => f.level === 'warn') ?? [];
  const needsGlass = !!check?.needsBreakGlass;
  const glassFilled = isDirector && glassReason.trim().length >= 3;
  // The break-glass reason is checked on Publish, so the user sees what is missing.
  const ready =
    !!check && hard.length === 0 && (churnWarnings.length === 0 || acceptChurn) && (!needsGlass || isDirector);

  async function publish() {
    if (!check) return;
    if (needsGlass && glassReason.trim().length < 3) {
      setGlassError('Why this change cannot wait (at least 3 characters)');
      return;
    }
    setPublishing(true);
    setRefusal(null);
    try {
      const pub = await api()['drafts.publish']({
        draftId: draft.id,
        acceptChurnWarnings: acceptChurn,
        breakGlass: needsGlass ? { reason: glassReason.trim() } : null,
        expectedRevision: draft.revision,
      });
      forgetDraft(draft.id);
      useNotify
        .getState()
        .notify(
          `Published “${draft.name}”: ${publishedChanges(pub.changes)} changed. It can be rolled back until ` +
            `${formatInstant(pub.rollbackDeadline)}.`,
          'success',
        );
      onPublished();
    } catch (err) {
      const data = toApiError(err);
      setRefusal(data);
      setGlassError(data.issues?.find((i) => i.path === 'breakGlass.reason')?.message ?? null);
      // The draft may have changed underneath: show the gates as they are now.
      api()
        ['drafts.publishCheck']({ draftId: draft.id, acceptChurnWarnings: false, breakGlass: null })
        .then(setCheck, () => undefined);
    } finally {
      setPublishing(false);
    }
  }

  const v = check?.validation;
  return (
    <Dialog open onClose={publishing ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="publish-title">
      <DialogTitle id="publish-title">Publish “{draft.name}”</DialogTitle>
      <DialogContent>
        {!check && !checkError && (
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', py: 3 }}>
            <CircularProgress size={20} />
            <Typography variant="body2">Checking the draft against the rules and the publish gates…</Typography>
          </Stack>
        )}
        {checkError && <Alert severity="error">Could not check the draft: {checkError.message}</Alert>}
        {check && v && (
          <Box>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              Publishing replaces the published schedule in one step. The previous version is kept, so this can be
              rolled back.
            </Typography>
            {has('status').map((r) => (
              <Gate key={r.message} state="blocked" title="This draft cannot be published" testId="gate-status">
                <Typography variant="body2">{r.message}</Typography>
              </Gate>
            ))}
            {has('empty').map((r) => (
              <Gate key={r.message} state="blocked" title="Nothing to publish" testId="gate-empty">
                <Typography variant="body2">{r.message}</Typography>
              </Gate>
            ))}
            <Gate
              state={v.unresolved > 0 ? 'blocked' : 'ok'}
              title={
                v.unresolved > 0
                  ? `${plural(v.unresolved, 'finding')} still need${v.unresolved === 1 ? 's' : ''} a decision`
                  : 'Findings: nothing blocks publishing'
              }
              testId="gate-findings"
            >
              <Typography variant="body2" color="text.secondary">
                {v.added.length === 0
                  ? 'The draft adds no findings.'
                  : `The draft adds ${plural(v.added.length, 'finding')}; critical and high ones must be fixed or ` +
                    `acknowledged with a reason.`}
                {v.removed.length > 0 ? ` It resolves ${plural(v.removed.length, 'finding')}.` : ''}
              </Typography>
            </Gate>
            <Gate
              state={has('churn').length ? 'blocked' : churnWarnings.length ? (acceptChurn ? 'ok' : 'confirm') : 'ok'}
              title={churnTitle(check.churn)}
              testId="gate-churn"
            >
              {check.churn.findings.map((f, i) => (
                <Typography key={i} variant="body2" color={f.level === 'reject' ? 'error' : 'warning.dark'}>
                  {f.message}
                </Typography>
              ))}
              {churnWarnings.length > 0 && !has('churn').length && (
                <FormControlLabel
                  control={
                    <Checkbox size="small" checked={acceptChurn} onChange={(e) => setAcceptChurn(e.target.checked)} />
                  }
                  label={<Typography variant="body2">I have checked these changes with the people affected</Typography>}
                />
              )}
              {check.churn.findings.length === 0 && (
                <Typography variant="body2" color="text.secondary">
                  Within the limits.
                </Typography>
              )}
            </Gate>
            <Gate state="info" title="The rules are checked again as part of publishing" testId="gate-revalidation">
              <Typography variant="body2" color="text.secondary">
                Last check: {formatInstant(v.validatedAt)}. A draft older than 24 hours, or changed since its last
                check, is re-checked before it is published; new findings stop the publish.
              </Typography>
            </Gate>
            {needsGlass ? (
              <Gate
                state={glassFilled ? 'ok' : 'confirm'}
                title={
                  `Lock date: ${plural(check.lockedChanges, 'change')} on or before ` +
                  `${lockDate ? formatShortDate(lockDate) : 'the lock date'}`
                }
                testId="gate-lock-date"
              >
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', color: 'error.main', mb: 1.5 }}>
                  <GppMaybeOutlined fontSize="small" />
                  <Typography variant="body2">
                    Break-glass: these dates are locked. Only the program director, signed in as themselves, can approve
                    publishing them, with a reason.
                  </Typography>
                </Stack>
                {isDirector ? (
                  <TextField
                    label="Reason"
                    multiline
                    minRows={2}
                    fullWidth
                    value={glassReason}
                    onChange={(e) => {
                      setGlassReason(e.target.value);
                      setGlassError(null);
                    }}
                    error={!!glassError}
                    helperText={
                      glassError ??
                      `Approved by you (${account?.displayName}); kept with the publication and in the audit log`
                    }
                    slotProps={{ htmlInput: { 'data-testid': 'break-glass-reason' } }}
                  />
                ) : (
                  <Alert severity="warning" data-testid="break-glass-needs-director">
                    You are signed in as {account?.displayName}. Ask the program director to sign in on this workstation
                    (account menu → Sign out) and publish this draft, or remove the changes on or before the lock date.
                  </Alert>
                )}
              </Gate>
            ) : (
              <Gate
                state="ok"
                title={
                  lockDate ? `Lock date ${formatShortDate(lockDate)}: no change on or before it` : 'No lock date set'
                }
                testId="gate-lock-date"
              />
            )}
            {refusal && (
              <Alert severity="error" sx={{ mt: 2 }} data-testid="publish-refusal">
                <Typography variant="body2" sx={{ fontWeight: 650 }}>
                  The draft was not published.
                </Typography>
                <Typography variant="body2">{refusal.message}</Typography>
                {(refusal.issues ?? []).map((i) => (
                  <Typography key={`${i.path}${i.message}`} variant="body2">
                    • {i.message}
                  </Typography>
                ))}
              </Alert>
            )}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={publishing}>
          Cancel
        </Button>
        <Button
          variant="contained"
          startIcon={publishing ? <CircularProgress size={16} color="inherit" /> : <PublishOutlined />}
          onClick={() => void publish()}
          disabled={!ready || publishing}
          data-testid="confirm-publish"
        >
          Publish
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The churn gate's title: how much of the published schedule the draft changes, and for how many people. */
function churnTitle(churn: ChurnReport): string {
  const planBlocks = churn.changedRotations ? `, ${plural(churn.changedRotations, 'plan block')}` : '';
  const people = plural(churn.peopleAffected, 'person', 'people');
  return `Churn guard: ${pct(churn.totalPct)} of all slots${planBlocks}, ${people} affected`;
}
