// Make a rotation shift-based (emergency department, ICU, night float) or not: its shifts with
// start and end times and the residents each needs per weekday, and its limits. Checks the fields
// before sending and shows the server's issues beside the fields they name.
import AddIcon from '@mui/icons-material/Add';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { Activity, Rotation } from '../../../core/domain/types';
import { api, toApiError } from '../api';
import { useNotify } from '../state/notify';
import {
  WEEKDAYS,
  draftFromRotation,
  hasShiftErrors,
  shiftIssuesToErrors,
  toShiftsInput,
  validateShiftDraft,
  type ShiftDraft,
  type ShiftErrors,
  type ShiftRow,
} from './shiftForm';
import { DialogSubmitActions } from '../ui/DialogSubmitActions';

interface Props {
  rotation: Rotation;
  activities: Map<string, Activity>;
  onClose(): void;
}

export function ShiftRotationDialog({ rotation, activities, onClose }: Props) {
  const [draft, setDraft] = useState<ShiftDraft>(() => draftFromRotation(rotation, activities));
  const [errors, setErrors] = useState<ShiftErrors>({});
  const [formError, setFormError] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const notify = useNotify((s) => s.notify);
  const fail = useNotify((s) => s.fail);

  function set<K extends keyof ShiftDraft>(key: K, value: ShiftDraft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  }
  function setRow(i: number, change: Partial<ShiftRow>, field: string) {
    setDraft((d) => ({ ...d, shifts: d.shifts.map((r, k) => (k === i ? { ...r, ...change } : r)) }));
    setErrors((e) => ({ ...e, [`shifts.${i}.${field}`]: undefined, shifts: undefined }));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const clientErrors = validateShiftDraft(draft);
    setErrors(clientErrors);
    setFormError([]);
    if (hasShiftErrors(clientErrors)) return;
    setSaving(true);
    try {
      const saved = await api()['rotations.setShifts'](toShiftsInput(rotation.id, draft));
      notify(
        saved.rotation.shifts
          ? `${rotation.code} is worked in ${saved.rotation.shifts.shifts.length} shifts`
          : `${rotation.code} is worked from its weekly pattern again`,
        'success',
      );
      onClose();
    } catch (err) {
      const data = toApiError(err);
      if (data.code === 'invalid_input' && data.issues?.length) {
        const mapped = shiftIssuesToErrors(data.issues);
        setErrors(mapped.fields);
        setFormError(mapped.other);
      } else {
        setFormError([data.message]);
        fail(err, `Could not save the shifts of ${rotation.code}`);
      }
      setSaving(false);
    }
  }

  const cell = { px: 0.5, py: 0.5, borderBottom: 'none', verticalAlign: 'top' } as const;
  const limit = (
    key: 'minRestHours' | 'maxConsecutiveShifts' | 'minHoursPerWeek' | 'maxHoursPerWeek' | 'minWeekendsOff',
    label: string,
    help: string,
  ) => (
    <TextField
      label={label}
      value={draft[key]}
      onChange={(e) => set(key, e.target.value)}
      error={!!errors[key]}
      helperText={errors[key] ?? help}
      size="small"
      sx={{ width: 190 }}
      slotProps={{ htmlInput: { 'data-testid': `shift-${key}`, inputMode: 'decimal' } }}
    />
  );

  return (
    <Dialog open onClose={saving ? undefined : onClose} fullWidth maxWidth="md" aria-labelledby="shift-dialog-title">
      <form onSubmit={save} noValidate data-testid="shift-form">
        <DialogTitle id="shift-dialog-title">
          Shifts of {rotation.code} — {rotation.name}
        </DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            {formError.length > 0 && (
              <Alert severity="error" data-testid="shift-form-error">
                {formError.map((m) => (
                  <div key={m}>{m}</div>
                ))}
              </Alert>
            )}
            <FormControlLabel
              control={
                <Switch
                  checked={draft.shiftBased}
                  onChange={(e) => set('shiftBased', e.target.checked)}
                  slotProps={{ input: { 'aria-label': 'Shift-based rotation' } }}
                  data-testid="shift-based"
                />
              }
              label={
                draft.shiftBased
                  ? 'Shift-based: residents work the shifts below, rostered when a block is generated (not the ' +
                    'weekly pattern)'
                  : 'Worked from its weekly pattern'
              }
            />
            {draft.shiftBased && (
              <>
                <Typography variant="body2" color="text.secondary">
                  A shift is dated on the day it starts and takes the half-days it runs in, split at noon: 07:00–19:00
                  fills AM and PM, a night 19:00–07:00 fills PM and ends the next morning. The residents' other half-day
                  is off. Each shift is an activity with these times.
                </Typography>
                <Box sx={{ overflowX: 'auto' }}>
                  <Table size="small" aria-label="Shifts">
                    <TableHead>
                      <TableRow>
                        <TableCell sx={cell}>Code</TableCell>
                        <TableCell sx={cell}>Name</TableCell>
                        <TableCell sx={cell}>Start</TableCell>
                        <TableCell sx={cell}>End</TableCell>
                        {WEEKDAYS.map((w) => (
                          <TableCell key={w} sx={{ ...cell, textAlign: 'center' }}>
                            {w}
                          </TableCell>
                        ))}
                        <TableCell sx={cell} />
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {draft.shifts.map((row, i) => (
                        <TableRow key={i} data-testid="shift-row">
                          <TableCell sx={cell}>
                            <TextField
                              value={row.code}
                              onChange={(e) => setRow(i, { code: e.target.value.toUpperCase() }, 'code')}
                              error={!!errors[`shifts.${i}.code`]}
                              helperText={errors[`shifts.${i}.code`]}
                              size="small"
                              slotProps={{
                                htmlInput: {
                                  'aria-label': `Shift ${i + 1} code`,
                                  'data-testid': `shift-code-${i}`,
                                  maxLength: 8,
                                  style: { width: 64 },
                                },
                              }}
                            />
                          </TableCell>
                          <TableCell sx={cell}>
                            <TextField
                              value={row.name}
                              onChange={(e) => setRow(i, { name: e.target.value }, 'name')}
                              error={!!errors[`shifts.${i}.name`]}
                              helperText={errors[`shifts.${i}.name`]}
                              size="small"
                              slotProps={{
                                htmlInput: {
                                  'aria-label': `Shift ${i + 1} name`,
                                  'data-testid': `shift-name-${i}`,
                                  maxLength: 80,
                                  style: { width: 140 },
                                },
                              }}
                            />
                          </TableCell>
                          {(['start', 'end'] as const).map((k) => (
                            <TableCell key={k} sx={cell}>
                              <TextField
                                type="time"
                                value={row[k]}
                                onChange={(e) => setRow(i, { [k]: e.target.value }, k)}
                                error={!!errors[`shifts.${i}.${k}`]}
                                helperText={errors[`shifts.${i}.${k}`]}
                                size="small"
                                slotProps={{
                                  htmlInput: {
                                    'aria-label': `Shift ${i + 1} ${k}`,
                                    'data-testid': `shift-${k}-${i}`,
                                    step: 300,
                                  },
                                }}
                              />
                            </TableCell>
                          ))}
                          {row.cover.map((c, k) => (
                            <TableCell key={k} sx={cell}>
                              <TextField
                                value={c}
                                onChange={(e) =>
                                  setRow(
                                    i,
                                    { cover: row.cover.map((x, j) => (j === k ? e.target.value : x)) },
                                    `cover.${k}`,
                                  )
                                }
                                error={!!errors[`shifts.${i}.cover.${k}`]}
                                size="small"
                                slotProps={{
                                  htmlInput: {
                                    'aria-label': `Shift ${i + 1} residents on ${WEEKDAYS[k]}`,
                                    'data-testid': `shift-cover-${i}-${k}`,
                                    inputMode: 'numeric',
                                    style: { width: 28, textAlign: 'center' },
                                  },
                                }}
                              />
                            </TableCell>
                          ))}
                          <TableCell sx={cell}>
                            <Tooltip title="Remove this shift">
                              <IconButton
                                aria-label={`Remove shift ${i + 1}`}
                                onClick={() =>
                                  set(
                                    'shifts',
                                    draft.shifts.filter((_, k) => k !== i),
                                  )
                                }
                              >
                                <DeleteOutline fontSize="small" />
                              </IconButton>
                            </Tooltip>
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </Box>
                {errors.shifts && (
                  <Typography variant="body2" color="error">
                    {errors.shifts}
                  </Typography>
                )}
                <Box>
                  <Button
                    startIcon={<AddIcon />}
                    onClick={() =>
                      set('shifts', [
                        ...draft.shifts,
                        { code: '', name: '', start: '07:00', end: '15:00', cover: WEEKDAYS.map(() => '1') },
                      ])
                    }
                    disabled={draft.shifts.length >= 12}
                  >
                    Add shift
                  </Button>
                </Box>
                <Typography variant="subtitle2">Each resident on the rotation</Typography>
                <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
                  {limit('minRestHours', 'Rest between shifts (h)', 'End of one to start of the next')}
                  {limit('maxConsecutiveShifts', 'Most shifts in a row', 'Shifts on consecutive days')}
                  {limit('minHoursPerWeek', 'Least hours a week', 'Averaged over the block')}
                  {limit('maxHoursPerWeek', 'Most hours a week', 'Averaged over the block')}
                  {limit('minWeekendsOff', 'Weekends off per four', 'Saturday and Sunday free')}
                </Stack>
                <Typography variant="body2" color="text.secondary">
                  The ACGME limits (80 hours a week, one day in seven free, continuous duty, rest) and the program's
                  policies apply as well, with the days before and after the block.
                </Typography>
              </>
            )}
          </Stack>
        </DialogContent>
        <DialogSubmitActions busy={saving} onCancel={onClose} testId="shift-save">
          {saving ? 'Saving…' : 'Save'}
        </DialogSubmitActions>
      </form>
    </Dialog>
  );
}
