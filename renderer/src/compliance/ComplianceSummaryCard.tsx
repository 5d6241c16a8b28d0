// The dashboard's compliance card: open findings by severity, the residents with the most serious
// open findings, and the coming weeks at risk. Each part links to the Compliance view, filtered.
import ArrowForward from '@mui/icons-material/ArrowForward';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { ComplianceSummary, PersonSummary } from '../../../core/api/contract';
import type { Severity } from '../../../core/domain/types';
import { api } from '../api';
import { formatRange, formatShortDate } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { useRoute } from '../state/route';
import { LoadError } from '../ui/LoadError';
import { formatNumber } from './findingText';
import { SEVERITY_COLORS } from '../lib/severity';
import { SEVERITY_HINTS, SEVERITY_LABELS, SEVERITY_ORDER } from '../lib/severity';
import { PersonLines } from './PersonLines';

function SeverityTile({
  severity,
  open,
  total,
  onClick,
}: {
  severity: Severity;
  open: number;
  total: number;
  onClick(): void;
}) {
  const c = SEVERITY_COLORS[severity];
  return (
    <Box
      component="button"
      type="button"
      onClick={onClick}
      data-testid={`summary-${severity}`}
      sx={{
        all: 'unset',
        cursor: 'pointer',
        flex: '1 1 120px',
        borderRadius: 1.5,
        px: 1.75,
        py: 1.25,
        bgcolor: open ? c.tint : 'background.subtle',
        border: '1px solid',
        borderColor: open ? `${c.main}40` : 'divider',
        '&:hover, &:focus-visible': { borderColor: c.main },
      }}
    >
      <Typography
        variant="caption"
        sx={{
          fontWeight: 650,
          color: open ? c.main : 'text.secondary',
          textTransform: 'uppercase',
          letterSpacing: '0.06em',
        }}
      >
        {SEVERITY_LABELS[severity]}
      </Typography>
      <Typography
        variant="h4"
        component="p"
        sx={{ fontWeight: 700, lineHeight: 1.15, color: open ? c.main : 'text.secondary' }}
        data-testid={`summary-open-${severity}`}
      >
        {open}
      </Typography>
      {/* On the severity's light tint the theme's text colour may be light (dark theme): the
          severity's own dark colour reads on it in both. */}
      <Typography variant="caption" sx={{ color: open ? c.main : 'text.secondary' }}>
        open{total !== open ? ` · ${total - open} acknowledged` : ''} · {SEVERITY_HINTS[severity].toLowerCase()}
      </Typography>
    </Box>
  );
}

function Heading({ children }: { children: string }) {
  return (
    <Typography variant="overline" color="text.secondary" sx={{ display: 'block', mb: 0.5 }}>
      {children}
    </Typography>
  );
}

/**
 * A resident's own hours: the 4-week average now, and the year's peak with when it ends ("now
 * 52.1 h/week · peak 68.8 (to 25 Aug 2026)"). Residents on the same rotation pattern share a peak;
 * the figure of today tells them apart.
 */
export function hoursWords(
  r: Pick<PersonSummary, 'currentAverageHours' | 'maxAverageHours' | 'maxAverageEnds'>,
): string {
  const parts: string[] = [];
  if (r.currentAverageHours !== null) parts.push(`now ${formatNumber(r.currentAverageHours)} h/week`);
  if (r.maxAverageHours !== null)
    parts.push(
      `peak ${formatNumber(r.maxAverageHours)}${r.maxAverageEnds ? ` (to ${formatShortDate(r.maxAverageEnds)})` : ''}`,
    );
  return parts.length ? `${parts.join(' · ')} · 4-week average` : '';
}

