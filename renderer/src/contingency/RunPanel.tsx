// What to sweep and the sweep while it runs: the period, single losses or every pair too, whether
// people are gone for the whole period or from a date for some days, a time limit; then progress
// (losses done of all, the week at hand) with Stop (keep what is finished) and Cancel.
import PlayArrow from '@mui/icons-material/PlayArrow';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { dateRangeError } from '../lib/dateRange';
import { useNotify } from '../state/notify';
import { cancelRun, startSweep, stopRun, useContingency, type SweepRequest } from './store';

interface RunPanelProps {
  /** The period proposed (the rest of the academic year). */
  defaults: { start: string; end: string };
}

export function RunPanel({ defaults }: RunPanelProps) {
  const active = useContingency((s) => s.active);
  const [start, setStart] = useState(defaults.start);
  const [end, setEnd] = useState(defaults.end);
  const [depth, setDepth] = useState<1 | 2>(2);
  const [goneMode, setGoneMode] = useState<'period' | 'from'>('period');
  const [goneStart, setGoneStart] = useState(defaults.start);
  const [goneDays, setGoneDays] = useState('7');
  const [timeLimit, setTimeLimit] = useState('300');
  const [starting, setStarting] = useState(false);

  const problems: string[] = [];
  // Said beside To, so not repeated in the list below the fields.
  const rangeError = dateRangeError(start, end);
  if (!start || !end) problems.push('Choose the period');
  const days = Number(goneDays);
  if (goneMode === 'from' && (!goneStart || !Number.isInteger(days) || days < 1 || days > 366))
    problems.push('Gone for 1 to 366 days from a date');
  const seconds = Number(timeLimit);
  if (!(seconds >= 1 && seconds <= 3600)) problems.push('Time limit: 1 to 3600 seconds');

  const run = async () => {
    setStarting(true);
    const request: SweepRequest = {
      start,
      end,
      depth,
      gone: goneMode === 'period' ? { mode: 'period' } : { mode: 'from', start: goneStart, days },
      timeLimitSec: seconds,
    };
    try {
      await startSweep(request);
    } catch (err) {
      useNotify.getState().fail(err, 'Could not start the sweep');
    } finally {
      setStarting(false);
    }
  };

  const status = active?.status;
  const done = typeof status?.detail.done === 'number' ? status.detail.done : 0;
  const total = typeof status?.detail.total === 'number' ? status.detail.total : 0;
  return (
    <Card variant="outlined" data-testid="contingency-run">
      <CardContent
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center', py: 1.5, '&:last-child': { pb: 1.5 } }}
      >
        <TextField
          label="From"
          type="date"
          size="small"
          value={start}
          onChange={(e) => setStart(e.target.value)}
          disabled={!!active}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'sweep-from' } }}
        />
        <TextField
          label="To"
          type="date"
          size="small"
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          disabled={!!active}
          error={!!rangeError}
          helperText={rangeError}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'sweep-to' } }}
        />
        <TextField
          select
          label="Losses"
          size="small"
          value={depth}
          onChange={(e) => setDepth(Number(e.target.value) as 1 | 2)}
          disabled={!!active}
          sx={{ minWidth: 190 }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'sweep-depth' } as object } }}
        >
          <MenuItem value={1}>Each person (N-1)</MenuItem>
          <MenuItem value={2}>Each person and every pair (N-2)</MenuItem>
        </TextField>
        <TextField
          select
          label="Gone"
          size="small"
          value={goneMode}
          onChange={(e) => setGoneMode(e.target.value as 'period' | 'from')}
          disabled={!!active}
          sx={{ minWidth: 170 }}
        >
          <MenuItem value="period">for the whole period</MenuItem>
          <MenuItem value="from">from a date for some days</MenuItem>
        </TextField>
        {goneMode === 'from' && (
          <>
            <TextField
              label="Gone from"
              type="date"
              size="small"
              value={goneStart}
              onChange={(e) => setGoneStart(e.target.value)}
              disabled={!!active}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              label="Days"
              size="small"
              value={goneDays}
              onChange={(e) => setGoneDays(e.target.value)}
              disabled={!!active}
              sx={{ width: 80 }}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
          </>
        )}
        <TextField
          label="Time limit (s)"
          size="small"
          value={timeLimit}
          onChange={(e) => setTimeLimit(e.target.value)}
          disabled={!!active}
          sx={{ width: 110 }}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
        <Box sx={{ flex: 1 }} />
        {!active && (
          <Button
            variant="contained"
            startIcon={<PlayArrow />}
            onClick={() => void run()}
            disabled={starting || problems.length > 0 || !!rangeError}
            data-testid="sweep-run"
          >
            Run sweep
          </Button>
        )}
        {active && (
          <>
            <Button
              variant="outlined"
              onClick={() => void stopRun()}
              disabled={active.stopping}
              data-testid="sweep-stop"
            >
              {active.stopping ? 'Stopping…' : 'Stop'}
            </Button>
            <Button color="error" onClick={() => void cancelRun()} data-testid="sweep-cancel">
              Cancel
            </Button>
          </>
        )}
        {problems.length > 0 && !active && (
          <Alert severity="warning" variant="outlined" sx={{ width: '100%', py: 0 }}>
            {problems.join('. ')}
          </Alert>
        )}
        {active && (
          <Box sx={{ width: '100%' }} data-testid="sweep-progress">
            <LinearProgress
              variant={status?.progress ? 'determinate' : 'indeterminate'}
              value={(status?.progress ?? 0) * 100}
              sx={{ height: 6, borderRadius: 3 }}
            />
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} aria-live="polite">
              {active.kind === 'stress' ? 'Stress ladder: ' : ''}
              {status?.phase ?? 'Starting…'}
              {total > 0 ? ` (${Math.round((done / total) * 100)} %)` : ''}
            </Typography>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
