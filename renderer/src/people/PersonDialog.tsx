// Add or edit one person. Checks the fields before sending, shows the server's issues next to
// the fields they name, and keeps Save disabled while the request runs.
import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import type { PersonRow } from '../../../core/api/contract';
import type { AcademicYearId, FacultyRole, PersonKind } from '../../../core/domain/types';
import { api, toApiError } from '../api';
import { KIND_LABELS, ROLE_LABELS } from '../lib/labels';
import { useNotify } from '../state/notify';
import {
  MAX_PGY,
  draftFromRow,
  emptyDraft,
  hasErrors,
  issuesToFieldErrors,
  toPersonInput,
  toPersonUpdateInput,
  validateDraft,
  type FieldErrors,
  type PersonDraft,
} from './personForm';
import { DialogSubmitActions } from '../ui/DialogSubmitActions';

interface PersonDialogProps {
  /** null = add a new person. */
  person: PersonRow | null;
  academicYear: AcademicYearId;
  yearLabel: string;
  onClose(): void;
}

/** The first and last day in the program: optional, inclusive; outside them nothing is expected. */
const PROGRAM_DATE_FIELDS = [
  {
    field: 'startDate',
    label: 'First day in the program',
    hint: 'Optional: an off-cycle start, a transfer',
    testId: 'person-start-date',
  },
  {
    field: 'endDate',
    label: 'Last day in the program',
    hint: 'Optional: a separation, a departure',
    testId: 'person-end-date',
  },
] as const;

function describe(p: PersonRow): string {
  if (p.kind === 'resident' && p.pgy !== null) return `${p.name} (PGY-${p.pgy})`;
  return p.name;
}

export function PersonDialog({ person, academicYear, yearLabel, onClose }: PersonDialogProps) {
  const [draft, setDraft] = useState<PersonDraft>(() => (person ? draftFromRow(person) : emptyDraft()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const notify = useNotify((s) => s.notify);
  const fail = useNotify((s) => s.fail);

  function set<K extends keyof PersonDraft>(key: K, value: PersonDraft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    // An edited field's old error no longer applies.
    setErrors((e) => ({
      ...e,
      [key]: undefined,
      ...(key === 'kind' ? { pgy: undefined, facultyRole: undefined } : {}),
    }));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const clientErrors = validateDraft(draft);
    setErrors(clientErrors);
    setFormError([]);
    if (hasErrors(clientErrors)) return;
    setSaving(true);
    try {
      const saved = person
        ? await api()['people.update'](toPersonUpdateInput(person.id, draft, academicYear))
        : await api()['people.create'](toPersonInput(draft, academicYear));
      notify(person ? `Saved ${describe(saved)}` : `Added ${describe(saved)}`, 'success');
      onClose();
    } catch (err) {
      const data = toApiError(err);
      if (data.code === 'invalid_input' && data.issues?.length) {
        const mapped = issuesToFieldErrors(data.issues);
        setErrors(mapped.fields);
        setFormError(mapped.other);
      } else {
        setFormError([data.message]);
        fail(err, person ? 'Could not save' : 'Could not add the person');
      }
      setSaving(false);
    }
  }

  const title = person ? `Edit ${person.name}` : 'Add a person';
  return (
    <Dialog open onClose={saving ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="person-dialog-title">
      <form onSubmit={save} noValidate data-testid="person-form">
        <DialogTitle id="person-dialog-title">{title}</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2.25} sx={{ pt: 0.5 }}>
            {formError.length > 0 && (
              <Alert severity="error" data-testid="person-form-error">
                {formError.map((m) => (
                  <div key={m}>{m}</div>
                ))}
              </Alert>
            )}
            <TextField
              label="Name"
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
              error={!!errors.name}
              helperText={errors.name ?? ' '}
              autoFocus
              required
              fullWidth
              slotProps={{ htmlInput: { 'data-testid': 'person-name', maxLength: 200 } }}
            />
            <Stack direction="row" spacing={2}>
              <TextField
                select
                label="Kind"
                value={draft.kind}
                onChange={(e) => set('kind', e.target.value as PersonDraft['kind'])}
                error={!!errors.kind}
                helperText={errors.kind ?? ' '}
                sx={{ flex: 1 }}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'person-kind' } as object } }}
              >
                {(Object.keys(KIND_LABELS) as PersonKind[]).map((k) => (
                  <MenuItem key={k} value={k}>
                    {KIND_LABELS[k]}
                  </MenuItem>
                ))}
              </TextField>
              {draft.kind === 'resident' && (
                <TextField
                  select
                  label={`PGY level in ${yearLabel}`}
                  value={draft.pgy}
                  onChange={(e) => set('pgy', e.target.value)}
                  error={!!errors.pgy}
                  helperText={errors.pgy ?? ' '}
                  required
                  sx={{ flex: 1 }}
                  slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'person-pgy' } as object } }}
                >
                  {Array.from({ length: MAX_PGY }, (_, i) => String(i + 1)).map((level) => (
                    <MenuItem key={level} value={level}>
                      PGY-{level}
                    </MenuItem>
                  ))}
                </TextField>
              )}
              {draft.kind === 'faculty' && (
                <TextField
                  select
                  label="Role"
                  value={draft.facultyRole}
                  onChange={(e) => set('facultyRole', e.target.value as PersonDraft['facultyRole'])}
                  error={!!errors.facultyRole}
                  helperText={errors.facultyRole ?? ' '}
                  required
                  sx={{ flex: 1 }}
                  slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'person-role' } as object } }}
                >
                  {(Object.keys(ROLE_LABELS) as FacultyRole[]).map((r) => (
                    <MenuItem key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            </Stack>
            <TextField
              label="E-mail"
              type="email"
              value={draft.email}
              onChange={(e) => set('email', e.target.value)}
              error={!!errors.email}
              helperText={errors.email ?? 'Optional'}
              fullWidth
              slotProps={{ htmlInput: { 'data-testid': 'person-email' } }}
            />
            <Stack direction="row" spacing={2}>
              {PROGRAM_DATE_FIELDS.map((f) => (
                <TextField
                  key={f.field}
                  label={f.label}
                  type="date"
                  value={draft[f.field]}
                  onChange={(e) => set(f.field, e.target.value)}
                  error={!!errors[f.field]}
                  helperText={errors[f.field] ?? f.hint}
                  sx={{ flex: 1 }}
                  slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': f.testId } }}
                />
              ))}
            </Stack>
            <FormControlLabel
              control={<Switch checked={draft.active} onChange={(e) => set('active', e.target.checked)} />}
              label={draft.active ? 'Active: appears on schedules' : 'Inactive: kept for history only'}
            />
          </Stack>
        </DialogContent>
        <DialogSubmitActions busy={saving} onCancel={onClose} testId="person-save">
          {saving ? 'Saving…' : person ? 'Save' : 'Add person'}
        </DialogSubmitActions>
      </form>
    </Dialog>
  );
}
