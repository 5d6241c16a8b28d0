// The holidays of the academic year in view: each day's type scales clinic capacity (see Clinic
// capacity) and shows in the grid. Saved as the year's whole list, in one change.
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Holiday } from '../../../core/domain/types';
import { api } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { LoadError } from '../ui/LoadError';
import { DAY_TYPE_LABELS } from './CapacitySection';
import { saveAndRecheck } from './save';
import type { SectionProps } from './sectionProps';
import { SettingsSection } from './SettingsSection';
import { issuesUnder } from './settingsForm';
import { useSectionForm } from './useSectionForm';

const TITLE = 'Holidays';
type HolidayType = Holiday['dayType'];
const HOLIDAY_TYPES = (Object.keys(DAY_TYPE_LABELS) as (keyof typeof DAY_TYPE_LABELS)[]).filter(
  (d): d is HolidayType => d !== 'normal',
);

export function HolidaysSection({ info, academicYear }: SectionProps) {
  const query = useApiQuery(`holidays:${academicYear}`, () => api()['program.holidays']({ academicYear }));
  const year = info.academicYears.find((y) => y.id === academicYear);
  if (query.error && !query.data) return <LoadError error={query.error} onRetry={query.reload} what="the holidays" />;
  if (!query.data || !year) return null;
  return (
    <HolidaysForm
      key={academicYear}
      saved={query.data}
      academicYear={academicYear}
      start={year.start}
      end={year.end}
      label={year.label}
    />
  );
}

interface FormProps {
  saved: Holiday[];
  academicYear: number;
  start: string;
  end: string;
  label: string;
}

function HolidaysForm({ saved, academicYear, start, end, label }: FormProps) {
  const f = useSectionForm({ rows: saved });
  const rows = f.form.rows;

  function update(i: number, patch: Partial<Holiday>) {
    f.set(
      { rows: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) },
      Object.keys(patch).map((k) => `[${i}].${k}`),
    );
  }

  async function save() {
    const errors: Record<string, string> = {};
    const seen = new Map<string, number>();
    rows.forEach((r, i) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(r.date)) errors[`[${i}].date`] = 'enter a date';
      else if (r.date < start || r.date > end) errors[`[${i}].date`] = `outside ${label}`;
      else if (seen.has(r.date)) errors[`[${i}].date`] = 'this day is already a holiday';
      seen.set(r.date, i);
      if (!r.name.trim()) errors[`[${i}].name`] = 'give it a name';
    });
    f.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    f.setSaving(true);
    const holidays = rows.map((r) => ({ ...r, name: r.name.trim() }));
    const outcome = await saveAndRecheck(TITLE, academicYear, () =>
      api()['program.setHolidays']({ academicYear, holidays }),
    );
    f.setSaving(false);
    if (!outcome.ok) {
      const { fields } = issuesUnder(outcome.error.issues ?? [], 'holidays');
      f.setErrors(fields, Object.keys(fields).length ? [] : [outcome.error.message]);
    }
  }

  return (
    <SettingsSection
      title={`${TITLE} in ${label}`}
      summary={
        'Federal and training holidays, minimal-manning days and closures. Each kind of day scales clinic ' +
        'capacity and shows in the schedule.'
      }
      dirty={f.dirty}
      saving={f.saving}
      problems={f.problems}
      onSave={() => void save()}
      onDiscard={f.discard}
    >
      {rows.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          No holidays in {label}.
        </Typography>
      )}
      <Stack spacing={1} role="list" aria-label={`Holidays in ${label}`}>
        {rows.map((r, i) => (
          <Stack key={i} direction="row" spacing={1.5} role="listitem" sx={{ alignItems: 'flex-start' }}>
            <TextField
              label="Date"
              type="date"
              value={r.date}
              onChange={(e) => update(i, { date: e.target.value })}
              error={!!f.errors[`[${i}].date`]}
              helperText={f.errors[`[${i}].date`] ?? ' '}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: start, max: end } }}
              sx={{ width: 180 }}
            />
            <TextField
              label="Name"
              value={r.name}
              onChange={(e) => update(i, { name: e.target.value })}
              error={!!f.errors[`[${i}].name`]}
              helperText={f.errors[`[${i}].name`] ?? ' '}
              slotProps={{ htmlInput: { maxLength: 120 } }}
              sx={{ flex: 1, maxWidth: 360 }}
            />
            <TextField
              select
              label="Kind of day"
              value={r.dayType}
              onChange={(e) => update(i, { dayType: e.target.value as HolidayType })}
              helperText=" "
              sx={{ width: 200 }}
            >
              {HOLIDAY_TYPES.map((d) => (
                <MenuItem key={d} value={d}>
                  {DAY_TYPE_LABELS[d]}
                </MenuItem>
              ))}
            </TextField>
            <IconButton
              aria-label={`Remove ${r.name || 'this holiday'}`}
              onClick={() => f.set({ rows: rows.filter((_, j) => j !== i) }, [])}
              sx={{ mt: 0.5 }}
            >
              <DeleteOutlined fontSize="small" />
            </IconButton>
          </Stack>
        ))}
      </Stack>
      <Button
        startIcon={<AddOutlined />}
        onClick={() => f.set({ rows: [...rows, { date: '', name: '', dayType: 'federal_holiday' }] }, [])}
        sx={{ mt: 1 }}
      >
        Add a holiday
      </Button>
    </SettingsSection>
  );
}
