// Record or change a callback: in-house time during one of a person's home calls (called in).
// Pick the person and the home call; the times start inside the call and may run past its end.
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMemo, useState, type FormEvent } from 'react';
import type { HomeCall, PersonRow } from '../../../core/api/contract';
import type { Callback } from '../../../core/domain/types';
import { api } from '../api';
import {
  clockHours,
  formatHours,
  formatTimeRange,
  localDateTime,
  timedErrors,
  timedFields,
  type TimedForm,
} from './dutyForm';
import { EntryDialogActions, useEntryRequests } from './EntryDialog';
import { TimeFields } from './TimeFields';

/** The longest callback the API takes (schemas CALLBACK_MAX_HOURS). */
const MAX_HOURS = 24;

interface Form extends TimedForm {
  /** Index into the person's home calls, '' when none is chosen. */
  call: string;
  note: string;
}

interface Props {
  /** null = record a new callback. */
  callback: Callback | null;
  people: PersonRow[];
  homeCalls: HomeCall[];
  onClose(): void;
}

const callKey = (c: HomeCall) => `${c.date}|${c.callTypeCode}`;
export const homeCallLabel = (c: HomeCall) => `${c.callTypeCode} ${c.callTypeName}: ${formatTimeRange(c.start, c.end)}`;

export function CallbackDialog({ callback, people, homeCalls, onClose }: Props) {
  const [form, setForm] = useState<Form>(() => {
    if (!callback) return { personId: '', call: '', startDate: '', startTime: '', endDate: '', endTime: '', note: '' };
    const during = homeCalls.find(
      (c) => c.personId === callback.personId && c.start <= callback.start && callback.start < c.end,
    );
    return {
      personId: callback.personId,
      call: during ? callKey(during) : '',
      ...timedFields(callback.start, callback.end),
      note: callback.note ?? '',
    };
  });
  const requests = useEntryRequests(onClose, (path) =>
    path === 'start' ? 'startTime' : path === 'end' ? 'endTime' : path,
  );
  const { touched, serverErrors, formError } = requests;

  const onCall = useMemo(() => {
    const ids = new Set(homeCalls.map((c) => c.personId));
    return people.filter((p) => ids.has(p.id) || p.id === callback?.personId);
  }, [people, homeCalls, callback]);
  const theirCalls = homeCalls.filter((c) => c.personId === form.personId);
  const person = people.find((p) => p.id === form.personId) ?? null;
  const local = timedErrors(form, MAX_HOURS, 'A callback');
  const shown = { ...(touched ? local : {}), ...serverErrors };
  const hours =
    Object.keys(local).length === 0
      ? clockHours(localDateTime(form.startDate, form.startTime), localDateTime(form.endDate, form.endTime))
      : null;

  function set(patch: Partial<Form>) {
    setForm((f) => ({ ...f, ...patch }));
    requests.clearErrors();
  }

  /** Choosing a home call puts the callback on the call's first day (change it for a night callback). */
  function chooseCall(key: string) {
    const c = theirCalls.find((x) => callKey(x) === key);
    if (!c) return set({ call: '' });
    set({ call: key, startDate: c.start.slice(0, 10), endDate: c.start.slice(0, 10) });
  }

  const fields = () => ({
    personId: form.personId,
    start: localDateTime(form.startDate, form.startTime),
    end: localDateTime(form.endDate, form.endTime),
    note: form.note.trim() || null,
  });
  const save = (e: FormEvent) =>
    requests.submit(
      e,
      Object.keys(local).length > 0,
      () =>
        callback ? api()['callbacks.update']({ id: callback.id, ...fields() }) : api()['callbacks.create'](fields()),
      `${callback ? 'Saved' : 'Recorded'} the callback of ${person?.name ?? 'the person'}`,
    );
  const remove = callback
    ? () => requests.remove(() => api()['callbacks.delete']({ id: callback.id }), 'Callback deleted')
    : undefined;

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      component="form"
      onSubmit={save}
      aria-labelledby="callback-title"
    >
      <DialogTitle id="callback-title">{callback ? 'Change a callback' : 'Record a callback'}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Autocomplete<PersonRow>
            options={onCall}
            value={person}
            onChange={(_, p) => set({ personId: p?.id ?? '', call: '' })}
            getOptionLabel={(p) => p.name}
            groupBy={(p) =>
              p.kind === 'resident'
                ? p.pgy
                  ? `PGY-${p.pgy}`
                  : 'Residents'
                : p.kind === 'faculty'
                  ? 'Faculty'
                  : 'Learners'
            }
            isOptionEqualToValue={(a, b) => a.id === b.id}
            renderInput={(params) => (
              <TextField
                {...params}
                label="Person on home call"
                autoFocus
                error={touched && !!local.personId}
                helperText={touched ? local.personId : undefined}
              />
            )}
          />
          <TextField
            select
            label="Home call"
            value={form.call}
            onChange={(e) => chooseCall(e.target.value)}
            disabled={!person}
            helperText={
              person && theirCalls.length === 0
                ? 'No home call of this person in the published schedule'
                : 'The callback starts during this call'
            }
            slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'callback-call' } as object } }}
          >
            {theirCalls.map((c) => (
              <MenuItem key={callKey(c)} value={callKey(c)}>
                {homeCallLabel(c)}
              </MenuItem>
            ))}
          </TextField>
          <TimeFields
            form={form}
            errors={shown}
            set={(k, v) => set({ [k]: v })}
            idPrefix="callback"
            help={hours !== null ? formatHours(hours) : undefined}
          />
          <TextField
            label="Note"
            value={form.note}
            onChange={(e) => set({ note: e.target.value })}
            helperText="Optional: what the callback was for"
          />
          {formError && <Alert severity="error">{formError}</Alert>}
        </Stack>
      </DialogContent>
      <EntryDialogActions
        requests={requests}
        onDelete={remove}
        onClose={onClose}
        submitLabel={callback ? 'Save' : 'Record callback'}
      />
    </Dialog>
  );
}
