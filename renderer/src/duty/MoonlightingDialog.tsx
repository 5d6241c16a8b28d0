// Enter or change a resident's moonlighting shift: when, internal or external, and whether the
// program director approved it (only the program director can tick that). It counts as clinical
// work for every work-hour rule; a PGY-1 resident may not moonlight at all.
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import type { PersonRow } from '../../../core/api/contract';
import type { MoonlightingEntry } from '../../../core/domain/types';
import { useSession } from '../state/session';
import { api } from '../api';
import { clockHours, formatHours, localDateTime, nextDay, timedErrors, timedFields, type TimedForm } from './dutyForm';
import { EntryDialogActions, useEntryRequests } from './EntryDialog';
import { TimeFields } from './TimeFields';

/** The longest shift the API takes (contract MOONLIGHTING_MAX_HOURS). */
const MAX_HOURS = 48;

interface Form extends TimedForm {
  internal: boolean;
  approved: boolean;
}

interface Props {
  /** null = a new shift. */
  entry: MoonlightingEntry | null;
  residents: PersonRow[];
  onClose(): void;
}

export function MoonlightingDialog({ entry, residents, onClose }: Props) {
  const isDirector = useSession((s) => s.status?.account?.role === 'program_director');
  const [form, setForm] = useState<Form>(() =>
    entry
      ? {
          personId: entry.personId,
          ...timedFields(entry.start, entry.end),
          internal: entry.internal,
          approved: entry.approved,
        }
      : { personId: '', startDate: '', startTime: '', endDate: '', endTime: '', internal: false, approved: false },
  );
  const requests = useEntryRequests(onClose, (path) =>
    path === 'start' ? 'startDate' : path === 'end' ? 'endDate' : path,
  );
  const { touched, serverErrors, formError } = requests;

  const local = timedErrors(form, MAX_HOURS, 'A shift');
  const show = (k: string) =>
    (touched ? (local as Record<string, string | undefined>)[k] : undefined) ?? serverErrors[k];
  const person = residents.find((p) => p.id === form.personId) ?? null;
  const hours =
    Object.keys(local).length === 0
      ? clockHours(localDateTime(form.startDate, form.startTime), localDateTime(form.endDate, form.endTime))
      : null;

  function set(patch: Partial<Form>) {
    setForm((f) => {
      const next = { ...f, ...patch };
      // The end day follows the start day; a shift ending at or before its start time ends the next day.
      if (patch.startDate !== undefined && (!f.endDate || f.endDate === f.startDate)) next.endDate = patch.startDate;
      if (
        (patch.endTime !== undefined || patch.startTime !== undefined) &&
        next.startDate &&
        next.endDate === next.startDate &&
        next.endTime &&
        next.startTime &&
        next.endTime <= next.startTime
      )
        next.endDate = nextDay(next.startDate);
      return next;
    });
    requests.clearErrors();
  }

  const fields = () => ({
    personId: form.personId,
    start: localDateTime(form.startDate, form.startTime),
    end: localDateTime(form.endDate, form.endTime),
    internal: form.internal,
    approved: form.approved,
  });
  const save = (e: FormEvent) =>
    requests.submit(
      e,
      Object.keys(local).length > 0,
      () =>
        entry ? api()['moonlighting.update']({ id: entry.id, ...fields() }) : api()['moonlighting.create'](fields()),
      `${entry ? 'Saved' : 'Entered'} moonlighting for ${person?.name ?? 'the resident'}`,
    );
  const remove = entry
    ? () => requests.remove(() => api()['moonlighting.delete']({ id: entry.id }), 'Moonlighting deleted')
    : undefined;

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="xs"
      fullWidth
      component="form"
      onSubmit={save}
      aria-labelledby="moonlighting-title"
    >
      <DialogTitle id="moonlighting-title">{entry ? 'Change moonlighting' : 'Enter moonlighting'}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Autocomplete<PersonRow>
            options={residents}
            value={person}
            onChange={(_, p) => set({ personId: p?.id ?? '' })}
            getOptionLabel={(p) => p.name}
            groupBy={(p) => (p.pgy ? `PGY-${p.pgy}` : 'Residents')}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            renderInput={(params) => (
              <TextField
                {...params}
                label="Resident"
                autoFocus
                error={!!show('personId')}
                helperText={show('personId')}
              />
            )}
          />
          {person?.pgy === 1 && (
            <Alert severity="warning">PGY-1 residents may not moonlight (ACGME): this shift will be a finding.</Alert>
          )}
          <TimeFields
            form={form}
            errors={{ ...(touched ? local : {}), ...serverErrors }}
            set={(k, v) => set({ [k]: v })}
            idPrefix="moonlighting"
            help={hours !== null ? formatHours(hours) : undefined}
          />
          <TextField
            select
            label="Where"
            value={form.internal ? 'internal' : 'external'}
            onChange={(e) => set({ internal: e.target.value === 'internal' })}
          >
            <MenuItem value="internal">Internal (in the institution)</MenuItem>
            <MenuItem value="external">External</MenuItem>
          </TextField>
          <Box>
            <FormControlLabel
              control={
                <Checkbox
                  checked={form.approved}
                  onChange={(e) => set({ approved: e.target.checked })}
                  disabled={!isDirector && !form.approved}
                />
              }
              label="Approved by the program director"
            />
            <FormHelperText sx={{ mt: -0.5 }}>
              {isDirector
                ? 'You approve it as the program director.'
                : 'Only the program director, signed in as themselves, can approve moonlighting.'}
            </FormHelperText>
          </Box>
          {formError && <Alert severity="error">{formError}</Alert>}
        </Stack>
      </DialogContent>
      <EntryDialogActions
        requests={requests}
        onDelete={remove}
        onClose={onClose}
        submitLabel={entry ? 'Save' : 'Enter moonlighting'}
      />
    </Dialog>
  );
}
