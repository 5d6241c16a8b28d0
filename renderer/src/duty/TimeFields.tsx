// Start and end of a timed entry: two dates and two times, typed as people read a roster.
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { TimedForm } from './dutyForm';

type Field = 'startDate' | 'startTime' | 'endDate' | 'endTime';

interface Props {
  form: TimedForm;
  errors: Partial<Record<keyof TimedForm, string>>;
  set(field: Field, value: string): void;
  /** Test ids are prefixed with this (`moonlighting-start-date`). */
  idPrefix: string;
  help?: string;
}

export function TimeFields({ form, errors, set, idPrefix, help }: Props) {
  const field = (key: Field, label: string, type: 'date' | 'time', testId: string, helperText?: string) => (
    <TextField
      type={type}
      label={label}
      value={form[key]}
      onChange={(e) => set(key, e.target.value)}
      error={!!errors[key]}
      helperText={errors[key] ?? helperText}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `${idPrefix}-${testId}`, step: 60 } }}
      sx={{ flex: type === 'date' ? 3 : 2 }}
    />
  );
  return (
    <>
      <Stack direction="row" spacing={1.5}>
        {field('startDate', 'Starts on', 'date', 'start-date')}
        {field('startTime', 'at', 'time', 'start-time')}
      </Stack>
      <Stack direction="row" spacing={1.5}>
        {field('endDate', 'Ends on', 'date', 'end-date')}
        {field('endTime', 'at', 'time', 'end-time', help)}
      </Stack>
    </>
  );
}
