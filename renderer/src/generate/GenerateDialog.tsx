// The Generate dialog: what to generate (scope), for which period (a block, the academic year for
// the annual plan, or the year from a first block on for the whole-year scope), how long the solver may take, which
// solver, and a link to the soft-goal
// weights. Starting returns at once; the progress panel follows the job.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import InputAdornment from '@mui/material/InputAdornment';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import type { GenerationScopeName } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { formatRange, todayIso } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { useProgram } from '../state/program';
import { BACKENDS, parseTimeLimit, SCOPES } from './format';
import { closeGenerateDialog, setWeightsOpen, startGeneration, useGeneration, type DialogDefaults } from './store';

export function GenerateDialog() {
  const defaults = useGeneration((s) => s.dialog);
  return defaults ? <GenerateForm defaults={defaults} /> : null;
}

function GenerateForm({ defaults }: { defaults: DialogDefaults }) {
  const years = useProgram((s) => s.info?.academicYears ?? []);
  const [scope, setScope] = useState<GenerationScopeName>('block+calls');
  const [academicYear, setAcademicYear] = useState(defaults.academicYear);
  const [block, setBlock] = useState<string>(defaults.blockNumber === null ? '' : String(defaults.blockNumber));
  const [fromBlock, setFromBlock] = useState<string>('');
  const [timeLimit, setTimeLimit] = useState('60');
  const [backend, setBackend] = useState<'highs' | 'glpk'>('highs');
  const [freshPlan, setFreshPlan] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useGeneration(
    (s) => s.active?.status?.state === 'running' || (s.active !== null && s.active.status === null),
  );

  const rotations = useApiQuery('rotations', () => api()['rotations.list']({}));
  const shiftRotations = (rotations.data ?? []).filter((r) => r.shifts).map((r) => r.code);
  const blocksKey = `blocks:${academicYear}`;
  const blocks = useApiQuery(blocksKey, () => api()['blocks.list']({ academicYear }));
  const blockList = blocks.dataKey === blocksKey ? (blocks.data ?? []) : [];
  const needsBlock = SCOPES.find((s) => s.id === scope)!.needsBlock;
  const needsFromBlock = SCOPES.find((s) => s.id === scope)!.needsFromBlock === true;
  // A block number from another year (or none) falls back to today's block, else the first.
  useEffect(() => {
    if (!blockList.length || blockList.some((b) => String(b.number) === block)) return;
    const today = todayIso();
    setBlock(String((blockList.find((b) => b.start <= today && today <= b.end) ?? blockList[0]).number));
  }, [blockList, block]);
  // The whole year starts at the current block once the year is under way, else at its first block.
  useEffect(() => {
    if (!blockList.length || blockList.some((b) => String(b.number) === fromBlock)) return;
    const today = todayIso();
    setFromBlock(String((blockList.find((b) => b.start <= today && today <= b.end) ?? blockList[0]).number));
  }, [blockList, fromBlock]);

  const limit = parseTimeLimit(timeLimit);
  const plansRotations = scope === 'annual' || scope === 'year';
  const blockError =
    (needsBlock && !blockList.some((b) => String(b.number) === block)) ||
    (needsFromBlock && !blockList.some((b) => String(b.number) === fromBlock))
      ? 'choose a block'
      : null;
  const canStart = !starting && !running && !('error' in limit) && !blockError;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!canStart || 'error' in limit) return;
    setStarting(true);
    setError(null);
    try {
      await startGeneration({
        scope,
        academicYear,
        blockNumber: needsBlock ? Number(block) : null,
        fromBlock: needsFromBlock ? Number(fromBlock) : null,
        timeLimitSec: limit.value,
        backend,
        ...(plansRotations ? { keepCurrentPlan: !freshPlan } : {}),
      });
    } catch (err) {
      const data = toApiError(err);
      setError([data.message, ...(data.issues ?? []).map((i) => `${i.path}: ${i.message}`)].join('\n'));
      setStarting(false);
    }
  }

  return (
    <Dialog open onClose={closeGenerateDialog} maxWidth="sm" fullWidth aria-labelledby="generate-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="generate-title">Generate a schedule</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 0.5 }}>
            <Typography variant="body2" color="text.secondary">
              The result goes into a new draft. The published schedule does not change until you publish the draft.
              Locked slots and blocking absences are kept.
            </Typography>
            <FormControl>
              <FormLabel id="generate-scope">What to generate</FormLabel>
              <RadioGroup
                aria-labelledby="generate-scope"
                value={scope}
                onChange={(e) => setScope(e.target.value as GenerationScopeName)}
              >
                {SCOPES.map((s) => (
                  <FormControlLabel
                    key={s.id}
                    value={s.id}
                    control={<Radio size="small" />}
                    label={
                      <span>
                        {s.label}
                        <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
                          {s.help}
                        </Typography>
                      </span>
                    }
                    sx={{ alignItems: 'flex-start', mb: 0.5, '& .MuiRadio-root': { pt: 0.25 } }}
                  />
                ))}
              </RadioGroup>
            </FormControl>
            {shiftRotations.length > 0 && scope !== 'annual' && scope !== 'calls' && (
              <Typography variant="body2" color="text.secondary" data-testid="generate-shift-note">
                Shift-based {shiftRotations.length === 1 ? 'rotation' : 'rotations'} {shiftRotations.join(', ')}: their
                residents' shifts are rostered first, to cover each day's shifts under the ACGME rules and the
                rotation's limits.
              </Typography>
            )}
            <Stack direction="row" spacing={2}>
              <TextField
                select
                label="Academic year"
                value={String(academicYear)}
                onChange={(e) => setAcademicYear(Number(e.target.value))}
                sx={{ minWidth: 160 }}
              >
                {years.map((y) => (
                  <MenuItem key={y.id} value={String(y.id)}>
                    {y.label}
                  </MenuItem>
                ))}
              </TextField>
              {needsBlock && (
                <TextField
                  select
                  label="Block"
                  value={blockList.some((b) => String(b.number) === block) ? block : ''}
                  onChange={(e) => setBlock(e.target.value)}
                  error={!!blockError && blockList.length > 0}
                  helperText={blocks.loading && !blockList.length ? 'Loading blocks…' : ' '}
                  sx={{ flex: 1 }}
                  slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'generate-block' } as object } }}
                >
                  {blockList.map((b) => (
                    <MenuItem key={b.number} value={String(b.number)}>
                      Block {b.number} · {formatRange(b.start, b.end)}
                    </MenuItem>
                  ))}
                </TextField>
              )}
              {needsFromBlock && (
                <TextField
                  select
                  label="From block"
                  value={blockList.some((b) => String(b.number) === fromBlock) ? fromBlock : ''}
                  onChange={(e) => setFromBlock(e.target.value)}
                  error={!!blockError && blockList.length > 0}
                  helperText={
                    blocks.loading && !blockList.length
                      ? 'Loading blocks…'
                      : 'Blocks before it keep their plan and schedule.'
                  }
                  sx={{ flex: 1 }}
                  slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'generate-from-block' } as object } }}
                >
                  {blockList.map((b) => (
                    <MenuItem key={b.number} value={String(b.number)}>
                      Block {b.number} · {formatRange(b.start, b.end)}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            </Stack>
            {plansRotations && (
              <FormControlLabel
                control={<Checkbox checked={freshPlan} onChange={(e) => setFreshPlan(e.target.checked)} />}
                label="Plan the rotations afresh (otherwise the current plan is kept wherever it still holds)"
                data-testid="generate-fresh-plan"
              />
            )}
            <Stack direction="row" spacing={2}>
              <TextField
                label="Time limit"
                value={timeLimit}
                onChange={(e) => setTimeLimit(e.target.value)}
                error={'error' in limit}
                helperText={'error' in limit ? limit.error : 'At the limit the best schedule so far is kept.'}
                inputMode="decimal"
                sx={{ width: 200 }}
                slotProps={{
                  input: { endAdornment: <InputAdornment position="end">seconds</InputAdornment> },
                  htmlInput: { 'aria-label': 'Time limit in seconds' },
                }}
              />
              <TextField
                select
                label="Solver"
                value={backend}
                onChange={(e) => setBackend(e.target.value as 'highs' | 'glpk')}
                helperText={BACKENDS.find((b) => b.id === backend)!.help}
                sx={{ flex: 1 }}
              >
                {BACKENDS.map((b) => (
                  <MenuItem key={b.id} value={b.id}>
                    {b.label}
                  </MenuItem>
                ))}
              </TextField>
            </Stack>
            <Typography variant="body2">
              Soft goals (clinic targets, fair calls, spacing) are traded off by their weights.{' '}
              <Link component="button" type="button" onClick={() => setWeightsOpen(true)}>
                Solver weights…
              </Link>
            </Typography>
            {running && (
              <Alert severity="info">A generation is already running. Stop it or wait for it to finish first.</Alert>
            )}
            {error && (
              <Alert severity="error" sx={{ whiteSpace: 'pre-line' }}>
                {error}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={closeGenerateDialog}>Close</Button>
          <Button type="submit" variant="contained" disabled={!canStart}>
            {starting ? 'Starting…' : 'Generate'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
