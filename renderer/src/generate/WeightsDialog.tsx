// Solver weights: how much each soft goal counts when the solver trades them off (the program's
// settings.solverWeights, saved with program.updateSettings). 0 switches a goal off.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { api, toApiError } from '../api';
import { useNotify } from '../state/notify';
import { useProgram } from '../state/program';
import { parseWeight, weightLabel, WEIGHT_LABELS } from './format';
import { setWeightsOpen, useGeneration } from './store';

export function WeightsDialog() {
  const open = useGeneration((s) => s.weightsOpen);
  const settings = useProgram((s) => s.info?.settings ?? null);
  return open && settings ? <WeightsForm weights={settings.solverWeights} /> : null;
}

function WeightsForm({ weights }: { weights: Record<string, number> }) {
  // Known goals first in a fixed order, then any others the program carries.
  const keys = [
    ...Object.keys(WEIGHT_LABELS).filter((k) => k in weights),
    ...Object.keys(weights)
      .filter((k) => !(k in WEIGHT_LABELS))
      .sort(),
  ];
  const [text, setText] = useState<Record<string, string>>(() =>
    Object.fromEntries(keys.map((k) => [k, String(weights[k])])),
  );
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const parsed = Object.fromEntries(keys.map((k) => [k, parseWeight(text[k] ?? '')]));
  const invalid = keys.some((k) => 'error' in parsed[k]);
  const changed = keys.some((k) => 'value' in parsed[k] && (parsed[k] as { value: number }).value !== weights[k]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (invalid || !changed) return;
    setSaving(true);
    setError(null);
    try {
      // Re-read the settings so a change made elsewhere meanwhile is not overwritten.
      const info = await api()['program.info']({});
      const solverWeights = { ...info.settings.solverWeights };
      for (const k of keys) solverWeights[k] = (parsed[k] as { value: number }).value;
      await api()['program.updateSettings']({ ...info.settings, solverWeights });
      await useProgram.getState().load();
      useNotify.getState().notify('Solver weights saved; the next generation uses them.', 'success');
      setWeightsOpen(false);
    } catch (err) {
      setError(toApiError(err).message);
      setSaving(false);
    }
  }

  return (
    <Dialog open onClose={() => setWeightsOpen(false)} maxWidth="sm" fullWidth aria-labelledby="weights-title">
      <form onSubmit={save} noValidate>
        <DialogTitle id="weights-title">Solver weights</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            Hard rules (coverage, ACGME hours, locked slots, absences) always hold. These weights say how much each soft
            goal counts when they conflict: a higher weight is given up last. 0 switches a goal off.
          </Typography>
          <Stack spacing={1.5}>
            {keys.map((k) => {
              const { label, help } = weightLabel(k);
              const p = parsed[k];
              return (
                <TextField
                  key={k}
                  label={label}
                  value={text[k] ?? ''}
                  onChange={(e) => setText((t) => ({ ...t, [k]: e.target.value }))}
                  error={'error' in p}
                  helperText={'error' in p ? p.error : help}
                  inputMode="decimal"
                  size="small"
                  slotProps={{ htmlInput: { 'data-weight': k } }}
                />
              );
            })}
          </Stack>
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setWeightsOpen(false)}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={saving || invalid || !changed}>
            {saving ? 'Saving…' : 'Save weights'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
