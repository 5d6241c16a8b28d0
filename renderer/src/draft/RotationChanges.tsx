// The draft's changes to the annual rotation plan: one row per resident and block, the published
// rotation(s) → the draft's, as chips in the rotation colours the grid's bands use.
import ArrowForward from '@mui/icons-material/ArrowForward';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { PlanPart, RotationDiff } from '../../../core/api/contract';
import type { Rotation } from '../../../core/domain/types';
import { safeColor, textColorOn, tint } from '../lib/colors';
import { formatRange } from '../lib/dates';

export type RotationLook = Pick<Rotation, 'id' | 'code' | 'name' | 'color'>;

const PART_WORDS: Record<PlanPart['part'], string> = { full: '', first: '1st half', second: '2nd half' };

/** A rotation as the grid's band shows it: tinted background, a bar in the rotation's colour. */
export function RotationChip({
  rotation,
  part,
  testId,
}: {
  rotation: RotationLook | undefined;
  part?: PlanPart['part'];
  testId?: string;
}) {
  const color = safeColor(rotation?.color);
  const bg = tint(color, 0.55);
  const half = part ? PART_WORDS[part] : '';
  return (
    <Tooltip title={rotation ? `${rotation.name}${half ? ` (${half})` : ''}` : 'Unknown rotation'}>
      <Box
        component="span"
        data-testid={testId}
        data-rotation={rotation?.code}
        sx={{
          display: 'inline-block',
          px: 0.75,
          py: 0.1,
          borderRadius: 0.75,
          fontSize: 12,
          fontWeight: 700,
          lineHeight: '18px',
          whiteSpace: 'nowrap',
          background: bg,
          color: textColorOn(bg),
          borderLeft: `3px solid ${color}`,
        }}
      >
        {rotation?.code ?? '?'}
        {half && (
          <Box component="span" sx={{ fontWeight: 400, ml: 0.5 }}>
            {half}
          </Box>
        )}
      </Box>
    </Tooltip>
  );
}

function Parts({
  parts,
  rotations,
  testId,
}: {
  parts: PlanPart[];
  rotations: Map<string, RotationLook>;
  testId: string;
}) {
  if (parts.length === 0)
    return (
      <Typography variant="body2" color="text.secondary" component="span" data-testid={testId}>
        nothing planned
      </Typography>
    );
  return (
    <Stack direction="row" spacing={0.5} component="span" data-testid={testId}>
      {parts.map((p) => (
        <RotationChip
          key={p.part}
          rotation={rotations.get(p.rotationId)}
          part={p.part === 'full' ? undefined : p.part}
        />
      ))}
    </Stack>
  );
}

export function RotationChanges({
  changes,
  rotations,
  nameOf,
}: {
  changes: RotationDiff[];
  rotations: Map<string, RotationLook>;
  nameOf(id: string): string;
}) {
  return (
    <Table size="small" aria-label="Changed rotation plan">
      <TableHead>
        <TableRow>
          <TableCell>Resident</TableCell>
          <TableCell>Block</TableCell>
          <TableCell>Published → in the draft</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map((r) => (
          <TableRow
            key={`${r.personId}|${r.academicYear}|${r.blockNumber}`}
            data-testid="changed-rotation"
            data-person-id={r.personId}
            data-block={r.blockNumber}
          >
            <TableCell>{nameOf(r.personId)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              Block {r.blockNumber}{' '}
              <Typography variant="caption" color="text.secondary" component="span">
                {formatRange(r.start, r.end)}
              </Typography>
            </TableCell>
            <TableCell>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Parts parts={r.before} rotations={rotations} testId="rotation-before" />
                <ArrowForward fontSize="small" sx={{ color: 'text.secondary' }} aria-label="becomes" />
                <Parts parts={r.after} rotations={rotations} testId="rotation-after" />
              </Stack>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
