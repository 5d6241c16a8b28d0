// Churn: how much of what people already rely on a draft changes, in total and per person, drawn
// against the churn guard's thresholds (settings.churn).
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ChurnReport } from '../../../core/api/contract';
import type { ChurnThresholds } from '../../../core/domain/types';
import { pct, plural } from '../lib/words';

/** A bar from 0 to `scale`%, with tick marks at the thresholds. */
export function ChurnBar({
  value,
  warn,
  reject,
  scale = 100,
}: {
  value: number;
  warn: number | null;
  reject: number;
  scale?: number;
}) {
  const at = (v: number) => `${Math.min(100, (v / scale) * 100)}%`;
  const color = value > reject ? '#b91c1c' : warn !== null && value > warn ? '#c2410c' : '#1f5f99';
  return (
    <Box
      sx={{ position: 'relative', height: 8, bgcolor: 'action.selected', borderRadius: 4, minWidth: 120 }}
      aria-hidden
    >
      <Box
        sx={{
          position: 'absolute',
          left: 0,
          top: 0,
          bottom: 0,
          width: at(value),
          bgcolor: color,
          borderRadius: 4,
          minWidth: value > 0 ? 3 : 0,
        }}
      />
      {warn !== null && (
        <Box sx={{ position: 'absolute', left: at(warn), top: -3, bottom: -3, width: 2, bgcolor: '#f59e0b' }} />
      )}
      <Box sx={{ position: 'absolute', left: at(reject), top: -3, bottom: -3, width: 2, bgcolor: '#dc2626' }} />
    </Box>
  );
}

export const VERDICT: Record<ChurnReport['verdict'], { label: string; color: 'success' | 'warning' | 'error' }> = {
  ok: { label: 'Within the churn guard', color: 'success' },
  warn: { label: 'Churn warning', color: 'warning' },
  reject: { label: 'Over the churn limit', color: 'error' },
};

export function ChurnPanel({
  churn,
  limits,
  nameOf,
}: {
  churn: ChurnReport;
  limits: ChurnThresholds;
  nameOf(id: string): string;
}) {
  const weeksChanged =
    churn.changedInpatientWeeks > 0 ? `, ${plural(churn.changedInpatientWeeks, 'inpatient week')}` : '';
  return (
    <Box data-testid="churn-panel">
      <Stack direction="row" spacing={3} sx={{ alignItems: 'center', mb: 1.5, flexWrap: 'wrap', rowGap: 1 }}>
        <Box sx={{ minWidth: 260, flex: 1 }}>
          <Stack direction="row" sx={{ justifyContent: 'space-between', mb: 0.5 }}>
            <Typography variant="body2">
              All slots: <b data-testid="churn-total">{pct(churn.totalPct)}</b> ({churn.changedSlots} of{' '}
              {churn.publishedSlots} published slots)
              {churn.changedCalls + churn.changedInpatientWeeks > 0 && (
                <span data-testid="churn-calls">
                  {' '}
                  · {plural(churn.changedCalls, 'call night')}
                  {weeksChanged} changed
                </span>
              )}
              {churn.changedRotations > 0 && (
                <span data-testid="churn-plan">
                  {' '}
                  · rotation plan: {plural(churn.changedRotations, 'published block')} changed
                </span>
              )}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              reject above {limits.rejectTotalPct}%
            </Typography>
          </Stack>
          <ChurnBar
            value={churn.totalPct}
            warn={null}
            reject={limits.rejectTotalPct}
            scale={Math.max(limits.rejectTotalPct * 1.5, churn.totalPct)}
          />
        </Box>
        <Typography variant="body2">
          <b>{plural(churn.peopleAffected, 'person', 'people')}</b> affected (warn above {limits.warnPeopleAffected})
        </Typography>
        <Chip
          color={VERDICT[churn.verdict].color}
          label={VERDICT[churn.verdict].label}
          data-testid="churn-verdict"
          data-verdict={churn.verdict}
        />
      </Stack>
      {churn.findings.length > 0 && (
        <Box component="ul" sx={{ mt: 0, mb: 1.5, pl: 2.5 }}>
          {churn.findings.map((f, i) => (
            <Typography key={i} component="li" variant="body2" color={f.level === 'reject' ? 'error' : 'warning.dark'}>
              {f.message}
            </Typography>
          ))}
        </Box>
      )}
      {churn.people.length > 0 && (
        <Table size="small" aria-label="Churn by person">
          <TableHead>
            <TableRow>
              <TableCell>Person</TableCell>
              <TableCell align="right">Changed slots</TableCell>
              <TableCell sx={{ width: '34%' }}>
                Share of their schedule{' '}
                <Typography component="span" variant="caption" color="text.secondary">
                  (warn {limits.warnPersonPct}%, reject {limits.rejectPersonPct}%)
                </Typography>
              </TableCell>
              <TableCell align="right">Calls</TableCell>
              <TableCell align="right">Inpatient weeks</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {churn.people.map((p) => (
              <TableRow key={p.personId} data-testid="churn-person" data-person-id={p.personId}>
                <TableCell sx={{ fontWeight: 550 }}>{nameOf(p.personId)}</TableCell>
                <TableCell align="right">
                  {p.changedSlots} / {p.publishedSlots}
                </TableCell>
                <TableCell>
                  <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
                    <Box sx={{ flex: 1 }}>
                      <ChurnBar value={p.pct} warn={limits.warnPersonPct} reject={limits.rejectPersonPct} />
                    </Box>
                    <Tooltip title={`${p.changedSlots} of ${p.publishedSlots} published slots`}>
                      <Typography variant="body2" sx={{ minWidth: 48, textAlign: 'right' }}>
                        {pct(p.pct)}
                      </Typography>
                    </Tooltip>
                  </Stack>
                </TableCell>
                <TableCell align="right">{p.changedCalls || '—'}</TableCell>
                <TableCell align="right">{p.changedInpatientWeeks || '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