function WorstResidents({ summary, onOpen }: { summary: ComplianceSummary; onOpen(personId: string): void }) {
  if (!summary.worstResidents.length)
    return (
      <Typography variant="body2" color="text.secondary">
        No resident has an open finding.
      </Typography>
    );
  return (
    <Box component="ol" sx={{ m: 0, p: 0, listStyle: 'none' }} data-testid="summary-worst">
      {summary.worstResidents.map((r) => (
        <Box
          component="li"
          key={r.personId}
          onClick={() => onOpen(r.personId)}
          data-person-id={r.personId}
          sx={{
            display: 'flex',
            alignItems: 'center',
            gap: 1,
            py: 0.75,
            px: 1,
            mx: -1,
            borderRadius: 1,
            cursor: 'pointer',
            '&:hover': { bgcolor: 'action.hover' },
          }}
        >
          <PersonLines name={r.name}>
            {r.pgy !== null ? `PGY-${r.pgy} · ` : ''}
            {hoursWords(r)}
          </PersonLines>
          {SEVERITY_ORDER.filter((s) => r.counts[s] > 0)
            .slice(0, 2)
            .map((s) => (
              <Chip
                key={s}
                size="small"
                label={`${r.counts[s]} ${SEVERITY_LABELS[s].toLowerCase()}`}
                sx={{ fontWeight: 600, color: SEVERITY_COLORS[s].main, bgcolor: SEVERITY_COLORS[s].tint }}
              />
            ))}
        </Box>
      ))}
    </Box>
  );
}

function WeeksAtRisk({ summary, onOpen }: { summary: ComplianceSummary; onOpen(start: string, end: string): void }) {
  if (!summary.weeksAtRisk.length)
    return (
      <Typography variant="body2" color="text.secondary">
        Nothing serious in the next eight weeks.
      </Typography>
    );
  return (
    <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }} data-testid="summary-weeks">
      {summary.weeksAtRisk.map((w) => (
        <Box
          component="li"
          key={w.start}
          onClick={() => onOpen(w.start, w.end)}
          data-week={w.start}
          sx={{
            display: 'flex',
            gap: 1.25,
            py: 0.75,
            px: 1,
            mx: -1,
            borderRadius: 1,
            cursor: 'pointer',
            '&:hover': { bgcolor: 'action.hover' },
          }}
        >
          <Box
            sx={{
              width: 4,
              borderRadius: 2,
              flexShrink: 0,
              bgcolor: w.critical
                ? SEVERITY_COLORS.critical.main
                : w.high
                  ? SEVERITY_COLORS.high.main
                  : SEVERITY_COLORS.medium.main,
            }}
          />
          <Box sx={{ minWidth: 0 }}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              Week of {formatRange(w.start, w.end)}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {w.reasons.join(' · ')}
              {w.residentsNearLimit.length ? `: ${w.residentsNearLimit.map((r) => r.name).join(', ')}` : ''}
            </Typography>
          </Box>
        </Box>
      ))}
    </Box>
  );
}

export function ComplianceSummaryCard({ year }: { year: number }) {
  const open = useRoute((s) => s.open);
  const summary = useApiQuery(`compliance-summary:${year}`, () =>
    api()['compliance.summary']({ academicYear: year, draftId: null }),
  );
  const s = summary.data;
  return (
    <Card sx={{ mb: 2 }} data-testid="compliance-summary">
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', mb: 1.25 }}>
          <Typography variant="overline" color="text.secondary" sx={{ flex: 1 }}>
            Compliance
            {s ? ` · ${s.counts.critical + s.counts.high + s.counts.medium + s.counts.low} findings in the year` : ''}
          </Typography>
          <Button size="small" endIcon={<ArrowForward />} onClick={() => open('compliance', {})}>
            All findings
          </Button>
        </Box>
        {summary.error && <LoadError what="the compliance summary" error={summary.error} onRetry={summary.reload} />}
        {!s ? (
          <LinearProgress sx={{ my: 2 }} />
        ) : (
          <>
            <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', mb: 2.25 }}>
              {SEVERITY_ORDER.map((sev) => (
                <SeverityTile
                  key={sev}
                  severity={sev}
                  open={s.open[sev]}
                  total={s.counts[sev]}
                  onClick={() => open('compliance', { sev, ack: 'open' })}
                />
              ))}
            </Box>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 3 }}>
              <Box>
                <Heading>Residents to look at</Heading>
                <WorstResidents summary={s} onOpen={(person) => open('compliance', { person })} />
              </Box>
              <Box>
                <Heading>Weeks at risk ahead</Heading>
                <WeeksAtRisk summary={s} onOpen={(from, to) => open('compliance', { from, to, ack: 'open' })} />
              </Box>
            </Box>
          </>
        )}
      </CardContent>
    </Card>
  );
}
