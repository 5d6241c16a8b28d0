// The program's name and its time zone (every duty time is wall-clock time there).
import Autocomplete from '@mui/material/Autocomplete';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMemo } from 'react';
import { saveSettings } from './save';
import type { SectionProps } from './sectionProps';
import { SettingsSection } from './SettingsSection';
import { issuesUnder } from './settingsForm';
import { useSectionForm } from './useSectionForm';

const TITLE = 'Program and time zone';

function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}

export function GeneralSection({ info, academicYear }: SectionProps) {
  const { programName, timeZone } = info.settings;
  const f = useSectionForm({ programName, timeZone });
  const zones = useMemo(() => timeZones(timeZone), [timeZone]);

  async function save() {
    const errors: Record<string, string> = {};
    if (!f.form.programName.trim()) errors.programName = 'give the program a name';
    if (!f.form.timeZone) errors.timeZone = 'choose a time zone';
    f.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    f.setSaving(true);
    const outcome = await saveSettings(TITLE, academicYear, {
      programName: f.form.programName.trim(),
      timeZone: f.form.timeZone,
    });
    f.setSaving(false);
    if (!outcome.ok) {
      const { fields, other } = issuesUnder(outcome.error.issues ?? [], '');
      f.setErrors(fields, other.length || Object.keys(fields).length ? other : [outcome.error.message]);
    }
  }

  return (
    <SettingsSection
      title={TITLE}
      summary={
        'The name printed on schedules and exports, and the time zone every duty time is read in: hours ' +
        'across a daylight-saving change are real elapsed hours.'
      }
      dirty={f.dirty}
      saving={f.saving}
      problems={f.problems}
      onSave={() => void save()}
      onDiscard={f.discard}
    >
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <TextField
          label="Program name"
          value={f.form.programName}
          onChange={(e) => f.set({ programName: e.target.value })}
          error={!!f.errors.programName}
          helperText={f.errors.programName ?? ' '}
          sx={{ flex: 1 }}
          slotProps={{ htmlInput: { maxLength: 120 } }}
        />
        <Autocomplete
          options={zones}
          value={f.form.timeZone}
          disableClearable
          onChange={(_, value) => f.set({ timeZone: value })}
          sx={{ flex: 1 }}
          renderInput={(params) => (
            <TextField
              {...params}
              label="Time zone"
              error={!!f.errors.timeZone}
              helperText={f.errors.timeZone ?? 'An IANA zone, e.g. America/New_York'}
            />
          )}
        />
      </Stack>
    </SettingsSection>
  );
}
