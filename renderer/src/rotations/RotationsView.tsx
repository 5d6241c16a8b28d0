// Rotation templates: setting, length, capacity, leave, weekends, weekly targets, exemptions and
// shifts; a row opens its weekly pattern (or its shifts), *Shifts…* makes it shift-based or not.
import KeyboardArrowDown from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowRight from '@mui/icons-material/KeyboardArrowRight';
import Button from '@mui/material/Button';
import SearchIcon from '@mui/icons-material/Search';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Collapse from '@mui/material/Collapse';
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
import { Fragment, useMemo, useState } from 'react';
import type { Activity, Rotation } from '../../../core/domain/types';
import { api } from '../api';
import { idInWords, plural } from '../lib/words';
import { useProgram } from '../state/program';
import { useRoute } from '../state/route';
import { safeColor } from '../lib/colors';
import { SETTING_LABELS } from '../lib/labels';
import { useApiQuery } from '../lib/useApiQuery';
import { EmptyState } from '../ui/EmptyState';
import { LoadError } from '../ui/LoadError';
import { Page } from '../ui/Page';
import { ShiftRotationDialog } from './ShiftRotationDialog';
import { shiftSummary, shiftTimes, WEEKDAYS } from './shiftForm';
import { PatternTable } from './PatternTable';

function targets(r: Rotation): string {
  const entries = Object.entries(r.weeklyTargets);
  return entries.length ? entries.map(([code, n]) => `${code}\u00a0${n}`).join(' · ') : '—';
}

function YesNo({ value }: { value: boolean }) {
  return (
    <Box component="span" sx={{ color: value ? 'text.primary' : 'text.secondary' }}>
      {value ? 'Yes' : 'No'}
    </Box>
  );
}

