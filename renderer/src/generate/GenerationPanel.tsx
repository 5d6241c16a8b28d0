// The run's details, opened from its status in the top bar (GenerationStatus) and shown under it:
// a progress bar, the solver's phase, best so far, best possible, how much it could improve and the
// elapsed time, Stop (keep the best schedule so far) and Cancel (write nothing). When the run ends
// it says how it went in plain words and opens the draft. Under the top bar at the right; not modal:
// the app stays usable; Escape or Hide details closes it and gives the focus back to the status.
import CloseIcon from '@mui/icons-material/Close';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { GenerationResult } from '../../../core/api/contract';
import { DiagnosisList, FindingList } from './Outcome';
import { formatGap, formatNumber, formatSeconds, liveFigures, outcomeHeadline, resultOf, scopeLabel } from './format';
import {
  cancelGeneration,
  dismissGeneration,
  openGeneratedDraft,
  setPanelOpen,
  showDetails,
  showGeneratedDraftInGrid,
  stopGeneration,
  useGeneration,
  type GenerationRequest,
} from './store';
import { formatShortDate } from '../lib/dates';
import { plural } from '../lib/words';
import { TOP_BAR_HEIGHT } from '../ui/layout';

export const GENERATION_PANEL_ID = 'generation-panel';

function requestTitle(r: GenerationRequest): string {
  const year = `AY ${r.academicYear}–${String(r.academicYear + 1).slice(2)}`;
  if (r.scope === 'year') return `Whole year · ${year} from block ${r.fromBlock ?? '?'}`;
  const period = r.blockNumber === null ? year : `Block ${r.blockNumber}`;
  return `${scopeLabel(r.scope)} · ${period}`;
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );
}

/** Shown when the top bar's status opens it; `onHide` gives the focus back to the status. */
export function GenerationPanel({ onHide }: { onHide(): void }) {
  const active = useGeneration((s) => s.active);
  const open = !!active?.panelOpen;
  if (!active) return null;
  const status = active.status;
  const running = !status || status.state === 'running';
  const live = liveFigures(status);
  const result = resultOf(status);
  const hide = () => {
    setPanelOpen(false);
    onHide();
  };

  return (
    open && (
      <Paper
        // Opened (by click or keyboard): the focus goes in as it appears (the popper mounts it a render
        // later), so Tab reaches Stop and the result's buttons next.
        ref={(el: HTMLDivElement | null) => el?.focus()}
        tabIndex={-1}
        elevation={8}
        role="region"
        aria-label="Schedule generation"
        id={GENERATION_PANEL_ID}
        data-testid="generation-panel"
        data-state={status?.state ?? 'starting'}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.stopPropagation();
          hide();
        }}
        sx={{
          // Under the top bar at the right: the navigation and the page's header stay free.
          position: 'fixed',
          top: TOP_BAR_HEIGHT + 4,
          right: 16,
          zIndex: (t) => t.zIndex.modal - 1,
          width: 420,
          maxWidth: 'calc(100vw - 32px)',
          // A long result (a diagnosis, findings) scrolls inside; the panel never runs off the window.
          maxHeight: 'calc(100vh - 72px)',
          overflowY: 'auto',
          p: 2,
          outline: 'none',
        }}
      >
        <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="subtitle2" sx={{ flex: 1 }}>
            {running ? 'Generating: ' : 'Generation: '}
            {requestTitle(active.request)}
          </Typography>
          <IconButton size="small" aria-label="Hide details" onClick={hide}>
            <ExpandLessIcon fontSize="small" />
          </IconButton>
          {!running && (
            <IconButton
              size="small"
              aria-label="Close generation panel"
              onClick={() => {
                dismissGeneration();
                onHide();
              }}
            >
              <CloseIcon fontSize="small" />
            </IconButton>
          )}
        </Stack>
        {running ? (
          <Running live={live} stopping={active.stopping} backend={active.request.backend} />
        ) : result ? (
          <Finished result={result} />
        ) : (
          <Ended state={status!.state} error={status!.error} />
        )}
      </Paper>
    )
  );
}

