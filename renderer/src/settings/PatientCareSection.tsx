// Patient care and transitions: which activities are new patient care. ACGME allows up to 4 hours
// after 24 hours of continuous work for transitions of care and education only, so a handoff or a
// lecture right after a 24-hour call is allowed and a clinic is not.
import Checkbox from '@mui/material/Checkbox';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Activity } from '../../../core/domain/types';
import { api } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { LoadError } from '../ui/LoadError';
import { saveAndRecheck } from './save';
import type { SectionProps } from './sectionProps';
import { SettingsSection } from './SettingsSection';
import { useSectionForm } from './useSectionForm';

const TITLE = 'Patient care and transitions';
const CATEGORY: Record<Activity['category'], string> = {
  clinical: 'Clinical',
  educational: 'Education',
  administrative: 'Administration',
  time_off: 'Time off',
};

const timesOf = (a: Activity) =>
  [a.am && `AM ${a.am.start}–${a.am.end}`, a.pm && `PM ${a.pm.start}–${a.pm.end}`].filter(Boolean).join(', ');

export function PatientCareSection({ info, academicYear }: SectionProps) {
  const activities = useApiQuery('activities', () => api()['activities.list']({}));
  // Only work that counts toward duty hours can fall in the hours after 24.
  const duty = (activities.data ?? []).filter((a) => a.countsTowardDutyHours);
  const f = useSectionForm(Object.fromEntries(duty.map((a) => [a.code, a.patientCare])) as Record<string, boolean>);
  // The program's continuous-work rule says how long: 24 + 4 by default.
  const continuous = info.settings.rules.find((r) => r.type === 'acgme_continuous' && r.enabled)?.params ?? {};
  const maxHours = Number(continuous.maxHours ?? 24);
  const transitionHours = Number(continuous.transitionHours ?? 4);

  async function save() {
    const changes = duty
      .filter((a) => f.form[a.code] !== undefined && f.form[a.code] !== a.patientCare)
      .map((a) => ({ code: a.code, patientCare: f.form[a.code] }));
    if (changes.length === 0) return;
    f.setSaving(true);
    const outcome = await saveAndRecheck(TITLE, academicYear, () => api()['activities.setPatientCare']({ changes }));
    f.setSaving(false);
    if (!outcome.ok) f.setErrors({}, [outcome.error.message]);
  }

  return (
    <SettingsSection
      title={TITLE}
      summary={
        `After ${maxHours} hours of continuous work ACGME allows up to ${transitionHours} more hours for ` +
        `transitions of care and education, never new patient care. Untick the activities that are a handoff, ` +
        `teaching or administration: they may fill those hours. A ticked activity after ${maxHours} hours is a finding.`
      }
      dirty={f.dirty}
      saving={f.saving}
      problems={f.problems}
      onSave={() => void save()}
      onDiscard={f.discard}
    >
      {activities.error && <LoadError what="the activities" error={activities.error} onRetry={activities.reload} />}
      {activities.loading && <LinearProgress sx={{ height: 2 }} />}
      <Table size="small" aria-label="Activities: new patient care">
        <TableHead>
          <TableRow>
            <TableCell>Activity</TableCell>
            <TableCell>Kind</TableCell>
            <TableCell>Times</TableCell>
            <TableCell>New patient care</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {duty.map((a) => (
            <TableRow key={a.code}>
              <TableCell component="th" scope="row">
                <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
                  {a.code}
                </Typography>{' '}
                {a.name}
              </TableCell>
              <TableCell>{CATEGORY[a.category]}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap', color: 'text.secondary' }}>{timesOf(a)}</TableCell>
              <TableCell>
                <Checkbox
                  checked={f.form[a.code] ?? a.patientCare}
                  onChange={(e) => f.set({ [a.code]: e.target.checked })}
                  slotProps={{ input: { 'aria-label': `${a.code} ${a.name}: new patient care` } }}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </SettingsSection>
  );
}
