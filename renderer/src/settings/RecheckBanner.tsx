// What re-checking the schedule found after the last save in the Settings view.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useProgram } from '../state/program';
import { useRoute } from '../state/route';
import { useRecheck } from './save';
import { countsChanged, recheckWords } from './settingsForm';

export function RecheckBanner() {
  const last = useRecheck((s) => s.last);
  const dismiss = useRecheck((s) => s.dismiss);
  const info = useProgram((s) => s.info);
  const open = useRoute((s) => s.open);
  if (!last) return null;
  const year = info?.academicYears.find((y) => y.id === last.academicYear)?.label ?? String(last.academicYear);
  if (last.error || !last.after)
    return (
      <Alert severity="warning" onClose={dismiss} sx={{ mb: 2, maxWidth: 980 }} data-testid="settings-recheck">
        {last.section} saved, but the schedule of {year} could not be checked: {last.error}
      </Alert>
    );
  const changed = countsChanged(last.before, last.after);
  const serious = last.after.critical + last.after.high > 0;
  return (
    <Alert
      severity={changed && serious ? 'warning' : 'info'}
      onClose={dismiss}
      sx={{ mb: 2, maxWidth: 980 }}
      data-testid="settings-recheck"
      action={
        <Button color="inherit" size="small" onClick={() => open('compliance', { ay: String(last.academicYear) })}>
          Open Compliance
        </Button>
      }
    >
      {last.section} saved. Re-checked the published schedule of {year}: {recheckWords(last.before, last.after)}
      {changed ? '.' : ' (unchanged).'}
    </Alert>
  );
}