function Running({
  live,
  stopping,
  backend,
}: {
  live: ReturnType<typeof liveFigures>;
  stopping: boolean;
  backend: 'highs' | 'glpk';
}) {
  // The bar shows how close the best schedule is proven to be to the best possible; before a schedule exists it runs
  // indeterminate.
  const closed = live.gap === null ? null : Math.max(0, Math.min(100, (1 - Math.min(live.gap, 1)) * 100));
  return (
    <>
      <LinearProgress
        variant={closed === null ? 'indeterminate' : 'determinate'}
        value={closed ?? undefined}
        aria-label="Generation progress"
        sx={{ height: 6, borderRadius: 3, mb: 1 }}
      />
      <Typography variant="body2" data-testid="generation-phase" sx={{ mb: 1, overflowWrap: 'anywhere' }}>
        {stopping && live.phase !== 'Stopping' ? `Stopping… (${live.phase})` : live.phase}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 1, mb: 1.5 }}>
        <Figure label="Best so far" value={formatNumber(live.incumbent, 2)} testId="generation-incumbent" />
        <Figure label="Best possible" value={formatNumber(live.bound, 2)} testId="generation-bound" />
        <Figure label="Could improve" value={formatGap(live.gap)} testId="generation-gap" />
        <Figure label="Elapsed" value={formatSeconds(live.elapsedSec)} testId="generation-elapsed" />
      </Box>
      <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
        <Tooltip
          describeChild
          title={
            backend === 'glpk'
              ? 'GLPK cannot be interrupted: it stops at the time limit'
              : 'Keep the best schedule found so far in a draft'
          }
        >
          <span>
            <Button variant="outlined" onClick={() => void stopGeneration()} disabled={stopping}>
              {stopping ? 'Stopping…' : 'Stop'}
            </Button>
          </span>
        </Tooltip>
        <Tooltip describeChild title="Stop at once and write nothing">
          <Button color="error" onClick={() => void cancelGeneration()}>
            Cancel
          </Button>
        </Tooltip>
      </Stack>
    </>
  );
}

