// Clinic capacity: how many people a clinic half-day holds (the clinic_capacity rule's target
// and most), and how each day type scales it (a holiday's clinic is closed, a training holiday
// runs at a quarter).
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { DayType, ProgramSettings } from '../../../core/domain/types';
import { NumberField } from './NumberField';
import { readNumbers } from './numbers';
import { saveSettings } from './save';
import type { SectionProps } from './sectionProps';
import { SettingsSection } from './SettingsSection';
import { issuesUnder } from './settingsForm';
import { useSectionForm } from './useSectionForm';

const TITLE = 'Clinic capacity';

export const DAY_TYPE_LABELS: Record<DayType, string> = {
  normal: 'Normal day',
  federal_holiday: 'Federal holiday',
  training_holiday: 'Training holiday',
  minimal_manning: 'Minimal manning',
  closure: 'Closure',
};
const DAY_TYPES = Object.keys(DAY_TYPE_LABELS) as DayType[];

/** The program's clinic capacity rule (the first of its type), with its index in the rule list. */
function capacityRule(settings: ProgramSettings): { index: number; soft: number; hard: number } | null {
  const index = settings.rules.findIndex((r) => r.type === 'clinic_capacity');
  if (index < 0) return null;
  const { soft, hard } = settings.rules[index].params as { soft?: number; hard?: number };
  return { index, soft: Number(soft ?? 0), hard: Number(hard ?? 0) };
}

/** What a scale typed into a field means: "no clinic", "full clinic", "a quarter". */
function scaleWords(text: string): string {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) return ' ';
  if (value === 0) return 'No clinic';
  if (value === 1) return 'Full clinic';
  return `${Math.round(value * 100)} % of a normal day`;
}

export function CapacitySection({ info, academicYear }: SectionProps) {
  const { settings } = info;
  const rule = capacityRule(settings);
  const scales = Object.fromEntries(DAY_TYPES.map((d) => [d, String(settings.capacityScale[d])])) as Record<
    DayType,
    string
  >;
  const f = useSectionForm({ ...scales, soft: rule ? String(rule.soft) : '', hard: rule ? String(rule.hard) : '' });

  async function save() {
    const scaleRead = readNumbers(
      f.form,
      Object.fromEntries(DAY_TYPES.map((d) => [d, { min: 0, max: 2 }])) as Record<
        DayType,
        { min: number; max: number }
      >,
    );
    const limitRead = rule
      ? readNumbers(f.form, { soft: { integer: true, min: 0 }, hard: { integer: true, min: 0 } })
      : null;
    const errors = { ...(scaleRead.errors ?? {}), ...(limitRead?.errors ?? {}) };
    if (limitRead?.values && limitRead.values.hard < limitRead.values.soft)
      errors.hard = `at least the target (${limitRead.values.soft})`;
    f.setErrors(errors);
    if (!scaleRead.values || Object.keys(errors).length > 0) return;
    const changes: Partial<ProgramSettings> = { capacityScale: scaleRead.values };
    if (rule && limitRead?.values) {
      const rules = settings.rules.map((r, i) =>
        i === rule.index ? { ...r, params: { ...r.params, ...limitRead.values } } : r,
      );
      changes.rules = rules;
    }
    f.setSaving(true);
    const outcome = await saveSettings(TITLE, academicYear, changes);
    f.setSaving(false);
    if (!outcome.ok) {
      const issues = outcome.error.issues ?? [];
      const fields = {
        ...issuesUnder(issues, 'capacityScale').fields,
        ...(rule ? issuesUnder(issues, `rules[${rule.index}].params`).fields : {}),
      };
      f.setErrors(fields, Object.keys(fields).length ? [] : [outcome.error.message]);
    }
  }

  return (
    <SettingsSection
      title={TITLE}
      summary={
        'How many people a clinic half-day holds, and how each kind of day scales it: on a day scaled to 0.25 ' +
        'a target of 6 becomes 1.5. Virtual clinic does not count.'
      }
      dirty={f.dirty}
      saving={f.saving}
      problems={f.problems}
      onSave={() => void save()}
      onDiscard={f.discard}
    >
      {rule ? (
        <Stack direction="row" spacing={2} sx={{ mb: 1 }}>
          <NumberField
            label="Target"
            unit="people"
            value={f.form.soft}
            onChange={(v) => f.set({ soft: v })}
            error={f.errors.soft}
            help="Above it is a finding"
          />
          <NumberField
            label="Most"
            unit="people"
            value={f.form.hard}
            onChange={(v) => f.set({ hard: v })}
            error={f.errors.hard}
            help="Never more than this"
          />
        </Stack>
      ) : (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          The program has no clinic capacity rule: the number of people in a clinic half-day is not limited.
        </Typography>
      )}
      <Typography variant="subtitle2" sx={{ mt: 1, mb: 1.5 }}>
        Capacity by kind of day
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', rowGap: 1 }}>
        {DAY_TYPES.map((d) => (
          <NumberField
            key={d}
            label={DAY_TYPE_LABELS[d]}
            width={160}
            value={f.form[d]}
            onChange={(v) => f.set({ [d]: v })}
            error={f.errors[d]}
            help={scaleWords(f.form[d])}
          />
        ))}
      </Stack>
    </SettingsSection>
  );
}
