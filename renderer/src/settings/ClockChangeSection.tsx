// Calls on the clock-change night: on the night the clocks fall back (the local night has 25
// hours) a call either lasts its scheduled hours and ends an hour earlier on the clock, or keeps
// its clock end and lasts an hour longer — then the duty rules judge it as any call that long.
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CallClockChange, CallType } from '../../../core/domain/types';
import { api } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { LoadError } from '../ui/LoadError';
import { saveAndRecheck } from './save';
import type { SectionProps } from './sectionProps';
import { SettingsSection } from './SettingsSection';
import { useSectionForm } from './useSectionForm';

const TITLE = 'Calls when the clocks change';

/** Minutes from start to end of a call on an ordinary night (end at or before start = next day). */
function scheduledMinutes(t: CallType): number {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const length = minutes(t.end) - minutes(t.start);
  return length > 0 ? length : length + 24 * 60;
}

const hoursText = (minutes: number) => `${Number((minutes / 60).toFixed(2))} h`;

/** The choice in plain words, with what it means for this call type's times. */
function choiceWords(t: CallType, choice: CallClockChange): string {
  const hours = scheduledMinutes(t);
  const earlier = (Number(t.end.slice(0, 2)) + 23) % 24;
  return choice === 'scheduled_hours'
    ? `Ends an hour early on the clock (${t.start}–${String(earlier).padStart(2, '0')}${t.end.slice(2)}, ` +
        `${hoursText(hours)})`
    : `Keeps its end time (${t.start}–${t.end}, ${hoursText(hours + 60)})`;
}

export function ClockChangeSection({ academicYear }: SectionProps) {
  const callTypes = useApiQuery('call types', () => api()['callTypes.list']({}));
  // Only calls that count toward duty hours are judged by the duty rules.
  const duty = (callTypes.data ?? []).filter((t) => t.countsTowardDutyHours);
  const f = useSectionForm(
    Object.fromEntries(duty.map((t) => [t.code, t.clockChange])) as Record<string, CallClockChange>,
  );

  async function save() {
    const changes = duty
      .filter((t) => f.form[t.code] !== undefined && f.form[t.code] !== t.clockChange)
      .map((t) => ({ code: t.code, clockChange: f.form[t.code] }));
    if (changes.length === 0) return;
    f.setSaving(true);
    const outcome = await saveAndRecheck(TITLE, academicYear, () => api()['callTypes.setClockChange']({ changes }));
    f.setSaving(false);
    if (!outcome.ok) f.setErrors({}, [outcome.error.message]);
  }

  return (
    <SettingsSection
      title={TITLE}
      summary={
        'On the night the clocks fall back an hour, the night has 25 hours. Most programs end the call an ' +
        'hour earlier on the clock, so it lasts its usual hours. If your program keeps the call to its usual end ' +
        'time, that call lasts an hour longer, and the duty-hour rules count every real hour of it: a 24-hour call ' +
        'becomes 25 hours, over the 24-hour limit for new patient care. On the night the clocks spring forward a ' +
        'call always ends at its usual time, an hour shorter.'
      }
      dirty={f.dirty}
      saving={f.saving}
      problems={f.problems}
      onSave={() => void save()}
      onDiscard={f.discard}
    >
      {callTypes.error && <LoadError what="the call types" error={callTypes.error} onRetry={callTypes.reload} />}
      {callTypes.loading && <LinearProgress sx={{ height: 2 }} />}
      <Table size="small" aria-label="Call types: the night the clocks fall back">
        <TableHead>
          <TableRow>
            <TableCell>Call</TableCell>
            <TableCell>Times</TableCell>
            <TableCell>The night the clocks fall back</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {duty.map((t) => (
            <TableRow key={t.code}>
              <TableCell component="th" scope="row">
                <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
                  {t.code}
                </Typography>{' '}
                {t.name}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap', color: 'text.secondary' }}>
                {t.start}–{t.end} ({t.inHouse ? 'in house' : 'from home'})
              </TableCell>
              <TableCell>
                <TextField
                  select
                  size="small"
                  value={f.form[t.code] ?? t.clockChange}
                  onChange={(e) => f.set({ [t.code]: e.target.value as CallClockChange })}
                  label={`${t.code} ${t.name}: the night the clocks fall back`}
                  sx={{ minWidth: 360 }}
                >
                  <MenuItem value="scheduled_hours">{choiceWords(t, 'scheduled_hours')}</MenuItem>
                  <MenuItem value="clock_end">{choiceWords(t, 'clock_end')}</MenuItem>
                </TextField>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </SettingsSection>
  );
}
