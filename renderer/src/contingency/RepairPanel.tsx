// The repair of the selected loss, in the domain's words: what the loss leaves uncovered and who
// covers it; what each cover gives up and what it costs them (hours, calls this month); what is
// shed and where; every changed assignment; whether the compliance engine passed it. "Apply
// repair as draft" puts it into a new draft, checked, reviewed and published like any other.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Collapse from '@mui/material/Collapse';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ContingencyResult, CoverCost, Repair, RepairChange } from '../../../core/domain/contingency';
import { api } from '../api';
import { formatDate, formatRange, formatShortDate } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { useNotify } from '../state/notify';
import { useRoute } from '../state/route';
import { LoadError } from '../ui/LoadError';
import { OUTCOME_COLORS, OUTCOME_HINTS, OUTCOME_LABELS, plural, SACRIFICE_WORDS } from './format';
import type { Selection } from './store';

interface RepairPanelProps {
  runId: number;
  result: ContingencyResult;
  selection: Selection;
  stale: boolean;
}

function changeText(c: RepairChange, name: (id: string | null) => string): string {
  switch (c.kind) {
    case 'slot':
      return `${name(c.personId)}, ${formatDate(c.date)} ${c.half}: ${c.from ?? 'empty'} → ${c.to ?? 'empty'}`;
    case 'call':
      return `${c.callTypeCode} call ${formatDate(c.date)}: ${name(c.from)} → ${c.to ? name(c.to) : 'nobody'}`;
    case 'inpatient_week':
      return (
        `Inpatient week ${formatShortDate(c.start)} – ${formatShortDate(c.end)}: ${name(c.from)} → ` +
        `${c.to ? name(c.to) : 'nobody'}`
      );
  }
}

