// People of the selected academic year: filter by text and kind, add and edit in a dialog.
import CalendarMonthOutlined from '@mui/icons-material/CalendarMonthOutlined';
import AddIcon from '@mui/icons-material/Add';
import EditOutlined from '@mui/icons-material/EditOutlined';
import SearchIcon from '@mui/icons-material/Search';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import { useMemo, useState } from 'react';
import type { PersonRow } from '../../../core/api/contract';
import { api } from '../api';
import { useCan } from '../state/session';
import { formatShortDate } from '../lib/dates';
import { KIND_LABELS, ROLE_LABELS } from '../lib/labels';
import { useApiQuery } from '../lib/useApiQuery';
import { useAcademicYear, useProgram } from '../state/program';
import { EmptyState } from '../ui/EmptyState';
import { LoadError } from '../ui/LoadError';
import { Page } from '../ui/Page';
import { useRoute } from '../state/route';
import { filterPeople, matchesKind, type KindFilter } from './peopleFilter';
import { PersonDialog } from './PersonDialog';

const KIND_FILTERS: { value: KindFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'resident', label: 'Residents' },
  { value: 'faculty', label: 'Faculty' },
  { value: 'learner', label: 'Learners' },
];

/** `null` = dialog closed, 'new' = adding, a row = editing it. */
type Editing = null | 'new' | PersonRow;

/** "from 12 Aug 2026", "until 8 Jan 2027", "12 Aug 2026 – 8 Jan 2027": their days in the program. */
function programDatesText(start: string | undefined, end: string | undefined): string {
  if (start && end) return `${formatShortDate(start)} – ${formatShortDate(end)}`;
  return start ? `from ${formatShortDate(start)}` : `until ${formatShortDate(end!)}`;
}

function PersonTableRow({ p, onEdit }: { p: PersonRow; onEdit(): void }) {
  return (
    <TableRow
      hover
      onClick={onEdit}
      data-person-id={p.id}
      data-testid="person-row"
      sx={{ cursor: 'pointer', opacity: p.active ? 1 : 0.55 }}
    >
      <TableCell sx={{ fontWeight: 550 }}>{p.name}</TableCell>
      <TableCell>{KIND_LABELS[p.kind]}</TableCell>
      <TableCell>{p.facultyRole ? ROLE_LABELS[p.facultyRole] : '—'}</TableCell>
      <TableCell>{p.pgy !== null ? `PGY-${p.pgy}` : '—'}</TableCell>
      <TableCell sx={{ color: p.email ? 'text.primary' : 'text.disabled' }}>{p.email ?? '—'}</TableCell>
      <TableCell>
        {p.active ? (
          <Chip size="small" label="Active" color="success" variant="outlined" />
        ) : (
          <Chip size="small" label="Inactive" variant="outlined" />
        )}
        {(p.startDate || p.endDate) && (
          <Box component="span" sx={{ ml: 1, color: 'text.secondary' }} data-testid="person-dates">
            {programDatesText(p.startDate, p.endDate)}
          </Box>
        )}
      </TableCell>
      <TableCell align="right" sx={{ py: 0, whiteSpace: 'nowrap' }}>
        <Tooltip title={`${p.name}'s schedule`}>
          <IconButton
            size="small"
            aria-label={`${p.name}'s schedule`}
            onClick={(e) => {
              e.stopPropagation();
              useRoute.getState().open('person', { id: p.id });
            }}
            data-testid="person-open-page"
          >
            <CalendarMonthOutlined fontSize="small" />
          </IconButton>
        </Tooltip>
        <Tooltip title={`Edit ${p.name}`}>
          <IconButton
            size="small"
            aria-label={`Edit ${p.name}`}
            onClick={(e) => {
              e.stopPropagation();
              onEdit();
            }}
          >
            <EditOutlined fontSize="small" />
          </IconButton>
        </Tooltip>
      </TableCell>
    </TableRow>
  );
}

export function PeopleView() {
  const year = useAcademicYear()!;
  const yearLabel = useProgram((s) => s.info?.academicYears.find((y) => y.id === year)?.label ?? String(year));
  const mayEdit = useCan('people.update');
  const people = useApiQuery(`people:${year}`, () => api()['people.list']({ academicYear: year }));
  const [text, setText] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [editing, setEditing] = useState<Editing>(null);

  const rows = useMemo(() => filterPeople(people.data ?? [], text, kind), [people.data, text, kind]);
  const all = people.data ?? [];
  const count = (k: KindFilter) => all.filter((p) => matchesKind(p, k)).length;

  return (
    <Page
      title="People"
      subtitle={
        people.data
          ? `${yearLabel} · ${count('resident')} residents · ${count('faculty')} faculty · ${count('learner')} learners`
          : yearLabel
      }
      actions={
        mayEdit && (
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setEditing('new')}
            data-testid="person-add"
          >
            Add person
          </Button>
        )
      }
    >
      {people.error && <LoadError what="the people" error={people.error} onRetry={people.reload} />}
      <Box sx={{ display: 'flex', gap: 2, mb: 2, flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField
          placeholder="Filter by name, e-mail, role or PGY"
          value={text}
          onChange={(e) => setText(e.target.value)}
          sx={{ width: 340, bgcolor: 'background.paper' }}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
            htmlInput: { 'aria-label': 'Filter people', 'data-testid': 'people-filter' },
          }}
        />
        <ToggleButtonGroup
          size="small"
          exclusive
          value={kind}
          onChange={(_, v: KindFilter | null) => v && setKind(v)}
          aria-label="Kind of person"
          sx={{ bgcolor: 'background.paper' }}
        >
          {KIND_FILTERS.map((f) => (
            <ToggleButton key={f.value} value={f.value} sx={{ px: 1.75 }} data-testid={`people-kind-${f.value}`}>
              {f.label}
              {people.data && (
                <Box component="span" sx={{ ml: 0.75, color: 'text.secondary', fontWeight: 400 }}>
                  {count(f.value)}
                </Box>
              )}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Box>

      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        {people.loading && <LinearProgress sx={{ height: 2 }} />}
        <TableContainer>
          <Table size="small" aria-label="People" data-testid="people-table">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Kind</TableCell>
                <TableCell>Role</TableCell>
                <TableCell>PGY</TableCell>
                <TableCell>E-mail</TableCell>
                <TableCell>Status</TableCell>
                <TableCell align="right" sx={{ width: 56 }} aria-label="Actions" />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((p) => (
                <PersonTableRow key={p.id} p={p} onEdit={() => mayEdit && setEditing(p)} />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        {people.data && rows.length === 0 && (
          <EmptyState title={all.length === 0 ? 'No people in this academic year' : 'No one matches the filter'}>
            {all.length === 0
              ? 'Add residents, faculty and learners with “Add person”.'
              : 'Clear the filter to see everyone.'}
          </EmptyState>
        )}
      </Paper>

      {editing !== null && (
        <PersonDialog
          person={editing === 'new' ? null : editing}
          academicYear={year}
          yearLabel={yearLabel}
          onClose={() => setEditing(null)}
        />
      )}
    </Page>
  );
}
