// Publishing: the lock date (changes on or before it need a break-glass approval), how long a
// publication can be rolled back, and the churn guard's thresholds.
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ChurnThresholds } from '../../../core/domain/types';
import { NumberField } from './NumberField';
import { numberTexts, readNumbers } from './numbers';
import { saveSettings } from './save';
import type { SectionProps } from './sectionProps';
import { SettingsSection } from './SettingsSection';
import { issuesUnder } from './settingsForm';
import { useSectionForm } from './useSectionForm';

const TITLE = 'Lock date and publishing';

type ChurnKey = keyof ChurnThresholds;
const CHURN_FIELDS: { key: ChurnKey; label: string; unit: string; help: string }[] = [
  {
    key: 'rejectTotalPct',
    label: 'Refuse above',
    unit: '% of all slots',
    help: 'A publish that changes more of the schedule is refused.',
  },
  {
    key: 'rejectPersonPct',
    label: 'Refuse above',
    unit: '% of a person',
    help: 'Refused when one person’s schedule changes more than this.',
  },
  {
    key: 'warnPersonPct',
    label: 'Warn above',
    unit: '% of a person',
    help: 'A warning to accept when one person’s schedule changes more.',
  },
  {
    key: 'warnPeopleAffected',
    label: 'Warn above',
    unit: 'people',
    help: 'A warning to accept when more people are affected.',
  },
];

export function PublishingSection({ info, academicYear }: SectionProps) {
  const { lockDate, rollbackHours, churn, review } = info.settings;
  const f = useSectionForm({
    lockDate: lockDate ?? '',
    rollbackHours: String(rollbackHours),
    ...numberTexts(churn),
    needsApproval: review?.publishNeedsDirectorApproval ?? false,
  });

  async function save() {
    const read = readNumbers(f.form, {
      rollbackHours: { min: 0, max: 720 },
      rejectTotalPct: { min: 0, max: 100 },
      rejectPersonPct: { min: 0, max: 100 },
      warnPersonPct: { min: 0, max: 100 },
      warnPeopleAffected: { integer: true, min: 0 },
    });
    const errors = read.errors ?? {};
    if (f.form.lockDate && !/^\d{4}-\d{2}-\d{2}$/.test(f.form.lockDate)) errors.lockDate = 'enter a date';
    if (read.values && read.values.warnPersonPct > read.values.rejectPersonPct)
      errors.warnPersonPct = `warn at or below the refusal (${read.values.rejectPersonPct} %)`;
    f.setErrors(errors);
    if (!read.values || Object.keys(errors).length > 0) return;
    const { rollbackHours: hours, ...thresholds } = read.values;
    f.setSaving(true);
    const outcome = await saveSettings(TITLE, academicYear, {
      lockDate: f.form.lockDate || null,
      rollbackHours: hours,
      churn: thresholds,
      review: { publishNeedsDirectorApproval: f.form.needsApproval },
    });
    f.setSaving(false);
    if (!outcome.ok) {
      const top = issuesUnder(outcome.error.issues ?? [], '');
      const fields = { ...issuesUnder(outcome.error.issues ?? [], 'churn').fields, ...top.fields };
      const other = top.other.length || Object.keys(fields).length ? top.other : [outcome.error.message];
      f.setErrors(fields, other);
    }
  }

  return (
    <SettingsSection
      title={TITLE}
      summary={
        'Changes on or before the lock date need a break-glass approval with a reason. A publication can be ' +
        'rolled back for a while after it. The churn guard refuses or warns about a publish that changes too much ' +
        'at once.'
      }
      dirty={f.dirty}
      saving={f.saving}
      problems={f.problems}
      onSave={() => void save()}
      onDiscard={f.discard}
    >
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', rowGap: 1, alignItems: 'flex-start' }}>
        <TextField
          id="settings-lock-date"
          label="Lock date"
          type="date"
          value={f.form.lockDate}
          onChange={(e) => f.set({ lockDate: e.target.value })}
          error={!!f.errors.lockDate}
          helperText={
            f.errors.lockDate ??
            (f.form.lockDate ? 'Changes up to this day need approval' : 'No lock date: nothing is locked')
          }
          slotProps={{ inputLabel: { shrink: true } }}
          sx={{ width: 220 }}
        />
        <Button onClick={() => f.set({ lockDate: '' })} disabled={!f.form.lockDate} sx={{ mt: 0.5 }}>
          No lock date
        </Button>
        <NumberField
          label="Rollback for"
          unit="hours"
          value={f.form.rollbackHours}
          onChange={(v) => f.set({ rollbackHours: v })}
          error={f.errors.rollbackHours}
          help="After publishing"
        />
      </Stack>
      <FormControlLabel
        sx={{ mt: 1 }}
        control={
          <Checkbox
            checked={f.form.needsApproval}
            onChange={(e) => f.set({ needsApproval: e.target.checked })}
            data-testid="settings-needs-approval"
          />
        }
        label={
          'Publishing needs the program director’s approval (of the draft as it is, through Send for review; ' +
          'break-glass still publishes)'
        }
      />
      <Typography variant="subtitle2" sx={{ mt: 2, mb: 1.5 }}>
        Churn guard
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', rowGap: 1 }}>
        {CHURN_FIELDS.map((c) => (
          <NumberField
            key={c.key}
            id={`settings-churn-${c.key}`}
            label={c.label}
            unit={c.unit}
            width={210}
            value={f.form[c.key]}
            onChange={(v) => f.set({ [c.key]: v })}
            error={f.errors[c.key]}
            help={c.help}
          />
        ))}
      </Stack>
    </SettingsSection>
  );
}