/** A shift-based rotation's shifts: times and the residents each needs per weekday. */
function ShiftTable({ rotation, activities }: { rotation: Rotation; activities: Map<string, Activity> }) {
  const s = rotation.shifts!;
  return (
    <Box>
      <Table size="small" aria-label={`Shifts of ${rotation.code}`} sx={{ width: 'auto', mb: 1 }}>
        <TableHead>
          <TableRow>
            <TableCell>Shift</TableCell>
            <TableCell>Time</TableCell>
            {WEEKDAYS.map((w) => (
              <TableCell key={w} align="center">
                {w}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {s.shifts.map((sh) => {
            const a = activities.get(sh.activityCode);
            const { start, end } = shiftTimes(a);
            return (
              <TableRow key={sh.activityCode}>
                <TableCell>
                  <Box component="span" sx={{ fontWeight: 600, fontFamily: 'ui-monospace, monospace', mr: 1 }}>
                    {sh.activityCode}
                  </Box>
                  {a?.name}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {start}–{end}
                </TableCell>
                {WEEKDAYS.map((w, k) => (
                  <TableCell key={w} align="center">
                    {sh.cover[String(k + 1)] ?? 0}
                  </TableCell>
                ))}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Box sx={{ color: 'text.secondary', fontSize: 13 }}>
        Each resident: at least {s.minRestHours} h rest between shifts, at most {s.maxConsecutiveShifts} shifts in a
        row, {s.minHoursPerWeek}–{s.maxHoursPerWeek} shift hours a week, {plural(s.minWeekendsOff, 'whole weekend')} off
        per four. Shifts are rostered when a block is generated.
      </Box>
    </Box>
  );
}

function RotationRow({
  r,
  activities,
  onShifts,
  initiallyOpen,
}: {
  r: Rotation;
  activities: Map<string, Activity>;
  onShifts(): void;
  /** Opened on its weekly pattern (the rotation a generation diagnosis sent the user to). */
  initiallyOpen: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  // Rules by the names the rule catalog gives them (program.info's ruleNames), as Settings shows them;
  // an exemption that names no rule of the program (a standing half-day of the demo's own) by its id in words.
  const ruleNames = useProgram((s) => s.info?.ruleNames);
  return (
    <Fragment>
      <TableRow
        hover
        onClick={() => setOpen((o) => !o)}
        sx={{ cursor: 'pointer', '& > td': { borderBottom: open ? 'none' : undefined } }}
        data-testid="rotation-row"
      >
        <TableCell>
          {/* The expand mark leads the code's cell (a column of its own would cost a list column at 125 %). */}
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            {open ? <KeyboardArrowDown fontSize="small" /> : <KeyboardArrowRight fontSize="small" />}
            <Box sx={{ width: 10, height: 10, borderRadius: '3px', bgcolor: safeColor(r.color), flexShrink: 0 }} />
            <Box component="span" sx={{ fontWeight: 600, fontFamily: 'ui-monospace, monospace' }}>
              {r.code}
            </Box>
          </Box>
        </TableCell>
        <TableCell>{r.name}</TableCell>
        <TableCell>
          <Chip
            size="small"
            variant="outlined"
            label={SETTING_LABELS[r.setting]}
            color={r.setting === 'inpatient' ? 'warning' : 'default'}
          />
          {/* Its length under the setting (most rotations last a whole block). */}
          <Box component="span" sx={{ display: 'block', fontSize: 12, color: 'text.secondary', mt: 0.25 }}>
            {r.halfBlock ? 'Half block' : 'Whole block'}
          </Box>
        </TableCell>
        <TableCell align="right">{r.capacity}</TableCell>
        <TableCell>
          <YesNo value={r.leaveEligible} />
        </TableCell>
        <TableCell>
          <YesNo value={r.worksWeekends} />
        </TableCell>
        {/* Wraps between targets, never inside one ("C 2"). */}
        <TableCell>{targets(r)}</TableCell>
        <TableCell sx={{ color: r.exemptFrom.length ? 'text.primary' : 'text.secondary' }}>
          {r.exemptFrom.length ? r.exemptFrom.map((id) => ruleNames?.[id] ?? idInWords(id)).join(', ') : '—'}
        </TableCell>
        <TableCell>
          {r.shifts && (
            <Box component="span" sx={{ fontSize: 13, mr: 1 }} data-testid="rotation-shifts">
              {shiftSummary(r, activities)}
            </Box>
          )}
          <Button
            size="small"
            onClick={(e) => {
              e.stopPropagation();
              onShifts();
            }}
            aria-label={`Shifts of ${r.code}`}
            sx={{ whiteSpace: 'nowrap' }}
          >
            Shifts…
          </Button>
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell colSpan={9} sx={{ py: 0, bgcolor: 'background.subtle' }}>
          <Collapse in={open} unmountOnExit>
            <Box sx={{ py: 2 }}>
              {r.shifts ? (
                <ShiftTable rotation={r} activities={activities} />
              ) : (
                <PatternTable rotation={r} activities={activities} />
              )}
            </Box>
          </Collapse>
        </TableCell>
      </TableRow>
    </Fragment>
  );
}

export function RotationsView() {
  const rotations = useApiQuery('rotations', () => api()['rotations.list']({}));
  const activities = useApiQuery('activities', () => api()['activities.list']({}));
  // A diagnosis links here with `rotation=<id>`: that rotation, opened on its pattern.
  const linked = useRoute((s) => s.query.rotation) ?? null;
  const setQuery = useRoute((s) => s.setQuery);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<Rotation | null>(null);
  const byCode = useMemo(() => new Map((activities.data ?? []).map((a) => [a.code, a])), [activities.data]);
  const rows = useMemo(() => {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    return (rotations.data ?? [])
      .filter((r) => linked === null || r.id === linked)
      .filter((r) => words.every((w) => `${r.code} ${r.name} ${SETTING_LABELS[r.setting]}`.toLowerCase().includes(w)))
      .sort((a, b) => a.code.localeCompare(b.code));
  }, [rotations.data, text, linked]);

  return (
    <Page
      title="Rotations"
      subtitle={
        rotations.data
          ? `${rotations.data.length} rotation templates · select one to see its weekly pattern or shifts`
          : undefined
      }
    >
      {rotations.error && <LoadError what="the rotations" error={rotations.error} onRetry={rotations.reload} />}
      {activities.error && <LoadError what="the activities" error={activities.error} onRetry={activities.reload} />}
      {linked !== null && (
        <Chip
          label={`Only ${rotations.data?.find((r) => r.id === linked)?.code ?? 'one rotation'}`}
          onDelete={() => setQuery({ rotation: null })}
          sx={{ mr: 2, mb: 2 }}
          data-testid="rotations-linked"
        />
      )}
      <TextField
        placeholder="Filter by code, name or setting"
        value={text}
        onChange={(e) => setText(e.target.value)}
        sx={{ width: 340, mb: 2, bgcolor: 'background.paper' }}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
          htmlInput: { 'aria-label': 'Filter rotations' },
        }}
      />
      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        {rotations.loading && <LinearProgress sx={{ height: 2 }} />}
        <TableContainer>
          <Table size="small" aria-label="Rotations">
            {/* Two-word headings may wrap: ten columns stay in view at 1280×720 and at 125 % zoom. */}
            <TableHead sx={{ '& th': { whiteSpace: 'normal' } }}>
              <TableRow>
                <TableCell sx={{ pl: 5 }}>Code</TableCell>
                <TableCell>Name</TableCell>
                <TableCell>Setting</TableCell>
                <TableCell align="right">Capacity</TableCell>
                <TableCell>Leave</TableCell>
                <TableCell>Weekends</TableCell>
                <TableCell>Weekly targets</TableCell>
                <TableCell>Exempt from</TableCell>
                <TableCell>Shifts</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <RotationRow
                  key={r.id}
                  r={r}
                  activities={byCode}
                  onShifts={() => setEditing(r)}
                  initiallyOpen={r.id === linked}
                />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        {rotations.data && rows.length === 0 && (
          <EmptyState title={rotations.data.length ? 'No rotation matches the filter' : 'No rotations defined'} />
        )}
      </Paper>
      {editing && <ShiftRotationDialog rotation={editing} activities={byCode} onClose={() => setEditing(null)} />}
    </Page>
  );
}
