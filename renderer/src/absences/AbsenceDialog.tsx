// Enter or change an absence (person, type, dates, part of the day, approval status, note). While
// the fields are filled in, the dialog shows what the absence collides with in the published
// schedule and what its type's policy makes the person unavailable for (absences.preview).
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AbsenceCollisions, PersonRow } from '../../../core/api/contract';
import type { Absence, AbsenceStatus, AbsenceType } from '../../../core/domain/types';
import { api, toApiError } from '../api';
import { dateRangeError } from '../lib/dateRange';
import { dayCount } from '../lib/dates';
import { useAbsenceTypes } from '../lib/absenceTypes';
import { ABSENCE_STATUS_LABELS } from '../lib/labels';
import { useNotify } from '../state/notify';
import { useRoute } from '../state/route';
import { CollisionPanel } from './CollisionPanel';
import { ABSENCE_DAYS, absenceFieldErrors, formOf, partOf, type AbsenceForm, type PartChoice } from './absenceForm';
import { plural } from '../lib/words';

const PART_HELP: Record<PartChoice, string> = {
  day: 'Every day from the first to the last',
  AM: 'The morning of each day: AM half-days and calls that run into it',
  PM: 'The afternoon and evening of each day: PM half-days and evening calls',
  time: 'Each day; it covers the half-days it overlaps (AM before noon, PM after)',
};

/** How long to wait after the last keystroke before asking for the preview. */
const PREVIEW_DELAY_MS = 250;

interface Props {
  /** null = enter a new absence. */
  absence: Absence | null;
  people: PersonRow[];
  onClose(): void;
}

