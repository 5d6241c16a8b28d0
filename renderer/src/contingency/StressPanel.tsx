// The stress ladder: 0 to 40 % of staff absent for a whole block (seeded random, several samples
// per level), each repaired week by week and checked. Per level: coverage kept, ACGME findings of
// the repaired block, utilization reached, what is shed, what stays uncovered; and where the
// ladder does not degrade monotonically.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { StressRun } from '../../../core/api/contract';
import type { Block } from '../../../core/domain/types';
import { formatRange } from '../lib/dates';
import { useNotify } from '../state/notify';
import { percent } from './format';
import { startStress, useContingency } from './store';

interface StressPanelProps {
  academicYear: number;
  blocks: Block[];
  defaultBlock: number | null;
  run: StressRun | null;
}

export function StressPanel({ academicYear, blocks, defaultBlock, run }: StressPanelProps) {
  const active = useContingency((s) => s.active);
  const [block, setBlock] = useState<number | ''>(defaultBlock ?? blocks[0]?.number ?? '');
  const [samples, setSamples] = useState(3);
  const go = async () => {
    if (block === '') return;
    try {
      await startStress({ academicYear, blockNumber: block, samples });
    } catch (err) {
      useNotify.getState().fail(err, 'Could not start the stress ladder');
    }
  };
  const result = run?.result;
  return (
    <Card variant="outlined" data-testid="stress-panel">
      <CardContent>
        <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
          <Typography variant="subtitle1" sx={{ flex: 1, minWidth: 220 }}>
            Stress ladder
          </Typography>
          <TextField
            select
            size="small"
            label="Block"
            value={block}
            onChange={(e) => setBlock(Number(e.target.value))}
            sx={{ minWidth: 240 }}
            disabled={!!active}
          >
            {blocks.map((b) => (
              <MenuItem key={b.number} value={b.number}>
                Block {b.number} ({formatRange(b.start, b.end)})
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label="Samples per level"
            value={samples}
            onChange={(e) => setSamples(Number(e.target.value))}
            sx={{ width: 150 }}
            disabled={!!active}
          >
            {[1, 2, 3, 5, 8].map((n) => (
              <MenuItem key={n} value={n}>
                {n}
              </MenuItem>
            ))}
          </TextField>
          <Button
            variant="outlined"
            onClick={() => void go()}
            disabled={!!active || block === ''}
            data-testid="stress-run"
          >
            Run stress ladder
          </Button>
        </Box>
        <Typography variant="body2" color="text.secondary">
          0, 10, 20, 30 and 40 % of residents and faculty absent (seeded at random) for the whole block; each sample
          repaired week by week and the repaired block checked by the compliance engine.
        </Typography>
        {result && (
          <>
            <Typography variant="body2" sx={{ mt: 1.5 }}>
              Block {result.blockNumber} ({formatRange(result.start, result.end)}), {result.staff} staff, run #{run.id}
              {run.stale ? ' — out of date: the schedule changed since' : ''}
            </Typography>
            <Table size="small" sx={{ mt: 1, maxWidth: 820 }} data-testid="stress-table">
              <TableHead>
                <TableRow>
                  <TableCell>Absent</TableCell>
                  <TableCell align="right">Coverage kept</TableCell>
                  <TableCell align="right">ACGME findings</TableCell>
                  <TableCell align="right">Utilization</TableCell>
                  <TableCell align="right">Half-days shed</TableCell>
                  <TableCell align="right">Uncovered</TableCell>
                  <TableCell align="right">Samples</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.levels.map((l) => (
                  <TableRow key={l.fraction}>
                    <TableCell>
                      {percent(l.fraction)} ({l.absent})
                    </TableCell>
                    <TableCell align="right">{percent(l.coverageKept)}</TableCell>
                    <TableCell align="right">{l.acgmeFindings}</TableCell>
                    <TableCell align="right">{percent(l.utilization)}</TableCell>
                    <TableCell align="right">{l.shed}</TableCell>
                    <TableCell align="right">{l.uncovered}</TableCell>
                    <TableCell align="right">{l.samples.length}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Alert severity={result.nonMonotonic.length ? 'warning' : 'success'} variant="outlined" sx={{ mt: 1.5 }}>
              {result.nonMonotonic.length ? (
                <>
                  Not monotonic:
                  <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                    {result.nonMonotonic.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </Box>
                </>
              ) : (
                'Degrades monotonically at every step.'
              )}
            </Alert>
          </>
        )}
      </CardContent>
    </Card>
  );
}
