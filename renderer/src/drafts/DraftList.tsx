// The drafts table: state, who created it and when, where it came from, how much it changes and
// its flags (findings by category, how many still block publishing).
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { DraftSummary } from '../../../core/api/contract';
import { api } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { useRoute } from '../state/route';
import { EmptyState } from '../ui/EmptyState';
import { LoadError } from '../ui/LoadError';
import { plural } from '../lib/words';
import { ago, formatInstant } from '../lib/dates';
import { CATEGORY_LABELS, categoryCount, SOURCE_LABELS, STATUS_LABELS } from '../draft/labels';
import { SeverityChip } from '../ui/SeverityChip';
import { SEVERITY_ORDER } from '../lib/severity';

type StatusFilter = 'open' | 'published' | 'discarded' | 'all';

const STATUS_COLOR: Record<DraftSummary['status'], 'warning' | 'success' | 'default'> = {
  open: 'warning',
  published: 'success',
  discarded: 'default',
};

/** The findings a draft adds, by severity (from its stored check). */
function SeverityCounts({ draftId }: { draftId: number }) {
  const q = useApiQuery(`draft-check:${draftId}`, () => api()['drafts.validation']({ draftId }));
  const added = q.data?.validation?.added ?? [];
  const counts = SEVERITY_ORDER.map((s) => [s, added.filter((f) => f.severity === s).length] as const).filter(
    ([, n]) => n > 0,
  );
  return (
    <>
      {counts.map(([s, n]) => (
        <SeverityChip key={s} severity={s} count={n} />
      ))}
    </>
  );
}

export function DraftFlags({ draft }: { draft: DraftSummary }) {
  const v = draft.validation;
  if (draft.status !== 'open' && !v)
    return (
      <Typography variant="caption" color="text.disabled">
        —
      </Typography>
    );
  if (!v) return <Chip size="small" variant="outlined" label="Not checked" />;
  const cats = (Object.keys(v.byCategory) as (keyof typeof v.byCategory)[]).filter((c) => v.byCategory[c] > 0);
  return (
    <Stack
      direction="row"
      spacing={0.5}
      sx={{ flexWrap: 'wrap', rowGap: 0.5, alignItems: 'center' }}
      data-testid="draft-flags"
    >
      {v.added === 0 && <Chip size="small" color="success" variant="outlined" label="No new findings" />}
      {v.added > 0 && <SeverityCounts draftId={draft.id} />}
      {v.unresolved > 0 && (
        <Chip size="small" color="warning" variant="outlined" label={`${v.unresolved} to acknowledge`} />
      )}
      {cats.map((c) => (
        <Tooltip key={c} title={CATEGORY_LABELS[c]}>
          <Chip size="small" variant="outlined" label={categoryCount(c, v.byCategory[c])} />
        </Tooltip>
      ))}
      {v.removed > 0 && <Chip size="small" variant="outlined" color="success" label={`${v.removed} resolved`} />}
      {v.stale && draft.status === 'open' && (
        <Tooltip title={v.staleReason ?? ''}>
          <Typography variant="caption" color="text.secondary">
            (as of {ago(v.at)})
          </Typography>
        </Tooltip>
      )}
    </Stack>
  );
}

export function DraftList() {
  const status = (useRoute((s) => s.query.status) as StatusFilter | undefined) ?? 'open';
  const setQuery = useRoute((s) => s.setQuery);
  const openView = useRoute((s) => s.open);
  const drafts = useApiQuery(`drafts:${status}`, () => api()['drafts.list'](status === 'all' ? {} : { status }));
  const rows = drafts.data ?? [];

  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ mb: 1.5, alignItems: 'center' }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={status}
          onChange={(_, v: StatusFilter | null) => v && setQuery({ status: v === 'open' ? null : v })}
        >
          <ToggleButton value="open">Open</ToggleButton>
          <ToggleButton value="published">Published</ToggleButton>
          <ToggleButton value="discarded">Discarded</ToggleButton>
          <ToggleButton value="all">All</ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      {drafts.error && <LoadError what="the drafts" error={drafts.error} onRetry={drafts.reload} />}
      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        {drafts.loading && <LinearProgress sx={{ height: 2 }} />}
        <Table size="small" aria-label="Drafts">
          <TableHead>
            <TableRow>
              <TableCell>Draft</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Source</TableCell>
              <TableCell>Created</TableCell>
              <TableCell align="right">Changes</TableCell>
              <TableCell>Flags</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((d) => (
              <TableRow
                key={d.id}
                hover
                data-testid="draft-row"
                data-draft-id={d.id}
                sx={{ cursor: 'pointer' }}
                onClick={() => setQuery({ draft: String(d.id), status: null })}
              >
                <TableCell sx={{ maxWidth: 320 }}>
                  {/* A long name wraps (the table stays inside its box at 125 % zoom, its buttons in view);
                      the note keeps to the name's width, on one line, whole on hover. */}
                  <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
                    {d.name}
                  </Typography>
                  {d.note && (
                    <Typography
                      variant="caption"
                      color="text.secondary"
                      noWrap
                      component="div"
                      title={d.note}
                      sx={{ width: 0, minWidth: '100%' }}
                    >
                      {d.note}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={STATUS_LABELS[d.status]}
                    color={STATUS_COLOR[d.status]}
                    variant={d.status === 'open' ? 'filled' : 'outlined'}
                  />
                </TableCell>
                <TableCell>{SOURCE_LABELS[d.source]}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Tooltip title={formatInstant(d.createdAt)}>
                    <span>{ago(d.createdAt)}</span>
                  </Tooltip>
                  <Typography variant="caption" color="text.secondary" component="div">
                    {d.createdBy}
                  </Typography>
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {plural(d.entries.cells, 'slot')}
                  {(d.entries.calls > 0 || d.entries.inpatientWeeks > 0) && (
                    <Typography variant="caption" color="text.secondary" component="div">
                      {[
                        d.entries.calls ? plural(d.entries.calls, 'call') : '',
                        d.entries.inpatientWeeks ? plural(d.entries.inpatientWeeks, 'week') : '',
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <DraftFlags draft={d} />
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }} onClick={(e) => e.stopPropagation()}>
                  {d.status === 'open' && (
                    <Button size="small" onClick={() => openView('schedule', { draft: String(d.id) })}>
                      Edit in grid
                    </Button>
                  )}
                  <Button size="small" onClick={() => setQuery({ draft: String(d.id), status: null })}>
                    Compare
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {drafts.data && rows.length === 0 && (
          <EmptyState title={status === 'open' ? 'No open drafts' : 'No drafts here'}>
            {status === 'open' ? 'Edit a cell in the Schedule view, or generate a schedule, to start one.' : null}
          </EmptyState>
        )}
      </Paper>
    </Box>
  );
}
