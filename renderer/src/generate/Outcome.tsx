// How a generation run ended, in plain words: the infeasibility diagnosis (which requirements to
// relax and why), the hard-rule findings, and the per-model solver figures.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import type { Diagnosis, ModelFigures, Relaxation } from '../../../core/api/contract';
import type { Finding } from '../../../core/domain/types';
import { useRoute } from '../state/route';
import { routeOfFixTarget } from './fixTarget';
import { formatGap, formatNumber, formatSeconds, MODEL_STATUS_WORDS } from './format';

function Expandable<T>({
  items,
  max,
  render,
  what,
}: {
  items: T[];
  max: number;
  render: (item: T, i: number) => ReactNode;
  what: string;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, max);
  return (
    <>
      <Box component="ul" sx={{ pl: 2.5, my: 0.5 }}>
        {shown.map((item, i) => (
          <li key={i}>{render(item, i)}</li>
        ))}
      </Box>
      {items.length > max && (
        <Button size="small" onClick={() => setAll((v) => !v)}>
          {all ? 'Show fewer' : `Show all ${items.length} ${what}`}
        </Button>
      )}
    </>
  );
}

/** One cause: what conflicts, what to change, and buttons to where it is changed. */
function Cause({ r }: { r: Relaxation }) {
  const open = useRoute((s) => s.open);
  return (
    <>
      <Typography variant="body2" component="span">
        {r.message}.
      </Typography>
      {r.fix && (
        <Typography variant="body2" component="span">
          {' '}
          {r.fix.text}.{' '}
          {r.fix.targets.map((t) => (
            <Button
              key={t.label}
              size="small"
              onClick={() => {
                const route = routeOfFixTarget(t.target);
                open(route.view, route.query);
              }}
            >
              {t.label}
            </Button>
          ))}
        </Typography>
      )}
    </>
  );
}

/** `made`: a schedule was made all the same (it breaks the requirements the diagnosis names). */
export function DiagnosisList({
  diagnosis,
  max = 5,
  made = false,
}: {
  diagnosis: Diagnosis;
  max?: number;
  made?: boolean;
}) {
  // The causes first; what gives only because of them after, said as such (the diagnosis marks
  // none as following unless a cause is listed).
  const causes = diagnosis.relaxations.filter((r) => !r.follows);
  const follows = diagnosis.relaxations.filter((r) => r.follows);
  const n = causes.length;
  return (
    <Box data-testid="generation-diagnosis" sx={{ mb: 1 }}>
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        {diagnosis.status === 'counted' && made
          ? `The schedule falls short of ${n === 1 ? 'this requirement' : `these ${n} requirements`}, which no ` +
            `schedule can meet:`
          : diagnosis.status === 'counted'
            ? `The schedule cannot be made: ` +
              `${n === 1 ? 'this requirement cannot be met' : `these ${n} requirements cannot be met`} whatever is ` +
              `chosen:`
            : diagnosis.status === 'relaxed'
              ? `To get a schedule, relax ${n === 1 ? 'this requirement' : `these ${n} requirements`}:`
              : diagnosis.status === 'structural'
                ? 'Fixed parts of the schedule contradict each other:'
                : 'The diagnosis did not finish:'}
      </Typography>
      {n > 0 ? (
        <Expandable items={causes} max={max} what="requirements" render={(r) => <Cause r={r} />} />
      ) : (
        <Typography variant="body2">{diagnosis.summary}</Typography>
      )}
      {follows.length > 0 && (
        <Box data-testid="generation-diagnosis-follows">
          <Typography variant="body2">Following from {causes.length === 1 ? 'it' : 'them'}:</Typography>
          <Expandable items={follows} max={max} what="requirements" render={(r) => <Cause r={r} />} />
        </Box>
      )}
    </Box>
  );
}

export function FindingList({ findings, max = 5 }: { findings: Finding[]; max?: number }) {
  return (
    <Box data-testid="generation-findings-list" sx={{ mb: 1 }}>
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        Hard-rule findings on the generated schedule:
      </Typography>
      <Expandable
        items={findings}
        max={max}
        what="findings"
        render={(f) => (
          <Typography variant="body2" component="span">
            [{f.severity}] {f.message}
          </Typography>
        )}
      />
    </Box>
  );
}

export function ModelTable({ models }: { models: ModelFigures[] }) {
  return (
    <Table size="small" aria-label="Solver figures per model">
      <TableHead>
        <TableRow>
          <TableCell>Model</TableCell>
          <TableCell align="right">Choices</TableCell>
          <TableCell align="right">Conditions</TableCell>
          <TableCell align="right">First schedule</TableCell>
          <TableCell align="right">Solve time</TableCell>
          <TableCell>Outcome</TableCell>
          <TableCell align="right">Could still improve</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {models.map((m) => (
          <TableRow key={m.model}>
            <TableCell>{m.model}</TableCell>
            <TableCell align="right">{formatNumber(m.variables)}</TableCell>
            <TableCell align="right">{formatNumber(m.rows)}</TableCell>
            <TableCell align="right">{formatSeconds(m.firstFeasibleSec)}</TableCell>
            <TableCell align="right">{formatSeconds(m.solveSec)}</TableCell>
            <TableCell>{MODEL_STATUS_WORDS[m.status] ?? m.status}</TableCell>
            <TableCell align="right">{formatGap(m.gap)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
