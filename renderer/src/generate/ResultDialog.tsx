// Everything about one finished run: how it ended, the figures per model, every hard-rule
// finding or the whole diagnosis, and where the schedule went.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { GenerationResult } from '../../../core/api/contract';
import { DiagnosisList, FindingList, ModelTable } from './Outcome';
import { plural } from '../lib/words';
import { formatGap, formatSeconds, outcomeHeadline, scopeLabel } from './format';
import { openGeneratedDraft, showDetails, useGeneration } from './store';

export function ResultDialog() {
  const result = useGeneration((s) => s.details);
  if (!result) return null;
  const headline = outcomeHeadline(result);
  const f = result.figures;
  const close = () => showDetails(null);
  return (
    <Dialog open onClose={close} maxWidth="md" fullWidth aria-labelledby="generation-result-title">
      <DialogTitle id="generation-result-title">
        Generation run #{result.runId}: {scopeLabel(result.scope)}
        {result.blockNumber !== null
          ? ` · Block ${result.blockNumber}`
          : result.fromBlock !== null
            ? ` · from block ${result.fromBlock}`
            : ''}
      </DialogTitle>
      <DialogContent>
        <Alert severity={headline.tone} sx={{ mb: 2 }}>
          {headline.text}
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            {result.message}
          </Typography>
        </Alert>
        <Typography variant="body2" sx={{ mb: 1 }}>
          {result.draftId !== null ? draftNote(result) : 'Nothing was written to a draft.'} First complete schedule
          after {formatSeconds(f.timeToFirstFeasibleSec)};{' '}
          {result.optimal
            ? `proven the best after ${formatSeconds(f.timeToOptimalSec)}`
            : `could still improve by up to ${formatGap(f.gap)}`}
          ; {plural(f.findings, 'rule finding')}, {f.hardFindings} hard; {formatSeconds(f.elapsedSec)} in all.
        </Typography>
        {f.models.length > 0 && <ModelTable models={f.models} />}
        {result.diagnosis && (
          <div style={{ marginTop: 16 }}>
            <DiagnosisList diagnosis={result.diagnosis} max={20} made={result.status === 'invalid'} />
          </div>
        )}
        {result.hardFindings.length > 0 && (
          <div style={{ marginTop: 16 }}>
            <FindingList findings={result.hardFindings} max={20} />
          </div>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Close</Button>
        {result.draftId !== null && (
          <Button
            variant="contained"
            onClick={() => {
              close();
              openGeneratedDraft(result);
            }}
          >
            Open draft
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

/** Where the run's schedule went: its draft, and the locked slots of the published schedule it kept. */
function draftNote(result: GenerationResult): string {
  const what =
    result.scope === 'annual' ? 'rotation plan' : result.scope === 'year' ? 'rotation plan and schedule' : 'schedule';
  const locked = result.skippedLocked;
  const kept = locked
    ? `; ${plural(locked, 'locked slot')} of the published schedule kept as ${locked === 1 ? 'it is' : 'they are'}`
    : '';
  return `The ${what} is in draft #${result.draftId} “${result.draftName}”${kept}.`;
}