/** "412 slots, 17 call nights and 2 inpatient weeks" (what a generated draft changes). */
export function changesWords(c: NonNullable<GenerationResult['changes']>): string {
  const n = (value: number, one: string, many = `${one}s`) =>
    `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;
  const parts = [
    c.cells ? n(c.cells, 'slot') : '',
    c.calls ? n(c.calls, 'call assignment') : '',
    c.inpatientWeeks ? n(c.inpatientWeeks, 'inpatient week') : '',
    c.rotations ? n(c.rotations, 'plan entry', 'plan entries') : '',
  ].filter(Boolean);
  if (parts.length === 0) return 'no changes';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** What a whole-year draft holds: the plan, and which blocks' calls and half-days. */
function yearNote(result: GenerationResult): string {
  const done = result.completedBlocks ?? [];
  const last = done[done.length - 1];
  const head = `The draft holds the new rotation plan from block ${result.fromBlock ?? '?'} on`;
  if (done.length === 0)
    return (
      `${head}, but no block’s calls or half-days (the run stopped first): their half-days still follow the ` +
      `published plan.`
    );
  const blocks = done.length === 1 ? `block ${last}` : `blocks ${done[0]}–${last}`;
  const stoppedEarly = result.range.end < `${result.academicYear + 1}-06-30`;
  return (
    `${head} and the calls and half-days of ${blocks}` +
    (stoppedEarly ? '; the run stopped there, so the later blocks’ half-days still follow the published plan' : '') +
    '. Review the Rotation plan section and the changed slots together, then publish.'
  );
}

function Ended({ state, error }: { state: string; error: string | null }) {
  return (
    <Alert severity={state === 'cancelled' ? 'info' : 'error'} data-testid="generation-outcome">
      {state === 'cancelled'
        ? 'Cancelled. Nothing was written; the schedule is as it was.'
        : (error ?? 'Generation failed')}
    </Alert>
  );
}

function Finished({ result }: { result: GenerationResult }) {
  const headline = outcomeHeadline(result);
  const f = result.figures;
  return (
    <>
      <Alert severity={headline.tone} data-testid="generation-outcome" sx={{ mb: 1 }}>
        {headline.text}
      </Alert>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 1, mb: 1 }}>
        <Figure
          label="Problem size"
          value={`${formatNumber(f.variables)} choices · ${formatNumber(f.rows)} conditions`}
          testId="generation-size"
        />
        <Figure label="First schedule" value={formatSeconds(f.timeToFirstFeasibleSec)} testId="generation-first" />
        <Figure
          label={result.optimal ? 'Proven best in' : 'Could still improve'}
          value={result.optimal ? formatSeconds(f.timeToOptimalSec) : formatGap(f.gap)}
          testId="generation-optimal"
        />
        <Figure label="Penalty score" value={formatNumber(f.objective, 2)} testId="generation-objective" />
        <Figure label="Rule findings" value={`${f.findings} (${f.hardFindings} hard)`} testId="generation-findings" />
        <Figure label="Total time" value={formatSeconds(f.elapsedSec)} testId="generation-total" />
      </Box>
      {result.changes && (
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="generation-changes">
          The draft holds {changesWords(result.changes)}.
        </Typography>
      )}
      {result.missing.length > 0 && (
        <Alert severity="warning" sx={{ mb: 1 }} data-testid="generation-missing">
          {result.missing.map((m) => (
            <div key={`${m.start}:${m.what}`}>
              Missing {m.what}: {m.why}.
            </div>
          ))}
          Publishing is blocked until this is acknowledged in the draft.
        </Alert>
      )}
      {result.unplanned.length > 0 && (
        <Alert severity="warning" sx={{ mb: 1 }} data-testid="generation-unplanned">
          Not scheduled, no rotation in the annual plan:{' '}
          {result.unplanned
            .map((u) => `${u.name} (block ${u.blockNumber}, ${plural(u.days.length, 'day')})`)
            .join(', ')}
          . Their half-days are unchanged: enter their rotation plan, then generate again.
        </Alert>
      )}
      {result.lockedOverUnavailable.length > 0 && (
        <Alert severity="warning" sx={{ mb: 1 }} data-testid="generation-locked-unavailable">
          Kept locked where the person is unavailable:{' '}
          {result.lockedOverUnavailable
            .map((l) => `${l.name} ${formatShortDate(l.date)} ${l.half} (${l.activityCode}, ${l.why})`)
            .join('; ')}
          . Unlock them, or change the absence or the call, to have them planned.
        </Alert>
      )}
      {(result.status === 'infeasible' || result.status === 'invalid' || result.unsolvedBlocks.length > 0) &&
        result.diagnosis && <DiagnosisList diagnosis={result.diagnosis} max={3} made={result.status === 'invalid'} />}
      {result.hardFindings.length > 0 && <FindingList findings={result.hardFindings} max={3} />}
      {result.scope === 'annual' && result.draftId !== null && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          The proposed rotation plan is in the draft: review its Rotation plan section, change blocks by hand in the
          grid, then publish.
        </Typography>
      )}
      {result.scope === 'year' && result.draftId !== null && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="generation-year-note">
          {yearNote(result)}
        </Typography>
      )}
      <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
        <Button onClick={() => showDetails(result)}>Details</Button>
        {result.draftId !== null && (
          <>
            <Tooltip describeChild title="The draft in the block grid; right-click a cell to see why it is what it is">
              <Button onClick={() => showGeneratedDraftInGrid(result)}>Show in grid</Button>
            </Tooltip>
            <Tooltip describeChild title="Its changes against the published schedule, its flags, and publishing">
              <Button variant="contained" onClick={() => openGeneratedDraft(result)}>
                Open draft
              </Button>
            </Tooltip>
          </>
        )}
      </Stack>
    </>
  );
}
