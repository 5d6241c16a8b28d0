// A file-system path in monospace that wraps after its separators, not in the middle of a name.
import Box from '@mui/material/Box';
import { Fragment } from 'react';

export const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

export function PathText({ path, testId }: { path: string; testId?: string }) {
  const parts = path.split(/(?<=[\\/])/);
  return (
    <Box component="span" sx={{ fontFamily: MONO, fontSize: 12, overflowWrap: 'anywhere' }} data-testid={testId}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </Box>
  );
}
