// Published versions: when each draft was published, by whom, how much it changed, any
// break-glass approval, and a rollback while the rollback window is open.
import RestoreOutlined from '@mui/icons-material/RestoreOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { PublicationSummary } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { useCan } from '../state/session';
import { useApiQuery } from '../lib/useApiQuery';
import { useNotify } from '../state/notify';
import { useRoute } from '../state/route';
import { EmptyState } from '../ui/EmptyState';
import { LoadError } from '../ui/LoadError';
import { pct, plural } from '../lib/words';
import { formatInstant } from '../lib/dates';
import { BREAK_GLASS_ROLE_LABELS } from '../draft/labels';

function RollbackDialog({ publication, onClose }: { publication: PublicationSummary; onClose(): void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 3) return setFieldError('Say why in a few words (at least 3 characters)');
    setSaving(true);
    setError(null);
    try {
      await api()['publications.rollback']({ publicationId: publication.id, reason: reason.trim() });
      useNotify
        .getState()
        .notify(
          `Rolled back “${publication.draftName}”: the schedule is as it was before ` +
            `${formatInstant(publication.publishedAt)}. The draft is open again.`,
          'success',
        );
      onClose();
    } catch (err) {
      const data = toApiError(err);
      setError(data.message);
      setFieldError(data.issues?.find((i) => i.path === 'reason')?.message ?? null);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      component="form"
      onSubmit={submit}
      aria-labelledby="rollback-title"
    >
      <DialogTitle id="rollback-title">Roll back “{publication.draftName}”?</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 0.5 }}>
          <Typography variant="body2">
            Every slot, call night, inpatient week and plan block this publication changed (
            {plural(publication.changes.rows, 'row')}) goes back to exactly what it was before{' '}
            {formatInstant(publication.publishedAt)}. The draft opens again so it can be fixed and published later.
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Rollback is possible until {formatInstant(publication.rollbackDeadline)}.
          </Typography>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField
            label="Reason"
            autoFocus
            multiline
            minRows={2}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setFieldError(null);
            }}
            error={!!fieldError}
            helperText={fieldError ?? 'Kept in the audit log'}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained" color="warning" disabled={saving} startIcon={<RestoreOutlined />}>
          Roll back
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function PublicationList() {
  const mayRollBack = useCan('publications.rollback');
  const pubs = useApiQuery('publications', () => api()['publications.list']({ limit: 200 }));
  const setQuery = useRoute((s) => s.setQuery);
  const [rollingBack, setRollingBack] = useState<PublicationSummary | null>(null);
  const rows = pubs.data ?? [];
  return (
    <>
      {pubs.error && <LoadError what="the published versions" error={pubs.error} onRetry={pubs.reload} />}
      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        {pubs.loading && <LinearProgress sx={{ height: 2 }} />}
        <Table size="small" aria-label="Published versions">
          <TableHead>
            <TableRow>
              <TableCell>Published</TableCell>
              <TableCell>Draft</TableCell>
              <TableCell align="right">Changes</TableCell>
              <TableCell align="right">Churn</TableCell>
              <TableCell>Approvals</TableCell>
              <TableCell>State</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((p) => (
              <TableRow
                key={p.id}
                hover
                data-testid="publication-row"
                data-publication-id={p.id}
                data-rolled-back={p.rolledBackAt ? 'true' : 'false'}
              >
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {formatInstant(p.publishedAt)}
                  <Typography variant="caption" color="text.secondary" component="div">
                    {p.publishedBy}
                  </Typography>
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    sx={{ px: 0, minWidth: 0, textAlign: 'left' }}
                    onClick={() => setQuery({ draft: String(p.draftId), tab: null })}
                  >
                    {p.draftName}
                  </Button>
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {plural(p.changes.cells, 'slot')}
                  {(p.changes.calls > 0 || p.changes.inpatientWeeks > 0 || p.changes.rotations > 0) && (
                    <Typography variant="caption" color="text.secondary" component="div">
                      {[
                        p.changes.calls ? plural(p.changes.calls, 'call night') : '',
                        p.changes.inpatientWeeks ? plural(p.changes.inpatientWeeks, 'week') : '',
                        p.changes.rotations ? plural(p.changes.rotations, 'plan block') : '',
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {pct(p.churn.totalPct)}
                  <Typography variant="caption" color="text.secondary" component="div">
                    {plural(p.churn.peopleAffected, 'person', 'people')}
                  </Typography>
                </TableCell>
                <TableCell>
                  <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
                    {p.breakGlass && (
                      <Tooltip title={`${p.breakGlass.approvedBy}: ${p.breakGlass.reason}`}>
                        <Chip
                          size="small"
                          color="error"
                          variant="outlined"
                          label={`Break-glass · ${BREAK_GLASS_ROLE_LABELS[p.breakGlass.role]}`}
                        />
                      </Tooltip>
                    )}
                    {p.acknowledged > 0 && (
                      <Chip
                        size="small"
                        variant="outlined"
                        label={`${plural(p.acknowledged, 'finding')} acknowledged`}
                      />
                    )}
                    {p.churn.warnings.length > 0 && (
                      <Tooltip title={p.churn.warnings.join(' ')}>
                        <Chip size="small" variant="outlined" color="warning" label="Churn warnings accepted" />
                      </Tooltip>
                    )}
                    {!p.breakGlass && p.acknowledged === 0 && p.churn.warnings.length === 0 && (
                      <Typography variant="caption" color="text.disabled">
                        —
                      </Typography>
                    )}
                  </Stack>
                </TableCell>
                <TableCell>
                  {p.rolledBackAt ? (
                    <Tooltip title={`${p.rolledBackBy ?? ''}: ${p.rollbackReason ?? ''}`}>
                      <Chip size="small" label={`Rolled back ${formatInstant(p.rolledBackAt)}`} />
                    </Tooltip>
                  ) : p.canRollback ? (
                    <Chip
                      size="small"
                      color="success"
                      variant="outlined"
                      label={`Live · rollback until ${formatInstant(p.rollbackDeadline)}`}
                    />
                  ) : (
                    <Chip size="small" color="success" variant="outlined" label="Live" />
                  )}
                </TableCell>
                <TableCell align="right">
                  {p.canRollback && mayRollBack && (
                    <Button
                      size="small"
                      color="warning"
                      startIcon={<RestoreOutlined />}
                      onClick={() => setRollingBack(p)}
                      data-testid="rollback"
                    >
                      Roll back
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {pubs.data && rows.length === 0 && <EmptyState title="Nothing published from a draft yet" />}
      </Paper>
      {rollingBack && <RollbackDialog publication={rollingBack} onClose={() => setRollingBack(null)} />}
    </>
  );
}
