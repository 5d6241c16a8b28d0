// Absences of one person that repeat or overlap each other (absences.overlaps): one stretch of time
// away entered more than once, which counts the days twice and doubles what the checks report.
// Each group can be merged into one absence (absences.merge) of the type the coordinator keeps.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { AbsenceOverlapGroup } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { absencePartText, useAbsenceTypes } from '../lib/absenceTypes';
import { formatRange } from '../lib/dates';
import { ABSENCE_STATUS_LABELS } from '../lib/labels';
import { useNotify } from '../state/notify';

const groupKey = (g: AbsenceOverlapGroup) => g.absences.map((a) => a.id).join('+');

function GroupCard({ group }: { group: AbsenceOverlapGroup }) {
  const types = useAbsenceTypes();
  const [type, setType] = useState(group.absences[0].type);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choices = [...new Set(group.absences.map((a) => a.type))];

  async function merge() {
    setBusy(true);
    setError(null);
    try {
      const merged = await api()['absences.merge']({ ids: group.absences.map((a) => a.id), type });
      useNotify
        .getState()
        .notify(
          `Merged into one ${types.name(merged.type).toLowerCase()} for ${group.personName}, ` +
            `${formatRange(merged.start, merged.end)}`,
          'success',
        );
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="overlap-group" data-person-id={group.personId}>
      <Typography variant="subtitle2">
        {group.personName} · {formatRange(group.start, group.end)} ·{' '}
        {group.duplicates
          ? `${group.absences.length} copies of one absence`
          : `${group.absences.length} overlapping absences`}
      </Typography>
      <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
        {group.absences.map((a) => (
          <Typography key={a.id} component="li" variant="body2">
            {types.name(a.type)} · {formatRange(a.start, a.end)}
            {a.part !== undefined ? ` · ${absencePartText(a.part)}` : ''} · {ABSENCE_STATUS_LABELS[a.status]}
            {a.note ? ` · ${a.note}` : ''}
          </Typography>
        ))}
      </Box>
      <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
        {choices.length > 1 && (
          <TextField
            select
            size="small"
            label="Keep as"
            value={type}
            onChange={(e) => setType(e.target.value)}
            sx={{ width: 200 }}
          >
            {choices.map((t) => (
              <MenuItem key={t} value={t}>
                {types.name(t)}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Button variant="contained" size="small" onClick={() => void merge()} disabled={busy}>
          Merge into one
        </Button>
        <Typography variant="caption" color="text.secondary">
          {formatRange(group.start, group.end)},{' '}
          {group.absences.some((a) => a.status === 'approved') ? 'approved' : 'requested'}
        </Typography>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
    </Paper>
  );
}

export function MergeDialog({ groups, onClose }: { groups: AbsenceOverlapGroup[]; onClose(): void }) {
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="merge-title">
      <DialogTitle id="merge-title">Absences entered more than once</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          These absences of one person repeat or overlap each other. The schedule checks treat each group as one stretch
          of time away; merging keeps one absence from the first day to the last (the earliest entry, its notes kept)
          and deletes the others.
        </Typography>
        {groups.length === 0 ? (
          <Typography variant="body2">Nothing left to merge.</Typography>
        ) : (
          <Stack spacing={1.5}>
            {groups.map((g) => (
              <GroupCard key={groupKey(g)} group={g} />
            ))}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
