// Program summary: who is in the program, where today falls in the academic year, and the
// program's basic settings. Everything comes from program.info, blocks.list and people.list.
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { PersonRow, ProgramInfo } from '../../../core/api/contract';
import type { Block } from '../../../core/domain/types';
import { api } from '../api';
import { useCan } from '../state/session';
import { ComplianceSummaryCard } from '../compliance/ComplianceSummaryCard';
import { ContingencyCard } from '../contingency/ContingencyCard';
import { SwapsCard } from '../swaps/SwapsCard';
import { blockLabel, blockOn, blockProgress } from '../lib/blocks';
import { formatDate, formatRange, todayIso } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { useAcademicYear, useProgram } from '../state/program';
import { useRoute } from '../state/route';
import { LoadError } from '../ui/LoadError';
import { Stat } from '../ui/Stat';
import { Page } from '../ui/Page';
import { BlockStrip } from './BlockStrip';

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function pgyBreakdown(people: PersonRow[]): string {
  const byLevel = new Map<number, number>();
  for (const p of people)
    if (p.kind === 'resident' && p.pgy !== null) byLevel.set(p.pgy, (byLevel.get(p.pgy) ?? 0) + 1);
  return [...byLevel.entries()]
    .sort(([a], [b]) => a - b)
    .map(([level, n]) => `PGY-${level}: ${n}`)
    .join(' · ');
}

function CurrentBlock({ blocks, today }: { blocks: Block[]; today: string }) {
  const open = useRoute((s) => s.open);
  const block = blockOn(blocks, today);
  if (!block) {
    return (
      <Typography variant="body2" color="text.secondary">
        Today ({formatDate(today)}) is outside this academic year.
      </Typography>
    );
  }
  const { day, length } = blockProgress(block, today);
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="h4" component="p" sx={{ fontWeight: 650 }} data-testid="current-block">
          {blockLabel(block)}
        </Typography>
        <Typography variant="body1" color="text.secondary">
          {formatRange(block.start, block.end)}
        </Typography>
        <Chip
          size="small"
          label="Open in schedule"
          onClick={() => open('schedule', { block: String(block.number) })}
          color="primary"
          variant="outlined"
        />
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mt: 1.5, maxWidth: 520 }}>
        <LinearProgress
          variant="determinate"
          value={(day / length) * 100}
          aria-label={`Block ${block.number}: day ${day} of ${length}`}
          sx={{ flex: 1, height: 6, borderRadius: 3 }}
        />
        <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
          Day {day} of {length}
        </Typography>
      </Box>
    </Box>
  );
}

/** The block layout in words, e.g. "14 blocks: 12 of 28 days from Thursday to Wednesday, …". */
function layoutText(info: ProgramInfo, blocks: Block[] | undefined): string {
  const layout = info.settings.blockLayout;
  if (layout.firstBlockDays !== undefined || layout.explicitYears?.length)
    return blocks ? `${blocks.length} blocks of ${lengthsText(blocks)} days` : 'Program-defined blocks';
  const anchor = layout.anchorWeekday;
  const core =
    `${layout.blockCount} of ${layout.blockLengthDays} days` +
    (anchor ? ` starting on ${WEEKDAYS[anchor]}s` : ' from July 1');
  if (!blocks) return core;
  const extra = blocks.length - layout.blockCount;
  return (
    `${blocks.length} blocks: ${core}` +
    (extra > 0 ? `, plus ${extra} shorter block${extra > 1 ? 's' : ''} at the ends of the year` : '')
  );
}

/** Block lengths in order, repeats folded: "30, 11 × 28 and 27". */
function lengthsText(blocks: Block[]): string {
  const days = (b: Block) => Math.round((Date.parse(b.end) - Date.parse(b.start)) / 86_400_000) + 1;
  const runs: { length: number; count: number }[] = [];
  for (const b of blocks) {
    const last = runs[runs.length - 1];
    if (last && last.length === days(b)) last.count++;
    else runs.push({ length: days(b), count: 1 });
  }
  const parts = runs.map((r) => (r.count > 1 ? `${r.count} × ${r.length}` : String(r.length)));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts.join('');
}

