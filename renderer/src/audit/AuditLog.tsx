// The audit log: who changed what and when, filterable by person, dates and kind of action, with
// each entry's before/after in words.
import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Fragment, useMemo, useState } from 'react';
import type { AuditRow, PersonRow } from '../../../core/api/contract';
import { api } from '../api';
import { formatInstant } from '../lib/dates';
import { dateRangeError } from '../lib/dateRange';
import { useApiQuery } from '../lib/useApiQuery';
import { useAcademicYear } from '../state/program';
import { useRoute } from '../state/route';
import { EmptyState } from '../ui/EmptyState';
import { LoadError } from '../ui/LoadError';
import { describeAction, describeChanges, describeEntity, type AuditNames } from './auditText';

const PAGE = 50;

const ACTION_FILTERS: { value: string; label: string }[] = [
  { value: '', label: 'Everything' },
  { value: 'draft.', label: 'Drafts and edits' },
  { value: 'draft.publish', label: 'Publishing' },
  { value: 'publication.', label: 'Rollbacks' },
  { value: 'finding.', label: 'Acknowledged findings' },
  { value: 'absences.', label: 'Absences' },
  { value: 'people.', label: 'People' },
  { value: 'program.', label: 'Program and settings' },
];

function EntryRow({ row, names }: { row: AuditRow; names: AuditNames }) {
  const [open, setOpen] = useState(false);
  const lines = useMemo(() => describeChanges(row, names, open ? 200 : 3), [row, names, open]);
  const more = describeChanges(row, names, 200).length > 3;
  return (
    <Fragment>
      <TableRow hover data-testid="audit-row" data-action={row.action} sx={{ '& > td': { verticalAlign: 'top' } }}>
        <TableCell sx={{ whiteSpace: 'nowrap', width: 170 }}>{formatInstant(row.at)}</TableCell>
        <TableCell sx={{ width: 200 }}>{row.actor}</TableCell>
        <TableCell sx={{ width: 240 }}>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {describeAction(row.action)}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {describeEntity(row, names)}
          </Typography>
        </TableCell>
        <TableCell>
          <Box
            component="ul"
            sx={{ m: 0, pl: 2, '& li': { fontSize: 12.5, lineHeight: 1.55 } }}
            data-testid="audit-changes"
          >
            {lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
            {lines.length === 0 && <li>—</li>}
          </Box>
        </TableCell>
        <TableCell sx={{ width: 48 }}>
          {more && (
            <IconButton
              size="small"
              aria-label={open ? 'Show less' : 'Show everything'}
              onClick={() => setOpen((o) => !o)}
            >
              {open ? <ExpandLess fontSize="small" /> : <ExpandMore fontSize="small" />}
            </IconButton>
          )}
        </TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={5} sx={{ py: 0, borderBottom: open ? undefined : 'none' }}>
            <Collapse in={open}>
              <Stack direction="row" spacing={2} sx={{ py: 1.5 }}>
                {(['before', 'after'] as const).map((k) => (
                  <Box key={k} sx={{ flex: 1, minWidth: 0 }}>
                    <Typography variant="overline" color="text.secondary">
                      {k === 'before' ? 'Before' : 'After'}
                    </Typography>
                    <Box
                      component="pre"
                      sx={{
                        m: 0,
                        p: 1,
                        bgcolor: 'action.hover',
                        borderRadius: 1,
                        fontSize: 11.5,
                        maxHeight: 240,
                        overflow: 'auto',
                        whiteSpace: 'pre-wrap',
                      }}
                    >
                      {row[k] === null || row[k] === undefined ? '—' : JSON.stringify(row[k], null, 2)}
                    </Box>
                  </Box>
                ))}
              </Stack>
            </Collapse>
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
}

export function AuditLog() {
  const year = useAcademicYear()!;
  const query = useRoute((s) => s.query);
  const setQuery = useRoute((s) => s.setQuery);
  const personId = query.person ?? null;
  const from = query.from ?? '';
  const to = query.to ?? '';
  const action = query.action ?? '';
  const [limit, setLimit] = useState(PAGE);
  // Impossible dates are said beside To and not applied.
  const rangeError = dateRangeError(from, to);

  const people = useApiQuery(`people:${year}`, () => api()['people.list']({ academicYear: year }));
  const key = `audit:${personId ?? ''}:${from}:${to}:${action}:${limit}`;
  const log = useApiQuery(key, () =>
    api()['audit.query']({
      personId: personId ?? undefined,
      from: (!rangeError && from) || undefined,
      to: (!rangeError && to) || undefined,
      action: action || undefined,
      limit,
      offset: 0,
    }),
  );
  const byId = useMemo(() => new Map((people.data ?? []).map((p) => [p.id, p])), [people.data]);
  const names = useMemo<AuditNames>(() => ({ person: (id) => byId.get(id)?.name ?? null }), [byId]);
  const person = personId ? (byId.get(personId) ?? null) : null;

  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ mb: 2, flexWrap: 'wrap', rowGap: 1.5, alignItems: 'center' }}>
        <Autocomplete<PersonRow>
          options={people.data ?? []}
          value={person}
          onChange={(_, p) => {
            setLimit(PAGE);
            setQuery({ person: p?.id ?? null });
          }}
          getOptionLabel={(p) => p.name}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          sx={{ width: 280 }}
          renderInput={(params) => (
            <TextField {...params} label="Person" placeholder="Anyone" sx={{ bgcolor: 'background.paper' }} />
          )}
        />
        <TextField
          type="date"
          label="From"
          value={from}
          onChange={(e) => setQuery({ from: e.target.value || null })}
          slotProps={{ inputLabel: { shrink: true } }}
          sx={{ width: 170, bgcolor: 'background.paper' }}
        />
        <TextField
          type="date"
          label="To"
          value={to}
          onChange={(e) => setQuery({ to: e.target.value || null })}
          error={!!rangeError}
          helperText={rangeError}
          slotProps={{ inputLabel: { shrink: true } }}
          sx={{ width: 170, bgcolor: 'background.paper' }}
        />
        <TextField
          select
          label="Kind"
          value={action}
          onChange={(e) => setQuery({ action: e.target.value || null })}
          sx={{ width: 220, bgcolor: 'background.paper' }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          {ACTION_FILTERS.map((f) => (
            <MenuItem key={f.value} value={f.value}>
              {f.label}
            </MenuItem>
          ))}
        </TextField>
        {(personId || from || to || action) && (
          <Button onClick={() => setQuery({ person: null, from: null, to: null, action: null })}>Clear filters</Button>
        )}
        <Box sx={{ flex: 1 }} />
        {log.data && (
          <Typography variant="body2" color="text.secondary" data-testid="audit-total">
            {log.data.total} {log.data.total === 1 ? 'entry' : 'entries'}
          </Typography>
        )}
      </Stack>
      {log.error && !rangeError && <LoadError what="the audit log" error={log.error} onRetry={log.reload} />}
      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        {log.loading && <LinearProgress sx={{ height: 2 }} />}
        <Table size="small" aria-label="Audit log">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>Who</TableCell>
              <TableCell>What</TableCell>
              <TableCell>Details</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {(log.data?.entries ?? []).map((row) => (
              <EntryRow key={row.id} row={row} names={names} />
            ))}
          </TableBody>
        </Table>
        {log.data && log.data.entries.length === 0 && <EmptyState title="No entries match the filters" />}
        {log.data && log.data.total > log.data.entries.length && (
          <Box sx={{ p: 1.5, textAlign: 'center' }}>
            <Button onClick={() => setLimit((n) => Math.min(1000, n + PAGE))} disabled={limit >= 1000}>
              Show more ({log.data.total - log.data.entries.length} older)
            </Button>
          </Box>
        )}
      </Paper>
    </Box>
  );
}
