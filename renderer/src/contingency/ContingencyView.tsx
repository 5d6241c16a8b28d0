// The Contingency view: "if one or two people are suddenly gone, what breaks, when, and who
// covers?" Run the N-1/N-2 sweep (in the worker pool; the UI stays free), then read faculty
// utilization per week, the people × weeks heatmap of risk, single points of failure, fatal pairs
// ranked, the repair of any loss (and turn it into a draft), the stress ladder, the PDF report.
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { StressRun, SweepRun } from '../../../core/api/contract';
import type { ContingencyResult } from '../../../core/domain/contingency';
import { api } from '../api';
import { blockOn } from '../lib/blocks';
import { addDays, formatRange, isoWeekday, todayIso } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { navItem } from '../lib/nav';
import { useNotify } from '../state/notify';
import { useAcademicYear, useProgram } from '../state/program';
import { EmptyState } from '../ui/EmptyState';
import { LoadError } from '../ui/LoadError';
import { Page } from '../ui/Page';
import { LEVEL_COLORS, LEVEL_LABELS, percent, plural, weekLabel } from './format';
import { Heatmap } from './Heatmap';
import { RepairPanel } from './RepairPanel';
import { RiskLists } from './RiskLists';
import { RunPanel } from './RunPanel';
import { select, useContingency } from './store';
import { StressPanel } from './StressPanel';

function Tile({
  label,
  value,
  detail,
  color,
  testId,
}: {
  label: string;
  value: string;
  detail: string;
  color?: string;
  testId: string;
}) {
  return (
    <Card variant="outlined" sx={{ flex: '1 1 170px', minWidth: 160 }}>
      <CardContent sx={{ py: 1.25, '&:last-child': { pb: 1.25 } }}>
        <Typography variant="overline" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h5" component="p" sx={{ fontWeight: 700, color }} data-testid={testId}>
          {value}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {detail}
        </Typography>
      </CardContent>
    </Card>
  );
}

/** Weeks where a single loss is not absorbed or utilization is orange or worse. */
export function weeksAtRisk(result: ContingencyResult) {
  return result.weeks.filter(
    (w) =>
      (w.worstSingle && w.worstSingle !== 'absorbed') ||
      (w.worstPair === 'uncovered' && w.pairs.uncovered > 0) ||
      ['orange', 'red', 'black'].includes(w.utilization.level),
  );
}

function Summary({ run }: { run: SweepRun }) {
  const r = run.result;
  const today = todayIso();
  const monday = addDays(today, 1 - isoWeekday(today));
  const now = r.weeks.find((w) => w.week === monday) ?? r.weeks.find((w) => w.week >= monday) ?? r.weeks[0];
  const fatal = r.pairs.filter((p) => p.uncoveredWeeks > 0).length;
  const risky = weeksAtRisk(r);
  const f = r.figures;
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }} data-testid="run-line">
        Run #{run.id}, {formatRange(r.params.start, r.params.end)},{' '}
        {r.params.depth === 2 ? 'each person and every pair' : 'each person'}
        {r.params.gone.mode === 'from'
          ? `, gone ${plural(r.params.gone.days, 'day')} from ` + `${r.params.gone.start}`
          : ''}{' '}
        · {r.complete ? `${plural(f.weeks, 'week')}` : `incomplete: ${plural(r.weeksDone.length, 'week')} done`} ·{' '}
        {f.modelsSolved} repair models solved ({f.milpSolved} by the MILP solver), {f.pruned} pair-weeks pruned exactly,
        every repair checked by the compliance engine · {f.elapsedSec} s on {plural(f.workers, 'worker')}
        {run.reusedWeeks ? ` (${plural(run.reusedWeeks, 'week')} unchanged since the last run, reused)` : ''}
      </Typography>
      {run.stale && (
        <Alert severity="warning" sx={{ mt: 1 }} data-testid="run-stale">
          {run.staleReason}. These results may no longer hold: run the sweep again (only the weeks that changed are
          recomputed).
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 1.5, mt: 1.5, flexWrap: 'wrap' }}>
        {now && (
          <Tile
            label={now.week === monday ? 'Utilization this week' : `Utilization, week of ${weekLabel(now.week)}`}
            value={percent(now.utilization.ratio)}
            detail={
              `${LEVEL_LABELS[now.utilization.level]} · ${now.utilization.required} of ` +
              `${now.utilization.available} faculty half-days`
            }
            color={now.utilization.level === 'green' ? undefined : LEVEL_COLORS[now.utilization.level].text}
            testId="tile-utilization"
          />
        )}
        <Tile
          label="Single points of failure"
          value={String(r.singlePointsOfFailure.length)}
          detail="their loss alone leaves coverage uncovered"
          testId="tile-spof"
        />
        <Tile
          label="Fatal pairs"
          value={r.params.depth === 2 ? String(fatal) : '–'}
          detail={
            r.params.depth === 2
              ? `${r.pairs.length - fatal} more pairs need shedding together`
              : 'pairs not examined (N-1)'
          }
          testId="tile-pairs"
        />
        <Tile
          label="Weeks at risk"
          value={String(risky.length)}
          detail={risky.length ? `first: week of ${weekLabel(risky[0].week)}` : 'none'}
          testId="tile-weeks"
        />
      </Box>
    </>
  );
}

