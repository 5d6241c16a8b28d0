// The summary of what will be exported, the Export button, and the progress of a run (with a
// way to stop it: a stopped export writes nothing).
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { countOf } from './formats';
import { PathText } from './PathText';
import { describeRange, type ExportReview } from './plan';
import type { RunProgress } from './run';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '78px minmax(0, 1fr)', gap: 1, py: 0.6 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" component="div" sx={{ minWidth: 0 }} data-testid={testId}>
        {children}
      </Typography>
    </Box>
  );
}

function Progress({
  progress,
  cancelling,
  onCancel,
  batch,
}: {
  progress: RunProgress;
  cancelling: boolean;
  onCancel(): void;
  batch: boolean;
}) {
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Box data-testid="export-running" aria-live="polite">
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, mb: 0.75 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="export-progress-text">
          {batch ? `Making ${Math.min(progress.done + 1, progress.total)} of ${progress.total}` : 'Making the file'}
        </Typography>
        {batch && (
          <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
            {percent}%
          </Typography>
        )}
      </Box>
      <LinearProgress
        variant={batch ? 'determinate' : 'indeterminate'}
        value={percent}
        aria-label="Export progress"
        data-testid="export-progress"
        sx={{ height: 8, borderRadius: 4 }}
      />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 1 }}>
        <Typography
          variant="caption"
          color="text.secondary"
          noWrap
          sx={{ flex: 1, minWidth: 0 }}
          data-testid="export-progress-current"
        >
          {cancelling ? 'Stopping: no file will be written…' : progress.current}
        </Typography>
        <Button size="small" color="inherit" onClick={onCancel} disabled={cancelling} data-testid="export-cancel">
          Stop
        </Button>
      </Box>
    </Box>
  );
}

interface RunPanelProps {
  review: ExportReview;
  running: { progress: RunProgress; cancelling: boolean; batch: boolean } | null;
  onRun(): void;
  onCancel(): void;
}

export function RunPanel({ review, running, onRun, onCancel }: RunPanelProps) {
  const problems = Object.keys(review.errors).length;
  const files = review.format.output === 'folder' ? review.who.people.length : 1;
  return (
    <Card sx={{ p: 2.5 }} data-testid="export-summary">
      <Typography variant="overline" color="text.secondary">
        Summary
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1.5 }}>
        <Typography variant="h6" component="p" sx={{ fontSize: '1.2rem' }}>
          {review.who.error || review.format.output === 'file' ? review.format.title : countOf(review.format.id, files)}
        </Typography>
        <Chip size="small" label={review.format.tag} variant="outlined" sx={{ fontWeight: 600 }} />
        {review.draft && (
          <Chip size="small" label="DRAFT" color="warning" sx={{ fontWeight: 700, letterSpacing: '0.06em' }} />
        )}
      </Box>
      <Box sx={{ borderTop: 1, borderColor: 'divider', pt: 1, mb: 2 }}>
        <Fact label="Who">
          {review.who.label}
          {!review.who.error && review.who.people.length > 1 && (
            <Box component="span" sx={{ color: 'text.secondary' }}>{` · ${review.who.people.length} people`}</Box>
          )}
        </Fact>
        <Fact label="When">{review.when.error ? review.when.label : describeRange(review.when)}</Fact>
        <Fact label="Schedule" testId="export-summary-source">
          {review.draft ? `Draft “${review.draft.name}”` : 'Published'}
        </Fact>
        <Fact label={review.format.output === 'folder' ? 'Folder' : 'File'}>
          {review.output ? <PathText path={review.output} /> : '—'}
        </Fact>
      </Box>

      {running ? (
        <Progress
          progress={running.progress}
          cancelling={running.cancelling}
          onCancel={onCancel}
          batch={running.batch}
        />
      ) : (
        <>
          <Button
            variant="contained"
            size="large"
            fullWidth
            startIcon={<FileDownloadOutlined />}
            disabled={!review.plan}
            onClick={onRun}
            data-testid="export-run"
          >
            {review.action}
          </Button>
          {problems > 0 && (
            <Typography
              variant="caption"
              color="error"
              component="p"
              sx={{ mt: 1, textAlign: 'center' }}
              data-testid="export-blocked"
            >
              {problems === 1 ? 'One choice needs attention' : `${problems} choices need attention`} before exporting.
            </Typography>
          )}
        </>
      )}
    </Card>
  );
}
