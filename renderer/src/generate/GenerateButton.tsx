// The "Generate…" button for a view's toolbar (Schedule, Drafts): opens the Generate dialog on the
// academic year and block the view shows.
import AutoFixHighOutlined from '@mui/icons-material/AutoFixHighOutlined';
import Button from '@mui/material/Button';
import { openGenerateDialog, useGeneration } from './store';

export function GenerateButton({ academicYear, blockNumber }: { academicYear: number | null; blockNumber: number | null }) {
  const running = useGeneration((s) => s.active !== null && (s.active.status === null || s.active.status.state === 'running'));
  return (
    <Button
      variant="contained"
      startIcon={<AutoFixHighOutlined />}
      disabled={academicYear === null}
      onClick={() => academicYear !== null && openGenerateDialog({ academicYear, blockNumber })}
      title={running ? 'A generation is running; see the panel at the bottom right' : 'Generate a schedule into a new draft'}
    >
      Generate…
    </Button>
  );
}