export function ContingencyView() {
  const item = navItem('contingency');
  const info = useProgram((s) => s.info);
  const academicYear = useAcademicYear();
  const selection = useContingency((s) => s.selection);
  const [printing, setPrinting] = useState(false);
  const sweep = useApiQuery('contingency:sweep', () => api()['contingency.run']({ latest: 'sweep' }));
  const stress = useApiQuery('contingency:stress', () => api()['contingency.run']({ latest: 'stress' }));
  const blocks = useApiQuery(academicYear === null ? null : `blocks:${academicYear}`, () =>
    api()['blocks.list']({ academicYear: academicYear! }),
  );
  const paths = useApiQuery('system:paths', () => api()['system.paths']({}));
  const run = sweep.data?.kind === 'sweep' ? (sweep.data as SweepRun) : null;
  const stressRun = stress.data?.kind === 'stress' ? (stress.data as StressRun) : null;

  const year = info?.academicYears.find((y) => y.id === academicYear);
  const today = todayIso();
  const defaults = year
    ? {
        start: today > year.start && today < year.end ? addDays(today, 1 - isoWeekday(today)) : year.start,
        end: year.end,
      }
    : { start: today, end: addDays(today, 27) };

  const print = async () => {
    if (!run || !paths.data) return;
    setPrinting(true);
    try {
      const name = `Contingency report ${run.result.params.start} to ${run.result.params.end}.pdf`;
      const fallback = `${paths.data.exportFolder}${paths.data.separator}${name}`;
      const chosen = paths.data.canPick
        ? (
            await api()['system.pickPath']({
              kind: 'file',
              title: 'Save the contingency report as…',
              defaultPath: fallback,
              extension: 'pdf',
            })
          ).path
        : fallback;
      if (chosen === null) return;
      const out = await api()['contingency.report']({ runId: run.id, output: chosen });
      useNotify.getState().notify(`Contingency report saved: ${out.path} (${plural(out.pages, 'page')})`, 'success');
    } catch (err) {
      useNotify.getState().fail(err, 'Could not print the report');
    } finally {
      setPrinting(false);
    }
  };

  const selectionShown = run && selection && run.result.weeksDone.includes(selection.week) ? selection : null;
  const currentBlock = blocks.data ? blockOn(blocks.data, today) : undefined;
  return (
    <Page
      title={item.label}
      subtitle={item.purpose}
      actions={
        <Button
          variant="outlined"
          startIcon={<PrintOutlined />}
          onClick={() => void print()}
          disabled={!run || printing}
          data-testid="contingency-print"
        >
          {printing ? 'Printing…' : 'Print report…'}
        </Button>
      }
    >
      <RunPanel key={`${defaults.start}|${defaults.end}`} defaults={defaults} />
      {sweep.error && <LoadError what="the last contingency sweep" error={sweep.error} onRetry={sweep.reload} />}
      {sweep.data === null && (
        <EmptyState title="No contingency sweep yet">
          Run the sweep to see, week by week, what breaks when one or two people are suddenly gone, who covers, and the
          faculty utilization.
        </EmptyState>
      )}
      {run && (
        <>
          <Summary run={run} />
          <Card variant="outlined" sx={{ mt: 2 }}>
            <CardContent>
              <Typography variant="subtitle1" gutterBottom>
                Risk by person and week
              </Typography>
              <Heatmap result={run.result} selection={selectionShown} onSelect={select} />
            </CardContent>
          </Card>
          <Box sx={{ mt: 2 }}>
            <RiskLists result={run.result} selection={selectionShown} onSelect={select} />
          </Box>
          {selectionShown && (
            <Box sx={{ mt: 2 }}>
              <RepairPanel runId={run.id} result={run.result} selection={selectionShown} stale={run.stale} />
            </Box>
          )}
        </>
      )}
      {academicYear !== null && blocks.data && (
        <Box sx={{ mt: 2 }}>
          <StressPanel
            academicYear={academicYear}
            blocks={blocks.data}
            defaultBlock={currentBlock?.number ?? null}
            run={stressRun}
          />
        </Box>
      )}
    </Page>
  );
}
