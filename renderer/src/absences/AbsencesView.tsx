// Absences of the selected academic year: who, what, when, how long, status. New absences are
// entered (and existing ones changed) in a dialog that shows what they collide with before saving.
import FileUploadOutlined from '@mui/icons-material/FileUploadOutlined';
import AddOutlined from '@mui/icons-material/AddOutlined';
import { useCan } from '../state/session';
import { useRoute } from '../state/route';
import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { Absence, AbsenceStatus, AbsenceType } from '../../../core/domain/types';
import { AbsenceDialog } from './AbsenceDialog';
import { MergeDialog } from './MergeDialog';
import { absencePartText, useAbsenceTypes } from '../lib/absenceTypes';
import { api } from '../api';
import { dayCount, formatDate } from '../lib/dates';
import { ABSENCE_STATUS_LABELS } from '../lib/labels';
import { useApiQuery } from '../lib/useApiQuery';
import { useAcademicYear, useProgram } from '../state/program';
import { EmptyState } from '../ui/EmptyState';
import { LoadError } from '../ui/LoadError';
import { Page } from '../ui/Page';

const STATUS_COLOR: Record<AbsenceStatus, 'success' | 'warning' | 'default'> = {
  approved: 'success',
  requested: 'warning',
  denied: 'default',
};

export function AbsencesView() {
  const year = useAcademicYear()!;
  const yearLabel = useProgram((s) => s.info?.academicYears.find((y) => y.id === year)?.label ?? String(year));
  const absences = useApiQuery(`absences:${year}`, () => api()['absences.list']({ academicYear: year }));
  const people = useApiQuery(`people:${year}`, () => api()['people.list']({ academicYear: year }));
  const overlaps = useApiQuery(`absence-overlaps:${year}`, () => api()['absences.overlaps']({ academicYear: year }));
  const [merging, setMerging] = useState(false);
  const mayImport = useCan('imports.absencesPreview');
  const openView = useRoute((s) => s.open);
  const types = useAbsenceTypes();
  const [text, setText] = useState('');
  const [type, setType] = useState<AbsenceType | 'all'>('all');
  const [status, setStatus] = useState<AbsenceStatus | 'all'>('all');
  /** The absence being changed, 'new' for a new one, null when the dialog is closed. */
  const [editing, setEditing] = useState<Absence | 'new' | null>(null);

  const names = useMemo(() => new Map((people.data ?? []).map((p) => [p.id, p.name])), [people.data]);
  const rows = useMemo(() => {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    return (absences.data ?? [])
      .filter((a) => (type === 'all' || a.type === type) && (status === 'all' || a.status === status))
      .filter((a) => {
        const hay = `${names.get(a.personId) ?? a.personId} ${types.name(a.type)} ${a.note ?? ''}`.toLowerCase();
        return words.every((w) => hay.includes(w));
      })
      .sort(
        (a, b) =>
          a.start.localeCompare(b.start) || (names.get(a.personId) ?? '').localeCompare(names.get(b.personId) ?? ''),
      );
  }, [absences.data, names, text, type, status, types]);
  const totalDays = rows.reduce((n, a) => n + dayCount(a.start, a.end), 0);

  return (
    <Page
      title="Absences"
      subtitle={absences.data ? `${yearLabel} · ${rows.length} absences shown · ${totalDays} days` : yearLabel}
      actions={
        <>
          {mayImport && (
            <Button
              variant="outlined"
              startIcon={<FileUploadOutlined />}
              onClick={() => openView('import', {})}
              data-testid="absences-import"
            >
              Import from spreadsheet
            </Button>
          )}
          <Button
            variant="contained"
            startIcon={<AddOutlined />}
            onClick={() => setEditing('new')}
            disabled={!people.data}
            data-testid="new-absence"
          >
            Enter absence
          </Button>
        </>
      }
    >
      {absences.error && <LoadError what="the absences" error={absences.error} onRetry={absences.reload} />}
      {people.error && <LoadError what="the people" error={people.error} onRetry={people.reload} />}
      {!!overlaps.data?.length && (
        <Alert
          severity="warning"
          sx={{ mb: 2 }}
          data-testid="absence-overlaps"
          action={
            <Button color="inherit" size="small" onClick={() => setMerging(true)}>
              Review and merge
            </Button>
          }
        >
          {overlaps.data.length === 1 ? 'One person has absences' : `${overlaps.data.length} groups of absences`} that
          repeat or overlap each other (
          {overlaps.data
            .map((g) => g.personName)
            .filter((n, i, all) => all.indexOf(n) === i)
            .slice(0, 4)
            .join(', ')}
          {new Set(overlaps.data.map((g) => g.personId)).size > 4 ? ', …' : ''}): the same time away entered more than
          once.
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 2, mb: 2, flexWrap: 'wrap' }}>
        <TextField
          placeholder="Filter by person, type or note"
          value={text}
          onChange={(e) => setText(e.target.value)}
          sx={{ width: 300, bgcolor: 'background.paper' }}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
            htmlInput: { 'aria-label': 'Filter absences' },
          }}
        />
        <TextField
          select
          label="Type"
          value={type}
          onChange={(e) => setType(e.target.value as AbsenceType | 'all')}
          sx={{ width: 200, bgcolor: 'background.paper' }}
        >
          <MenuItem value="all">All types</MenuItem>
          {types.options.map((t) => (
            <MenuItem key={t.type} value={t.type}>
              {t.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value as AbsenceStatus | 'all')}
          sx={{ width: 160, bgcolor: 'background.paper' }}
        >
          <MenuItem value="all">Any status</MenuItem>
          {(Object.keys(ABSENCE_STATUS_LABELS) as AbsenceStatus[]).map((s) => (
            <MenuItem key={s} value={s}>
              {ABSENCE_STATUS_LABELS[s]}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        {(absences.loading || people.loading) && <LinearProgress sx={{ height: 2 }} />}
        <TableContainer>
          <Table size="small" aria-label="Absences">
            <TableHead>
              <TableRow>
                <TableCell>Person</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>From</TableCell>
                <TableCell>To</TableCell>
                <TableCell align="right">Days</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Note</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((a) => (
                <TableRow
                  key={a.id}
                  hover
                  data-testid="absence-row"
                  data-absence-id={a.id}
                  sx={{ cursor: 'pointer' }}
                  onClick={() => setEditing(a)}
                >
                  <TableCell sx={{ fontWeight: 550 }}>{names.get(a.personId) ?? a.personId}</TableCell>
                  <TableCell>
                    {types.name(a.type)}
                    {a.part !== undefined && (
                      <Typography component="span" variant="body2" color="text.secondary" data-testid="absence-part">
                        {' '}
                        · {absencePartText(a.part)}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(a.start)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(a.end)}</TableCell>
                  <TableCell align="right">{dayCount(a.start, a.end)}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      variant="outlined"
                      label={ABSENCE_STATUS_LABELS[a.status]}
                      color={STATUS_COLOR[a.status]}
                    />
                  </TableCell>
                  <TableCell sx={{ color: a.note ? 'text.primary' : 'text.disabled', maxWidth: 360 }}>
                    {a.note ?? '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        {absences.data && rows.length === 0 && (
          <EmptyState
            title={absences.data.length ? 'No absence matches the filter' : 'No absences in this academic year'}
          />
        )}
      </Paper>
      {editing && people.data && (
        <AbsenceDialog
          absence={editing === 'new' ? null : editing}
          people={people.data}
          onClose={() => setEditing(null)}
        />
      )}
      {merging && <MergeDialog groups={overlaps.data ?? []} onClose={() => setMerging(false)} />}
    </Page>
  );
}
