// The problems of an import, each as Sheet!Cell and what is wrong there: nothing is written until
// every one is fixed in the file.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { SheetProblem } from '../../../core/api/contract';
import { plural } from '../lib/words';

export function ProblemList({ problems, testId }: { problems: SheetProblem[]; testId: string }) {
  return (
    <Alert severity="error" data-testid={`${testId}s`}>
      <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
        {`${plural(problems.length, 'problem')}: nothing can be imported until they are fixed in the file.`}
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5, maxHeight: 320, overflow: 'auto' }}>
        {problems.map((p, i) => (
          <li key={i} data-testid={testId}>
            <Typography variant="body2" component="span" sx={{ fontFamily: 'monospace' }}>
              {p.sheet ? `${p.sheet}!${p.cell}` : p.cell}
            </Typography>
            {`: ${p.message}`}
          </li>
        ))}
      </Box>
    </Alert>
  );
}
