// Moonlighting and callbacks of the academic year: clinical work with real times outside the
// half-day schedule, which every work-hour rule counts. Two tabs (kept in the URL as `tab=`).
import AddOutlined from '@mui/icons-material/AddOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import { useMemo, useState } from 'react';
import type { Callback, MoonlightingEntry } from '../../../core/domain/types';
import { useCan } from '../state/session';
import { api } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { useAcademicYear, useProgram } from '../state/program';
import { useRoute } from '../state/route';
import { EmptyState } from '../ui/EmptyState';
import { LoadError } from '../ui/LoadError';
import { Page } from '../ui/Page';
import { CallbackDialog, homeCallLabel } from './CallbackDialog';
import { clockHours, formatHours, formatTimeRange } from './dutyForm';
import { MoonlightingDialog } from './MoonlightingDialog';

type TabId = 'moonlighting' | 'callbacks';

export function DutyView() {
  const year = useAcademicYear()!;
  const yearLabel = useProgram((s) => s.info?.academicYears.find((y) => y.id === year)?.label ?? String(year));
  const tab: TabId = useRoute((s) => (s.query.tab === 'callbacks' ? 'callbacks' : 'moonlighting'));
  const setQuery = useRoute((s) => s.setQuery);
  const people = useApiQuery(`people:${year}`, () => api()['people.list']({ academicYear: year }));
  const moonlighting = useApiQuery(`moonlighting:${year}`, () => api()['moonlighting.list']({ academicYear: year }));
  const callbacks = useApiQuery(`callbacks:${year}`, () => api()['callbacks.list']({ academicYear: year }));
  const homeCalls = useApiQuery(`home-calls:${year}`, () => api()['callbacks.homeCalls']({ academicYear: year }));
  const canEnter = useCan('moonlighting.create');
  const canRecord = useCan('callbacks.create');
  const [editingShift, setEditingShift] = useState<MoonlightingEntry | 'new' | null>(null);
  const [editingCallback, setEditingCallback] = useState<Callback | 'new' | null>(null);

  const byId = useMemo(() => new Map((people.data ?? []).map((p) => [p.id, p])), [people.data]);
  const residents = useMemo(() => (people.data ?? []).filter((p) => p.kind === 'resident'), [people.data]);
  const name = (id: string) => byId.get(id)?.name ?? id;
  const shifts = moonlighting.data ?? [];
  const calls = callbacks.data ?? [];
  const callOf = (c: Callback) =>
    (homeCalls.data ?? []).find((h) => h.personId === c.personId && h.start <= c.start && c.start < h.end);
  const totalHours = (list: { start: string; end: string }[]) =>
    list.reduce((n, x) => n + clockHours(x.start, x.end), 0);

  const action =
    tab === 'moonlighting'
      ? canEnter && (
          <Button
            variant="contained"
            startIcon={<AddOutlined />}
            onClick={() => setEditingShift('new')}
            disabled={!people.data}
            data-testid="new-moonlighting"
          >
            Enter moonlighting
          </Button>
        )
      : canRecord && (
          <Button
            variant="contained"
            startIcon={<AddOutlined />}
            onClick={() => setEditingCallback('new')}
            disabled={!people.data || !homeCalls.data}
            data-testid="new-callback"
          >
            Record callback
          </Button>
        );

  return (
    <Page
      title="Moonlighting and callbacks"
      subtitle={
        `${yearLabel} · clinical work outside the half-day schedule; the work-hour rules count it like ` + `any other`
      }
      actions={action}
    >
      {people.error && <LoadError what="the people" error={people.error} onRetry={people.reload} />}
      <Tabs value={tab} onChange={(_, v: TabId) => setQuery({ tab: v === 'moonlighting' ? null : v })} sx={{ mb: 2 }}>
        <Tab value="moonlighting" label={`Moonlighting (${shifts.length})`} />
        <Tab value="callbacks" label={`Callbacks (${calls.length})`} />
      </Tabs>
      {tab === 'moonlighting' ? (
        <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
          {moonlighting.error && (
            <LoadError what="the moonlighting" error={moonlighting.error} onRetry={moonlighting.reload} />
          )}
          {moonlighting.loading && <LinearProgress sx={{ height: 2 }} />}
          <TableContainer>
            <Table size="small" aria-label="Moonlighting">
              <TableHead>
                <TableRow>
                  <TableCell>Resident</TableCell>
                  <TableCell>When</TableCell>
                  <TableCell align="right">Hours</TableCell>
                  <TableCell>Where</TableCell>
                  <TableCell>Program director</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {shifts.map((m) => (
                  <TableRow
                    key={m.id}
                    hover
                    data-testid="moonlighting-row"
                    sx={{ cursor: canEnter ? 'pointer' : undefined }}
                    onClick={() => canEnter && setEditingShift(m)}
                  >
                    <TableCell sx={{ fontWeight: 550 }}>
                      {name(m.personId)}
                      {byId.get(m.personId)?.pgy ? ` · PGY-${byId.get(m.personId)!.pgy}` : ''}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTimeRange(m.start, m.end)}</TableCell>
                    <TableCell align="right">{formatHours(clockHours(m.start, m.end))}</TableCell>
                    <TableCell>{m.internal ? 'Internal' : 'External'}</TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        variant="outlined"
                        color={m.approved ? 'success' : 'warning'}
                        label={m.approved ? 'Approved' : 'Awaiting approval'}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {moonlighting.data && shifts.length === 0 && <EmptyState title="No moonlighting in this academic year" />}
          {shifts.length > 0 && <TableFoot text={`${shifts.length} shifts · ${formatHours(totalHours(shifts))}`} />}
        </Paper>
      ) : (
        <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
          {callbacks.error && <LoadError what="the callbacks" error={callbacks.error} onRetry={callbacks.reload} />}
          {homeCalls.error && <LoadError what="the home calls" error={homeCalls.error} onRetry={homeCalls.reload} />}
          {(callbacks.loading || homeCalls.loading) && <LinearProgress sx={{ height: 2 }} />}
          <TableContainer>
            <Table size="small" aria-label="Callbacks">
              <TableHead>
                <TableRow>
                  <TableCell>Person</TableCell>
                  <TableCell>In the hospital</TableCell>
                  <TableCell align="right">Hours</TableCell>
                  <TableCell>During</TableCell>
                  <TableCell>Note</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {calls.map((c) => {
                  const during = callOf(c);
                  return (
                    <TableRow
                      key={c.id}
                      hover
                      data-testid="callback-row"
                      sx={{ cursor: canRecord ? 'pointer' : undefined }}
                      onClick={() => canRecord && setEditingCallback(c)}
                    >
                      <TableCell sx={{ fontWeight: 550 }}>{name(c.personId)}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTimeRange(c.start, c.end)}</TableCell>
                      <TableCell align="right">{formatHours(clockHours(c.start, c.end))}</TableCell>
                      <TableCell sx={{ color: during ? 'text.primary' : 'text.secondary' }}>
                        {during ? homeCallLabel(during) : 'No home call on the schedule now'}
                      </TableCell>
                      <TableCell sx={{ color: c.note ? 'text.primary' : 'text.disabled' }}>{c.note ?? '—'}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
          {callbacks.data && calls.length === 0 && (
            <EmptyState title="No callbacks in this academic year">
              A callback is time in the hospital during a home call: it counts toward the 80 hours and rest.
            </EmptyState>
          )}
          {calls.length > 0 && <TableFoot text={`${calls.length} callbacks · ${formatHours(totalHours(calls))}`} />}
        </Paper>
      )}
      {editingShift && people.data && (
        <MoonlightingDialog
          entry={editingShift === 'new' ? null : editingShift}
          residents={residents}
          onClose={() => setEditingShift(null)}
        />
      )}
      {editingCallback && people.data && homeCalls.data && (
        <CallbackDialog
          callback={editingCallback === 'new' ? null : editingCallback}
          people={people.data}
          homeCalls={homeCalls.data}
          onClose={() => setEditingCallback(null)}
        />
      )}
    </Page>
  );
}

function TableFoot({ text }: { text: string }) {
  return (
    <Box sx={{ px: 2, py: 1, borderTop: 1, borderColor: 'divider', typography: 'body2', color: 'text.secondary' }}>
      {text}
    </Box>
  );
}