export function AbsenceDialog({ absence, people, onClose }: Props) {
  const [form, setForm] = useState<AbsenceForm>(() => formOf(absence));
  const types = useAbsenceTypes();
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ key: string; value: AbsenceCollisions | null; error: string | null } | null>(
    null,
  );
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const errors = { ...absenceFieldErrors(form), ...serverErrors };
  const fieldErrors = absenceFieldErrors(form);
  const complete =
    !fieldErrors.personId && !fieldErrors.start && !fieldErrors.end && !fieldErrors.fromTime && !fieldErrors.toTime;
  const part = partOf(form);
  const previewKey = complete
    ? JSON.stringify([form.personId, form.type, form.start, form.end, part ?? null, form.status])
    : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: previewKey holds every field the preview depends on
  useEffect(() => {
    if (!previewKey) return;
    let live = true;
    const timer = setTimeout(() => {
      api()
        ['absences.preview']({
          personId: form.personId,
          type: form.type,
          start: form.start,
          end: form.end,
          part,
          status: form.status,
          note: null,
          id: absence?.id ?? null,
        })
        .then((value) => live && setPreview({ key: previewKey, value, error: null }))
        .catch((err) => live && setPreview({ key: previewKey, value: null, error: toApiError(err).message }));
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [previewKey]);

  function set<K extends keyof AbsenceForm>(key: K, value: AbsenceForm[K]) {
    setForm((f) => {
      const next = { ...f, [key]: value };
      // A one-day absence is the common case: the end follows the start until it is set apart.
      if (key === 'start' && (!f.end || f.end === f.start || f.end < (value as string))) next.end = value as string;
      return next;
    });
    // The server's word on this field is done; the form's own checks speak again.
    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)));
    setFormError(null);
  }

  /** After saving, open Find cover on the absence (its calls and inpatient weeks need someone). */
  // A ref, not state: the button sets it in the same click that submits the form.
  const findCover = useRef(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (Object.values(absenceFieldErrors(form)).some(Boolean)) return;
    setSaving(true);
    try {
      const fields = {
        personId: form.personId,
        type: form.type,
        start: form.start,
        end: form.end,
        part: partOf(form),
        status: form.status,
        note: form.note.trim() || null,
      };
      if (absence) await api()['absences.update']({ id: absence.id, ...fields });
      else await api()['absences.create'](fields);
      const who = people.find((p) => p.id === form.personId)?.name ?? 'the person';
      useNotify
        .getState()
        .notify(`${absence ? 'Saved' : 'Entered'} ${types.name(form.type).toLowerCase()} for ${who}`, 'success');
      onClose();
      if (findCover.current)
        useRoute
          .getState()
          .open('swaps', { tab: 'cover', person: form.personId, start: form.start, end: form.end, swap: null });
    } catch (err) {
      const data = toApiError(err);
      setServerErrors(Object.fromEntries((data.issues ?? []).map((i) => [i.path, i.message])));
      setFormError(data.message);
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    if (!absence) return;
    setSaving(true);
    try {
      await api()['absences.delete']({ id: absence.id });
      useNotify.getState().notify('Absence deleted', 'success');
      onClose();
    } catch (err) {
      setFormError(toApiError(err).message);
    } finally {
      setSaving(false);
    }
  }

  const person = people.find((p) => p.id === form.personId) ?? null;
  const shown = preview && preview.key === previewKey ? preview : null;
  // An approved absence over calls or inpatient weeks: someone has to cover them.
  const needsCover =
    form.status === 'approved' &&
    !!shown?.value &&
    (shown.value.calls.length > 0 || shown.value.inpatientWeeks.length > 0);
  // An impossible range is said at once, beside the field; a field not filled in yet waits for Enter.
  const rangeError = dateRangeError(form.start, form.end, ABSENCE_DAYS);
  const show = (k: keyof AbsenceForm) =>
    touched || serverErrors[k] ? errors[k] : k === 'end' ? (rangeError ?? undefined) : undefined;

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="md"
      fullWidth
      component="form"
      onSubmit={save}
      aria-labelledby="absence-title"
    >
      <DialogTitle id="absence-title">{absence ? 'Change an absence' : 'Enter an absence'}</DialogTitle>
      <DialogContent>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ pt: 1 }}>
          <Stack spacing={2} sx={{ flex: '0 0 320px' }}>
            <Autocomplete<PersonRow>
              options={people}
              value={person}
              onChange={(_, p) => set('personId', p?.id ?? '')}
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
                  label="Person"
                  autoFocus
                  error={!!show('personId')}
                  helperText={show('personId')}
                />
              )}
            />
            <TextField
              select
              label="Type"
              value={form.type}
              onChange={(e) => set('type', e.target.value as AbsenceType)}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'absence-type' } as object } }}
            >
              {types.options.map((t) => (
                <MenuItem key={t.type} value={t.type}>
                  {t.name}
                </MenuItem>
              ))}
            </TextField>
            <Stack direction="row" spacing={1.5}>
              <TextField
                type="date"
                label="First day"
                value={form.start}
                onChange={(e) => set('start', e.target.value)}
                error={!!show('start')}
                helperText={show('start')}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'absence-start' } }}
                sx={{ flex: 1 }}
              />
              <TextField
                type="date"
                label="Last day"
                value={form.end}
                onChange={(e) => set('end', e.target.value)}
                error={!!show('end')}
                helperText={
                  show('end') ??
                  (form.start && form.end && form.start <= form.end
                    ? `${plural(dayCount(form.start, form.end), 'day')}`
                    : undefined)
                }
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'absence-end' } }}
                sx={{ flex: 1 }}
              />
            </Stack>
            <TextField
              select
              label="Part of the day"
              value={form.part}
              onChange={(e) => set('part', e.target.value as PartChoice)}
              helperText={PART_HELP[form.part]}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'absence-part' } as object } }}
            >
              <MenuItem value="day">Whole days</MenuItem>
              <MenuItem value="AM">Mornings (AM)</MenuItem>
              <MenuItem value="PM">Afternoons (PM)</MenuItem>
              <MenuItem value="time">A time range</MenuItem>
            </TextField>
            {form.part === 'time' && (
              <Stack direction="row" spacing={1.5}>
                <TextField
                  type="time"
                  label="From"
                  value={form.fromTime}
                  onChange={(e) => set('fromTime', e.target.value)}
                  error={!!show('fromTime')}
                  helperText={show('fromTime')}
                  slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'absence-from-time' } }}
                  sx={{ flex: 1 }}
                />
                <TextField
                  type="time"
                  label="To"
                  value={form.toTime}
                  onChange={(e) => set('toTime', e.target.value)}
                  error={!!show('toTime')}
                  helperText={show('toTime')}
                  slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'absence-to-time' } }}
                  sx={{ flex: 1 }}
                />
              </Stack>
            )}
            <TextField
              select
              label="Approval"
              value={form.status}
              onChange={(e) => set('status', e.target.value as AbsenceStatus)}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'absence-status' } as object } }}
            >
              {(Object.keys(ABSENCE_STATUS_LABELS) as AbsenceStatus[]).map((s) => (
                <MenuItem key={s} value={s}>
                  {ABSENCE_STATUS_LABELS[s]}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label="Note"
              multiline
              minRows={2}
              value={form.note}
              onChange={(e) => set('note', e.target.value)}
              error={!!show('note')}
              helperText={show('note') ?? 'Optional'}
            />
          </Stack>
          <Divider orientation="vertical" flexItem sx={{ display: { xs: 'none', md: 'block' } }} />
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography variant="subtitle2" gutterBottom>
              What it collides with
            </Typography>
            {!previewKey && (
              <Typography variant="body2" color="text.secondary">
                Choose the person and the dates to see the slots, calls and inpatient weeks in that range.
              </Typography>
            )}
            {previewKey && !shown && (
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <CircularProgress size={16} />
                <Typography variant="body2" color="text.secondary">
                  Looking at the schedule…
                </Typography>
              </Stack>
            )}
            {shown?.error && <Alert severity="warning">{shown.error}</Alert>}
            {shown?.value && <CollisionPanel preview={shown.value} />}
          </Box>
        </Stack>
        {formError && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {formError}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {absence &&
          (confirmDelete ? (
            <Button color="error" variant="contained" onClick={() => void remove()} disabled={saving}>
              Delete for good
            </Button>
          ) : (
            <Button color="error" onClick={() => setConfirmDelete(true)}>
              Delete…
            </Button>
          ))}
        <Box sx={{ flex: 1 }} />
        <Button onClick={onClose}>Cancel</Button>
        {needsCover && (
          <Button
            type="submit"
            variant="outlined"
            disabled={saving}
            onClick={() => (findCover.current = true)}
            data-testid="absence-save-cover"
          >
            {absence ? 'Save' : 'Enter'} and find cover
          </Button>
        )}
        <Button type="submit" variant="contained" disabled={saving} onClick={() => (findCover.current = false)}>
          {absence ? 'Save' : 'Enter absence'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
