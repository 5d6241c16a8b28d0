// People × weeks: the colour of each cell is what losing that person that week leads to (absorbed,
// needs shedding, coverage lost; empty when they hold nothing anyone must cover). Above the people,
// faculty utilization per week and the pairs that lose coverage. A cell opens its repair.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import type { ContingencyResult, LossOutcome } from '../../../core/domain/contingency';
import { formatShortDate } from '../lib/dates';
import { LEVEL_COLORS, OUTCOME_COLORS, OUTCOME_LABELS, percent, plural, weekLabel } from './format';
import type { Selection } from './store';
import { VISUALLY_HIDDEN } from '../ui/visuallyHidden';

const CELL = 20;
const NAME = 190;
/** A row of the table takes no box of its own: its cells sit in the one grid. */
const ROW = { display: 'contents' };

interface HeatmapProps {
  result: ContingencyResult;
  selection: Selection | null;
  onSelect(selection: Selection): void;
}

export function Heatmap({ result, selection, onSelect }: HeatmapProps) {
  const cells = useMemo(() => new Map(result.heatmap.map((h) => [`${h.personId}|${h.week}`, h])), [result]);
  const weeks = result.weeks;
  const selected = (personId: string, week: string) =>
    selection?.gone.length === 1 && selection.gone[0] === personId && selection.week === week;
  const head = { position: 'sticky' as const, left: 0, zIndex: 1, bgcolor: 'background.paper', pr: 1 };
  return (
    <Box sx={{ overflowX: 'auto', pb: 1 }} data-testid="contingency-heatmap">
      {/* A table of rows laid out by one CSS grid (the rows are `display: contents`): a screen
          reader reads a person's row with its week headers; an outcome cell holds the button
          that opens its repair. */}
      <Box
        role="table"
        aria-label="Risk by person and week"
        sx={{
          display: 'grid',
          gridTemplateColumns: `${NAME}px repeat(${weeks.length}, ${CELL}px)`,
          gap: '2px',
          alignItems: 'center',
          width: 'max-content',
        }}
      >
        <Box role="row" sx={ROW}>
          <Box role="columnheader" sx={head}>
            <Box component="span" sx={VISUALLY_HIDDEN}>
              Person
            </Box>
          </Box>
          {weeks.map((w, i) => (
            <Typography
              key={w.week}
              role="columnheader"
              aria-label={`Week of ${formatShortDate(w.week)}`}
              variant="caption"
              sx={{
                fontSize: 10,
                color: 'text.secondary',
                whiteSpace: 'nowrap',
                transform: 'rotate(-60deg)',
                transformOrigin: 'left bottom',
                height: 34,
                ml: '12px',
                visibility: i % 2 ? 'hidden' : 'visible',
              }}
            >
              {weekLabel(w.week)}
            </Typography>
          ))}
        </Box>
        <Box role="row" sx={ROW}>
          <Typography role="rowheader" variant="caption" sx={{ ...head, fontWeight: 600 }}>
            Faculty utilization
          </Typography>
          {weeks.map((w) => {
            const c = LEVEL_COLORS[w.utilization.level];
            return (
              <Box
                key={w.week}
                role="cell"
                title={
                  `Week of ${formatShortDate(w.week)}: ${percent(w.utilization.ratio)} ` +
                  `(${w.utilization.required} of ${w.utilization.available} faculty half-days), ${w.utilization.level}`
                }
                data-testid={`util-${w.week}`}
                sx={{
                  height: CELL,
                  bgcolor: c.fill,
                  color: c.text,
                  fontSize: 8.5,
                  lineHeight: `${CELL}px`,
                  textAlign: 'center',
                  borderRadius: 0.5,
                }}
              >
                {Math.round(w.utilization.ratio * 100)}
              </Box>
            );
          })}
        </Box>
        {result.params.depth === 2 && (
          <Box role="row" sx={ROW}>
            <Typography role="rowheader" variant="caption" sx={{ ...head, fontWeight: 600 }}>
              Pairs losing coverage
            </Typography>
            {weeks.map((w) => (
              <Box
                key={w.week}
                role="cell"
                title={
                  `Week of ${formatShortDate(w.week)}: ${w.pairs.uncovered} pairs lose coverage, ` +
                  `${w.pairs.shedding} need shedding`
                }
                sx={{
                  height: CELL,
                  fontSize: 9,
                  lineHeight: `${CELL}px`,
                  textAlign: 'center',
                  color: w.pairs.uncovered ? OUTCOME_COLORS.uncovered.main : 'text.secondary',
                  fontWeight: 600,
                }}
              >
                {w.pairs.uncovered || '·'}
              </Box>
            ))}
          </Box>
        )}
        {result.people.map((p) => (
          <Box key={p.id} role="row" sx={ROW}>
            <Box
              role="rowheader"
              sx={{ ...head, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}
              title={`${p.name} (${p.label})`}
            >
              <Typography variant="body2" component="span" sx={{ fontSize: 12.5 }}>
                {p.name}
              </Typography>
              <Typography variant="caption" component="span" color="text.secondary" sx={{ ml: 0.75 }}>
                {p.label}
              </Typography>
            </Box>
            {weeks.map((w) => {
              const h = cells.get(`${p.id}|${w.week}`);
              const outcome: LossOutcome | null = h?.outcome ?? null;
              const c = outcome ? OUTCOME_COLORS[outcome] : null;
              const what = outcome
                ? `${OUTCOME_LABELS[outcome]} (${plural(h!.requirements, 'requirement')})`
                : 'nothing to cover';
              const label = `${p.name}, week of ${formatShortDate(w.week)}: ${what}`;
              return (
                <Box
                  key={w.week}
                  role="cell"
                  aria-label={outcome ? undefined : label}
                  sx={{ width: CELL, height: CELL }}
                >
                  <Box
                    component={outcome ? 'button' : 'div'}
                    type={outcome ? 'button' : undefined}
                    aria-label={outcome ? label : undefined}
                    title={label}
                    data-testid={`cell-${p.id}-${w.week}`}
                    data-outcome={outcome ?? 'none'}
                    onClick={outcome ? () => onSelect({ gone: [p.id], week: w.week }) : undefined}
                    sx={{
                      all: outcome ? 'unset' : undefined,
                      display: 'block',
                      boxSizing: 'border-box',
                      width: CELL,
                      height: CELL,
                      borderRadius: 0.5,
                      cursor: outcome ? 'pointer' : 'default',
                      bgcolor: c ? c.tint : 'action.hover',
                      border: selected(p.id, w.week)
                        ? '2px solid #0d47a1'
                        : c
                          ? `1px solid ${c.main}55`
                          : '1px solid transparent',
                      '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
                    }}
                  />
                </Box>
              );
            })}
          </Box>
        ))}
      </Box>
      <Box sx={{ display: 'flex', gap: 2, mt: 1, flexWrap: 'wrap' }}>
        {(['absorbed', 'shedding', 'uncovered'] as const).map((o) => (
          <Box key={o} sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
            <Box
              sx={{
                width: 12,
                height: 12,
                borderRadius: 0.5,
                bgcolor: OUTCOME_COLORS[o].tint,
                border: `1px solid ${OUTCOME_COLORS[o].main}55`,
              }}
            />
            <Typography variant="caption">{OUTCOME_LABELS[o]}</Typography>
          </Box>
        ))}
        <Typography variant="caption" color="text.secondary">
          Empty: nothing anyone must cover. Numbers: faculty utilization in %.
        </Typography>
      </Box>
    </Box>
  );
}
