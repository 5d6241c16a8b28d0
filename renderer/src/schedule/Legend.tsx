// Legend under the grid: the activity codes in view with their colours, and the marks for
// absences, locked slots, weekends and holidays.
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { memo, type CSSProperties } from 'react';
import type { Activity } from '../../../core/domain/types';
import { safeColor, textColorOn } from '../lib/colors';
import type { GridModel } from '../grid/gridModel';

const CATEGORY_ORDER: Record<Activity['category'], number> = {
  clinical: 0,
  educational: 1,
  administrative: 2,
  time_off: 3,
};

function Swatch({ label, title, style }: { label: string; title: string; style: CSSProperties }) {
  return (
    <Tooltip title={title}>
      <Box
        component="span"
        sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, mr: 1.75, whiteSpace: 'nowrap' }}
      >
        <Box
          component="span"
          style={style}
          sx={{
            minWidth: 30,
            height: 18,
            px: 0.5,
            borderRadius: '3px',
            display: 'inline-grid',
            placeItems: 'center',
            fontSize: 10.5,
            fontWeight: 650,
          }}
        />
        <Typography component="span" variant="caption" color="text.secondary">
          {label}
        </Typography>
      </Box>
    </Tooltip>
  );
}

export const Legend = memo(function Legend({ model }: { model: GridModel }) {
  const activities = [...model.activities.values()]
    .filter((a) => model.usedCodes.has(a.code))
    .sort((a, b) => CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] || a.code.localeCompare(b.code));
  return (
    <Box
      data-testid="grid-legend"
      sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', rowGap: 0.75, pt: 1.25 }}
      aria-label="Legend"
    >
      {activities.map((a) => {
        const bg = safeColor(a.color);
        return (
          <Tooltip key={a.code} title={`${a.name} · ${a.category.replace('_', ' ')}`}>
            <Box
              component="span"
              sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, mr: 1.75 }}
              data-legend-code={a.code}
            >
              <Box
                component="span"
                style={{ backgroundColor: bg, color: textColorOn(bg) }}
                sx={{
                  minWidth: 30,
                  height: 18,
                  px: 0.5,
                  borderRadius: '3px',
                  display: 'inline-grid',
                  placeItems: 'center',
                  fontSize: 10.5,
                  fontWeight: 650,
                }}
              >
                {a.code}
              </Box>
              <Typography component="span" variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                {a.name}
              </Typography>
            </Box>
          </Tooltip>
        );
      })}
      {activities.length === 0 && (
        <Typography variant="caption" color="text.secondary" sx={{ mr: 2 }}>
          No half-days scheduled in this range.
        </Typography>
      )}
      <Box component="span" sx={{ borderLeft: '1px solid', borderColor: 'divider', height: 18, mx: 1 }} />
      <Swatch
        label="Absent"
        title="Hatched: an approved absence (lighter: requested)"
        style={{
          backgroundColor: 'var(--grid-surface)',
          border: '1px solid var(--grid-strong-line)',
          backgroundImage: 'repeating-linear-gradient(135deg, rgba(17,24,39,0.22) 0 2px, transparent 2px 6px)',
        }}
      />
      <Swatch
        label="On call"
        title="Bar under the half-days a call covers; a half-day otherwise off shows the call's code"
        style={{ backgroundColor: '#e5e7eb', boxShadow: 'inset 0 -3px 0 #6d28d9' }}
      />
      <Swatch
        label="Moonlighting / callback"
        title="Bar over the half-days moonlighting (ML) or a callback (CB) overlaps; hover a cell for its times"
        style={{ backgroundColor: '#e5e7eb', boxShadow: 'inset 0 3px 0 #c2410c' }}
      />
      <Swatch
        label="Locked"
        title="Corner mark: preloaded or set by hand; generation never overwrites it"
        style={{
          backgroundColor: '#e5e7eb',
          backgroundImage: 'linear-gradient(225deg, rgba(17,24,39,0.55) 0 5px, transparent 5px)',
        }}
      />
      <Swatch
        label="Weekend"
        title="Saturday and Sunday"
        style={{ backgroundColor: 'var(--grid-weekend-head)', border: '1px solid var(--grid-border)' }}
      />
      <Swatch
        label="Holiday"
        title="Hover a shaded date for the holiday's name"
        style={{ backgroundColor: 'var(--grid-holiday-head)', border: '1px solid var(--grid-border)' }}
      />
    </Box>
  );
});
