// Work hours per resident across the academic year: weekly duty hours as bars, the rolling
// 4-week (28-day) average the ACGME rule checks as a line, and the 80-hour limit. Hours come from
// the compliance engine's duty model (real elapsed time, leave left out of the average).
import { useTheme } from '@mui/material/styles';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import {
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { HoursResult, ResidentHours } from '../../../core/api/contract';
import { formatShortDate, todayIso } from '../lib/dates';
import { formatNumber } from './findingText';
import { SEVERITY_COLORS } from '../lib/severity';
import { hoursPoints, weekOf, type HoursPoint } from './hoursChart';
import { PersonLines } from './PersonLines';
import { plural } from '../lib/words';

interface Props {
  hours: HoursResult;
  selected: string | null;
  onSelect(personId: string): void;
}

const BAR = '#9bb8d3';
const BAR_OVER = '#e8847a';
const LINE = '#1f5f99';
const LIMIT = SEVERITY_COLORS.critical.main;

function levelColor(value: number, limit: number | null): string {
  if (limit === null) return 'text.primary';
  if (value > limit) return SEVERITY_COLORS.critical.main;
  if (value >= limit * 0.9) return SEVERITY_COLORS.medium.main;
  return 'text.primary';
}

function ResidentList({
  residents,
  limit,
  selected,
  onSelect,
}: {
  residents: ResidentHours[];
  limit: number | null;
  selected: string | null;
  onSelect(id: string): void;
}) {
  return (
    <Card sx={{ width: 270, flexShrink: 0, overflow: 'auto' }}>
      <Typography variant="overline" color="text.secondary" sx={{ display: 'block', px: 2, pt: 1.25 }}>
        Residents · peak 4-week average
      </Typography>
      <List dense disablePadding data-testid="hours-residents">
        {residents.map((r) => (
          <ListItem key={r.personId} disablePadding>
            <ListItemButton
              selected={r.personId === selected}
              onClick={() => onSelect(r.personId)}
              data-testid="hours-resident"
              data-person-id={r.personId}
              sx={{ py: 0.75, px: 2, display: 'flex', gap: 1 }}
            >
              <PersonLines name={r.name}>
                {r.pgy !== null ? `PGY-${r.pgy}` : 'Resident'}
                {r.weeksOver > 0 ? ` · ${plural(r.weeksOver, 'week')} over` : ''}
              </PersonLines>
              <Typography
                variant="body2"
                sx={{ fontWeight: 700, color: levelColor(r.maxAverage, limit), fontVariantNumeric: 'tabular-nums' }}
              >
                {formatNumber(r.maxAverage)} h
              </Typography>
            </ListItemButton>
          </ListItem>
        ))}
      </List>
    </Card>
  );
}

function WeekTooltip({
  active,
  payload,
  limit,
}: {
  active?: boolean;
  payload?: { payload: HoursPoint }[];
  limit: number | null;
}) {
  if (!active || !payload?.length) return null;
  const p = payload[0].payload;
  return (
    <Box
      sx={{
        bgcolor: 'background.paper',
        border: '1px solid',
        borderColor: 'divider',
        borderRadius: 1,
        px: 1.5,
        py: 1,
        boxShadow: 2,
        fontSize: 12.5,
      }}
    >
      <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
        Week of {p.range}
      </Typography>
      <div>
        Duty this week: <b>{formatNumber(p.hours)} h</b>
      </div>
      <div>
        4-week average (to Sunday): <b>{formatNumber(p.rolling)} h/week</b>
      </div>
      <div>
        Highest 28-day average ending this week:{' '}
        <Box component="b" sx={{ color: p.over ? LIMIT : undefined }}>
          {formatNumber(p.peak)} h/week
        </Box>
        {limit !== null && p.over ? ` (over ${limit})` : ''}
      </div>
    </Box>
  );
}

function Stat({ label, value, color }: { label: string; value: string; color?: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
        {label}
      </Typography>
      <Typography variant="h6" component="p" sx={{ color, fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Typography>
    </Box>
  );
}

export function HoursPanel({ hours, selected, onSelect }: Props) {
  // Colours as the theme's CSS variables: the chart follows a theme switch without a render.
  const { palette } = useTheme().vars;
  const residents = useMemo(
    () => [...hours.residents].sort((a, b) => b.maxAverage - a.maxAverage || a.name.localeCompare(b.name)),
    [hours],
  );
  const current = residents.find((r) => r.personId === selected) ?? residents[0] ?? null;
  const limit = hours.limitHours;
  const points = useMemo(() => (current ? hoursPoints(current, limit) : []), [current, limit]);
  const today = todayIso();
  const thisWeek = weekOf(points, today);

  if (!current) return <Typography color="text.secondary">No residents in this academic year.</Typography>;
  return (
    <Box sx={{ display: 'flex', gap: 2, flex: 1, minHeight: 0 }}>
      <ResidentList residents={residents} limit={limit} selected={current.personId} onSelect={onSelect} />
      <Card
        sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', p: 2.5 }}
        data-testid="hours-chart"
        data-person-id={current.personId}
      >
        <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 4, flexWrap: 'wrap', mb: 1.5 }}>
          <Box sx={{ flex: 1, minWidth: 220 }}>
            <Typography variant="h6">{current.name}</Typography>
            <Typography variant="body2" color="text.secondary">
              {current.pgy !== null ? `PGY-${current.pgy} · ` : ''}weekly duty hours and the rolling 4-week average
              {hours.includeMoonlighting ? ', moonlighting included' : ''}
            </Typography>
          </Box>
          <Stat
            label="Highest 4-week average"
            value={`${formatNumber(current.maxAverage)} h`}
            color={
              levelColor(current.maxAverage, limit) === 'text.primary'
                ? undefined
                : levelColor(current.maxAverage, limit)
            }
          />
          {current.maxAverageEnds && <Stat label="Window ending" value={formatShortDate(current.maxAverageEnds)} />}
          <Stat
            label={`Weeks over ${limit ?? '—'}`}
            value={String(current.weeksOver)}
            color={current.weeksOver ? LIMIT : undefined}
          />
          {thisWeek && <Stat label="This week" value={`${formatNumber(thisWeek.hours)} h`} />}
        </Box>
        <Box sx={{ flex: 1, minHeight: 280 }}>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={points} margin={{ top: 12, right: 24, bottom: 4, left: 0 }} barCategoryGap={2}>
              <CartesianGrid stroke={palette.divider} vertical={false} />
              <XAxis
                dataKey="label"
                interval={3}
                tick={{ fontSize: 11, fill: palette.text.secondary }}
                tickLine={false}
                axisLine={{ stroke: palette.divider }}
              />
              <YAxis
                domain={[0, (max: number) => Math.max(100, Math.ceil((max + 5) / 10) * 10)]}
                tick={{ fontSize: 11, fill: palette.text.secondary }}
                tickLine={false}
                axisLine={false}
                width={44}
                unit=" h"
              />
              <Tooltip content={<WeekTooltip limit={limit} />} cursor={{ fill: 'rgba(31,95,153,0.06)' }} />
              <Legend verticalAlign="top" align="right" height={28} iconSize={10} wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="hours" name="Hours in the week" fill={BAR} radius={[2, 2, 0, 0]} isAnimationActive={false}>
                {points.map((p) => (
                  <Cell key={p.start} fill={p.over ? BAR_OVER : BAR} />
                ))}
              </Bar>
              <Line
                dataKey="rolling"
                name="4-week average"
                type="monotone"
                stroke={LINE}
                strokeWidth={2.25}
                dot={false}
                isAnimationActive={false}
              />
              {limit !== null && (
                <ReferenceLine
                  y={limit}
                  stroke={LIMIT}
                  strokeDasharray="6 4"
                  strokeWidth={1.5}
                  label={{
                    value: `${limit} h limit`,
                    position: 'insideTopLeft',
                    fill: LIMIT,
                    fontSize: 11,
                    fontWeight: 600,
                  }}
                />
              )}
              {thisWeek && (
                <ReferenceLine
                  x={thisWeek.label}
                  stroke="#7b8797"
                  strokeDasharray="2 3"
                  label={{ value: 'This week', position: 'top', fill: palette.text.secondary, fontSize: 10.5 }}
                />
              )}
            </ComposedChart>
          </ResponsiveContainer>
        </Box>
      </Card>
      {!hours.residents.length && <LinearProgress />}
    </Box>
  );
}