function facultyBreakdown(people: PersonRow[]): string {
  const faculty = people.filter((p) => p.kind === 'faculty' && p.active);
  const core = faculty.filter((p) => p.facultyRole === 'core').length;
  const leaders = faculty.filter((p) => p.facultyRole && ['pd', 'apd', 'oic', 'chief'].includes(p.facultyRole)).length;
  const other = faculty.length - core - leaders;
  return [`${core} core`, `${leaders} leadership`, other ? `${other} other` : ''].filter(Boolean).join(' · ');
}

function Settings({ info, blocks }: { info: ProgramInfo; blocks: Block[] | undefined }) {
  const s = info.settings;
  const rows: [string, string][] = [
    ['Time zone', s.timeZone],
    ['Block layout', layoutText(info, blocks)],
    ['Lock date', s.lockDate ? formatDate(s.lockDate) : 'None'],
    ['Rules configured', `${s.rules.filter((r) => r.enabled).length} enabled of ${s.rules.length}`],
    ['Program file', info.path],
    ['Schema version', String(info.schemaVersion)],
  ];
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 1, m: 0 }}>
      {rows.map(([k, v]) => (
        <Box key={k} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {k}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, wordBreak: 'break-all' }}>
            {v}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

export function DashboardView() {
  const info = useProgram((s) => s.info)!;
  const year = useAcademicYear()!;
  const today = todayIso();
  const summary = info.academicYears.find((y) => y.id === year);
  const seesCompliance = useCan('compliance.summary');
  const seesContingency = useCan('contingency.run');
  const blocks = useApiQuery(`blocks:${year}`, () => api()['blocks.list']({ academicYear: year }));
  const people = useApiQuery(`people:${year}`, () => api()['people.list']({ academicYear: year }));
  const c = info.counts;
  const inYear = people.data?.filter((p) => p.active) ?? [];

  return (
    <Page
      title={info.settings.programName}
      subtitle={summary ? `${summary.label} · ${formatRange(summary.start, summary.end)}` : undefined}
    >
      {blocks.error && <LoadError what="the blocks" error={blocks.error} onRetry={blocks.reload} />}
      {people.error && <LoadError what="the people" error={people.error} onRetry={people.reload} />}

      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="overline" color="text.secondary">
            Current block
          </Typography>
          {blocks.data ? <CurrentBlock blocks={blocks.data} today={today} /> : <LinearProgress sx={{ my: 2 }} />}
          {blocks.data && blocks.data.length > 0 && (
            <Box sx={{ mt: 2.5 }}>
              <BlockStrip blocks={blocks.data} today={today} />
            </Box>
          )}
        </CardContent>
      </Card>

      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Stat
          label="Residents"
          value={c.residents}
          testId="count-residents"
          detail={people.data ? pgyBreakdown(inYear) || 'No PGY levels this year' : ' '}
        />
        <Stat
          label="Faculty"
          value={c.faculty}
          testId="count-faculty"
          detail={people.data ? facultyBreakdown(people.data) : ' '}
        />
        <Stat label="Learners" value={c.others} detail="Students and rotating interns" />
        <Stat label="Rotations" value={c.rotations} detail={`${c.activities} activity codes`} />
        <Stat label="Absences" value={c.absences} />
        <Stat
          label="Scheduled"
          value={c.assignments.toLocaleString('en-US')}
          detail={`half-days · ${c.calls.toLocaleString('en-US')} calls`}
        />
      </Box>

      <SwapsCard />

      {seesCompliance && <ComplianceSummaryCard year={year} />}

      {seesContingency && <ContingencyCard />}

      <Card>
        <CardContent>
          <Typography variant="overline" color="text.secondary" sx={{ display: 'block', mb: 1 }}>
            Program
          </Typography>
          <Settings info={info} blocks={blocks.data} />
        </CardContent>
      </Card>
    </Page>
  );
}
