// A rotation's weekly pattern: weeks × seven days × AM/PM, each cell the fixed activity, or a
// dot where the solver chooses. Protected cells are outlined.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { Activity, PatternCell, Rotation } from '../../../core/domain/types';
import { safeColor, textColorOn } from '../lib/colors';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function Cell({ cell, activities }: { cell: PatternCell | undefined; activities: Map<string, Activity> }) {
  const code = cell?.activityCode ?? null;
  const activity = code ? activities.get(code) : undefined;
  const bg = code ? safeColor(activity?.color) : 'transparent';
  return (
    <Box
      title={
        code
          ? `${code}${activity ? ` – ${activity.name}` : ''}${cell?.protected ? ' (protected)' : ''}`
          : 'Chosen by the solver'
      }
      sx={{
        height: 22,
        display: 'grid',
        placeItems: 'center',
        fontSize: 11,
        fontWeight: 600,
        borderRadius: '3px',
        bgcolor: bg,
        color: code ? textColorOn(bg) : 'text.disabled',
        outline: cell?.protected ? '2px solid' : 'none',
        outlineColor: 'text.primary',
        outlineOffset: -2,
      }}
    >
      {code ?? '·'}
    </Box>
  );
}

export function PatternTable({ rotation, activities }: { rotation: Rotation; activities: Map<string, Activity> }) {
  const weeks = rotation.pattern;
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mb: 1 }}>
        {weeks.length === 1 ? 'Weekly pattern (repeats every week)' : 'Pattern for weeks 1–4 of the block'} · outlined =
        protected · dot = chosen by the solver
      </Typography>
      <Box
        role="table"
        aria-label={`Weekly pattern of ${rotation.code}`}
        sx={{ display: 'grid', gridTemplateColumns: `72px repeat(14, 38px)`, gap: '3px', alignItems: 'center' }}
      >
        <div />
        {DAY_NAMES.map((d) => (
          <Typography key={d} variant="caption" sx={{ gridColumn: 'span 2', textAlign: 'center', fontWeight: 600 }}>
            {d}
          </Typography>
        ))}
        <div />
        {DAY_NAMES.flatMap((d) =>
          ['AM', 'PM'].map((h) => (
            <Typography
              key={`${d}${h}`}
              variant="caption"
              color="text.secondary"
              sx={{ textAlign: 'center', fontSize: 10 }}
            >
              {h}
            </Typography>
          )),
        )}
        {weeks.map((week, i) => (
          <Box key={i} sx={{ display: 'contents' }}>
            <Typography variant="caption" color="text.secondary">
              {weeks.length === 1 ? 'Every week' : `Week ${i + 1}`}
            </Typography>
            {DAY_NAMES.flatMap((_, d) =>
              (['AM', 'PM'] as const).map((h) => (
                <Cell key={`${d}${h}`} cell={week[String(d + 1)]?.[h]} activities={activities} />
              )),
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
