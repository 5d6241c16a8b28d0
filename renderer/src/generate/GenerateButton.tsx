// The "Generate…" button for a view's toolbar (Schedule, Drafts): opens the Generate dialog on the
// academic year and block the view shows (default: the selected academic year, the current block).
import AutoFixHighOutlined from '@mui/icons-material/AutoFixHighOutlined';
import Button from '@mui/material/Button';
import { useAcademicYear } from '../state/program';
import { useCan } from '../state/session';
import { openGenerateDialog, useGeneration } from './store';

export function GenerateButton(props: { academicYear?: number | null; blockNumber?: number | null }) {
  const selectedYear = useAcademicYear();
  const mayGenerate = useCan('generate.start');
  const academicYear = props.academicYear === undefined ? selectedYear : props.academicYear;
  const blockNumber = props.blockNumber ?? null;
  const running = useGeneration(
    (s) => s.active !== null && (s.active.status === null || s.active.status.state === 'running'),
  );
  if (!mayGenerate) return null;
  return (
    <Button
      variant="contained"
      startIcon={<AutoFixHighOutlined />}
      disabled={academicYear === null}
      onClick={() => academicYear !== null && openGenerateDialog({ academicYear, blockNumber })}
      title={running ? 'A generation is running; its status is in the top bar' : 'Generate a schedule into a new draft'}
    >
      Generate…
    </Button>
  );
}
