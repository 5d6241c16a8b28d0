// One section of the Settings view: what it is for, its fields, and Save / Discard. Problems the
// server reports that no field shows are listed above the buttons.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { FormEvent, ReactNode } from 'react';

interface Props {
  title: string;
  /** What the settings of the section decide, in a sentence or two. */
  summary: ReactNode;
  dirty: boolean;
  saving: boolean;
  /** Problems no field shows (a refusal of the whole section). */
  problems?: string[];
  onSave(): void;
  onDiscard(): void;
  children: ReactNode;
}

export function SettingsSection({ title, summary, dirty, saving, problems = [], onSave, onDiscard, children }: Props) {
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!saving && dirty) onSave();
  }
  return (
    <Paper
      variant="outlined"
      component="form"
      noValidate
      onSubmit={submit}
      aria-label={title}
      sx={{ p: 2.5, maxWidth: 980 }}
    >
      <Typography variant="h6" component="h2">
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, mb: 2, maxWidth: 760 }}>
        {summary}
      </Typography>
      {children}
      {problems.length > 0 && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
        </Alert>
      )}
      <Stack direction="row" spacing={1.5} sx={{ mt: 2.5, alignItems: 'center' }}>
        <Button
          type="submit"
          variant="contained"
          disabled={!dirty || saving}
          startIcon={saving ? <CircularProgress size={14} color="inherit" /> : null}
        >
          Save
        </Button>
        <Button onClick={onDiscard} disabled={!dirty || saving}>
          Discard changes
        </Button>
        <Box sx={{ flex: 1 }} />
        {dirty && !saving && (
          <Typography variant="caption" color="text.secondary">
            Unsaved changes
          </Typography>
        )}
      </Stack>
    </Paper>
  );
}