export function RepairPanel({ runId, result, selection, stale }: RepairPanelProps) {
  const key = `${runId}|${selection.gone.join('+')}|${selection.week}`;
  const query = useApiQuery(key, () =>
    api()['contingency.repair']({ runId, gone: selection.gone, week: selection.week }),
  );
  const [applying, setApplying] = useState(false);
  const [showChanges, setShowChanges] = useState(false);
  const open = useRoute((s) => s.open);
  const people = new Map(result.people.map((p) => [p.id, p.name]));
  const name = (id: string | null) => (id ? (people.get(id) ?? id) : 'nobody');
  const who = selection.gone.map(name).join(' and ');
  const repair: Repair | undefined = query.dataKey === key ? query.data : undefined;

  const apply = async () => {
    setApplying(true);
    try {
      const draft = await api()['contingency.applyRepair']({ runId, gone: selection.gone, week: selection.week });
      useNotify.getState().notify(`Draft “${draft.name}” created: review it, then publish`, 'success');
      open('drafts', { draft: String(draft.id) });
    } catch (err) {
      useNotify.getState().fail(err, 'Could not apply the repair');
    } finally {
      setApplying(false);
    }
  };

  return (
    <Card variant="outlined" data-testid="repair-panel">
      <CardContent>
        <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" sx={{ flex: 1, minWidth: 240 }} data-testid="repair-title">
            {who} gone, week of {formatShortDate(selection.week)}
          </Typography>
          {repair && (
            <Chip
              label={OUTCOME_LABELS[repair.outcome]}
              sx={{
                bgcolor: OUTCOME_COLORS[repair.outcome].tint,
                color: OUTCOME_COLORS[repair.outcome].main,
                fontWeight: 650,
              }}
              data-testid="repair-outcome"
            />
          )}
          {repair && (
            <Chip
              variant="outlined"
              color={repair.verified ? 'success' : 'error'}
              label={repair.verified ? 'Passes the rule check' : 'Fails the rule check'}
              title={
                repair.verified
                  ? 'The compliance engine finds no new critical or high finding for anyone still there'
                  : repair.problems.join('\n')
              }
            />
          )}
          <Button
            variant="contained"
            onClick={() => void apply()}
            disabled={!repair || applying || stale}
            data-testid="apply-repair"
            title={stale ? 'The schedule changed since this sweep: run it again first' : undefined}
          >
            {applying ? 'Creating draft…' : 'Apply repair as draft'}
          </Button>
        </Box>
        {query.loading && !repair && <LinearProgress sx={{ mt: 1.5 }} />}
        {query.error && <LoadError what="the repair" error={query.error} onRetry={query.reload} />}
        {repair && (
          <Box sx={{ mt: 1.5, display: 'grid', gridTemplateColumns: { md: '1.2fr 1fr' }, gap: 2.5 }}>
            <Box>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                {OUTCOME_LABELS[repair.outcome]}: {OUTCOME_HINTS[repair.outcome]}. Gone{' '}
                {formatRange(repair.days[0], repair.days[repair.days.length - 1])}.
                {repair.clinicLost > 0 && ` Their own clinic half-days cancelled: ${repair.clinicLost}.`}
              </Typography>
              <Typography variant="subtitle2">What the loss leaves, and who covers it</Typography>
              <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="repair-requirements">
                {repair.requirements.map((r) => (
                  <Box component="li" key={r.id} sx={{ py: 0.25 }}>
                    <Typography variant="body2">
                      {r.label}:{' '}
                      {r.uncovered > 0 ? (
                        <Box component="strong" sx={{ color: OUTCOME_COLORS.uncovered.main }}>
                          nobody can take it
                        </Box>
                      ) : (
                        <>
                          {r.coveredBy.length ? `covered by ${r.coveredBy.map(name).join(', ')}` : ''}
                          {r.shed > 0 && (
                            <Box component="span" sx={{ color: OUTCOME_COLORS.shedding.main }}>
                              {r.coveredBy.length ? '; ' : ''}
                              {plural(r.shed, 'supervising faculty member')} short: learners’ clinic cancelled
                            </Box>
                          )}
                        </>
                      )}
                    </Typography>
                  </Box>
                ))}
                {!repair.requirements.length && <Typography variant="body2">Nothing to cover.</Typography>}
              </Box>
            </Box>
            <Box>
              <Typography variant="subtitle2">What each cover costs them</Typography>
              <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="repair-covers">
                {repair.covers.map((c) => (
                  <Box component="li" key={c.personId} sx={{ py: 0.25 }}>
                    <Typography variant="body2">
                      <strong>{name(c.personId)}</strong>: {plural(c.halfDays, 'half-day')} changed
                      {c.givesUp.length > 0 && ` (gives up ${c.givesUp.map(sacrificeText).join('; ')})`}
                      {c.hoursAdded !== 0 && `, ${c.hoursAdded > 0 ? '+' : ''}${c.hoursAdded} h`}
                      {c.callsTaken > 0 && `, ${plural(c.callsTaken, 'call')} taken (${c.callsThisMonth} this month)`}
                      {c.inpatientWeeks > 0 && `, takes the inpatient week`}
                    </Typography>
                  </Box>
                ))}
                {!repair.covers.length && <Typography variant="body2">Nobody.</Typography>}
              </Box>
              {repair.shed.length > 0 && (
                <>
                  <Typography variant="subtitle2" sx={{ mt: 1 }}>
                    Shed (in the sacrifice order)
                  </Typography>
                  <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="repair-shed">
                    {repair.shed.map((s) => (
                      <Box component="li" key={`${s.personId}|${s.date}|${s.half}`}>
                        <Typography variant="body2">
                          {SACRIFICE_WORDS[s.level]}: {name(s.personId)}, {s.activityCode} {formatDate(s.date)} {s.half}
                        </Typography>
                      </Box>
                    ))}
                  </Box>
                </>
              )}
              <Button size="small" sx={{ mt: 1 }} onClick={() => setShowChanges((v) => !v)}>
                {showChanges ? 'Hide' : 'Show'} the {plural(repair.changedAssignments, 'changed assignment')}
              </Button>
              <Collapse in={showChanges}>
                <Box component="ul" sx={{ m: 0, pl: 2.5, maxHeight: 220, overflowY: 'auto' }}>
                  {repair.changes.map((c, i) => (
                    <Box component="li" key={i}>
                      <Typography variant="caption">{changeText(c, name)}</Typography>
                    </Box>
                  ))}
                </Box>
              </Collapse>
            </Box>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

/** An activity a cover gives up: its code, the half-days, and what kind of time it is. */
function sacrificeText(g: CoverCost['givesUp'][number]): string {
  return `${g.activityCode} ×${g.halfDays}${g.level ? `, ${SACRIFICE_WORDS[g.level]}` : ''}`;
}
