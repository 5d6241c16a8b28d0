// The dashboard's contingency card: faculty utilization now, single points of failure and fatal
// pairs of the last sweep, and the worst weeks ahead; links to the Contingency view.
import ArrowForward from '@mui/icons-material/ArrowForward';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { SweepRun } from '../../../core/api/contract';
import type { WeekSummary } from '../../../core/domain/contingency';
import { api } from '../api';
import { addDays, isoWeekday, todayIso } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { useRoute } from '../state/route';
import { LoadError } from '../ui/LoadError';
import { LEVEL_COLORS, OUTCOME_COLORS, OUTCOME_LABELS, OUTCOME_ORDER, percent, plural, weekLabel } from './format';

/** How bad a week is: the worst single loss, then pairs losing coverage, then utilization. */
function severity(w: WeekSummary): number {
  return (
    (w.worstSingle ? OUTCOME_ORDER.indexOf(w.worstSingle) + 1 : 0) * 1000 + w.pairs.uncovered * 10 + w.utilization.ratio
  );
}

export function ContingencyCard() {
  const open = useRoute((s) => s.open);
  const query = useApiQuery('contingency:sweep', () => api()['contingency.run']({ latest: 'sweep' }));
  const run = query.data?.kind === 'sweep' ? (query.data as SweepRun) : null;
  const today = todayIso();
  const monday = addDays(today, 1 - isoWeekday(today));
  const ahead = run ? run.result.weeks.filter((w) => w.week >= monday) : [];
  const now = ahead[0] ?? null;
  const worst = [...ahead]
    .sort((a, b) => severity(b) - severity(a) || (a.week < b.week ? -1 : 1))
    .slice(0, 3)
    .filter((w) => severity(w) >= 1000 || w.utilization.level !== 'green');
  const fatal = run ? run.result.pairs.filter((p) => p.uncoveredWeeks > 0).length : 0;
  return (
    <Card sx={{ mb: 2 }} data-testid="contingency-card">
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
          <Typography variant="overline" color="text.secondary" sx={{ flex: 1 }}>
            Contingency
          </Typography>
          {run?.stale && (
            <Chip
              size="small"
              color="warning"
              variant="outlined"
              label="Out of date"
              title={run.staleReason ?? undefined}
            />
          )}
          <Button size="small" endIcon={<ArrowForward />} onClick={() => open('contingency', {})}>
            {run ? 'Open' : 'Run a sweep'}
          </Button>
        </Box>
        {query.error && <LoadError what="the last contingency sweep" error={query.error} onRetry={query.reload} />}
        {query.data === null && (
          <Typography variant="body2" color="text.secondary">
            No contingency sweep yet: see what breaks when one or two people are suddenly gone, and who covers.
          </Typography>
        )}
        {run && (
          <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap' }}>
            <Box sx={{ minWidth: 160 }}>
              <Typography variant="caption" color="text.secondary">
                Utilization {now && now.week === monday ? 'this week' : now ? `week of ${weekLabel(now.week)}` : ''}
              </Typography>
              {now ? (
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <Typography variant="h4" component="p" sx={{ fontWeight: 700 }} data-testid="card-utilization">
                    {percent(now.utilization.ratio)}
                  </Typography>
                  <Chip
                    size="small"
                    label={now.utilization.level}
                    sx={{
                      bgcolor: LEVEL_COLORS[now.utilization.level].fill,
                      color: LEVEL_COLORS[now.utilization.level].text,
                    }}
                  />
                </Box>
              ) : (
                <Typography variant="body2">The sweep covers no week from today on.</Typography>
              )}
              <Typography variant="caption" color="text.secondary" component="div">
                {plural(run.result.singlePointsOfFailure.length, 'single point of failure', 'single points of failure')}
                {run.result.params.depth === 2 ? ` · ${plural(fatal, 'fatal pair')}` : ''}
              </Typography>
            </Box>
            <Box sx={{ flex: 1, minWidth: 260 }}>
              <Typography variant="caption" color="text.secondary">
                Worst weeks ahead
              </Typography>
              {worst.length === 0 && (
                <Typography variant="body2">
                  Every week ahead absorbs any single loss, with utilization green.
                </Typography>
              )}
              <Box component="ol" sx={{ m: 0, p: 0, listStyle: 'none' }} data-testid="card-worst-weeks">
                {worst.map((w) => (
                  <Box component="li" key={w.week} sx={{ display: 'flex', gap: 1, alignItems: 'center', py: 0.25 }}>
                    <Typography variant="body2" sx={{ fontWeight: 600, width: 90 }}>
                      {weekLabel(w.week)}
                    </Typography>
                    <Chip
                      size="small"
                      label={percent(w.utilization.ratio)}
                      sx={{
                        bgcolor: LEVEL_COLORS[w.utilization.level].fill,
                        color: LEVEL_COLORS[w.utilization.level].text,
                      }}
                    />
                    {w.worstSingle && w.worstSingle !== 'absorbed' && (
                      <Typography variant="body2" sx={{ color: OUTCOME_COLORS[w.worstSingle].main }}>
                        {OUTCOME_LABELS[w.worstSingle].toLowerCase()}:{' '}
                        {plural(w.singles[w.worstSingle], 'single loss', 'single losses')}
                      </Typography>
                    )}
                    {w.pairs.uncovered > 0 && (
                      <Typography variant="body2" color="text.secondary">
                        · {plural(w.pairs.uncovered, 'pair')} lose coverage
                      </Typography>
                    )}
                  </Box>
                ))}
              </Box>
            </Box>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
