// Who the program cannot lose: single points of failure (their loss alone leaves coverage
// uncovered), losses that need shedding, and the pairs worse together than apart, fatal first.
// Each entry opens the repair of its first week at risk; a pair's weeks can be picked.
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { ContingencyResult, CriticalPerson, PairFinding } from '../../../core/domain/contingency';
import { OUTCOME_COLORS, plural, weekLabel } from './format';
import type { Selection } from './store';

interface ListsProps {
  result: ContingencyResult;
  selection: Selection | null;
  onSelect(selection: Selection): void;
}

function Section({
  title,
  hint,
  children,
  testId,
}: {
  title: string;
  hint: string;
  children: React.ReactNode;
  testId: string;
}) {
  return (
    <Card variant="outlined" sx={{ flex: '1 1 300px', minWidth: 280 }} data-testid={testId}>
      <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Typography variant="subtitle2">{title}</Typography>
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mb: 1 }}>
          {hint}
        </Typography>
        <Box sx={{ maxHeight: 260, overflowY: 'auto' }}>{children}</Box>
      </CardContent>
    </Card>
  );
}

function Row({
  selected,
  onClick,
  children,
  testId,
}: {
  selected: boolean;
  onClick(): void;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <Box
      component="button"
      type="button"
      onClick={onClick}
      data-testid={testId}
      sx={{
        all: 'unset',
        boxSizing: 'border-box',
        display: 'flex',
        width: '100%',
        alignItems: 'center',
        gap: 1,
        py: 0.6,
        px: 1,
        borderRadius: 1,
        cursor: 'pointer',
        bgcolor: selected ? '#e3f2fd' : undefined,
        '&:hover, &:focus-visible': { bgcolor: selected ? '#e3f2fd' : '#f3f7fb' },
      }}
    >
      {children}
    </Box>
  );
}

function weeksText(weeks: string[]): string {
  return weeks.length > 3
    ? `${weeks.slice(0, 3).map(weekLabel).join(', ')} +${weeks.length - 3}`
    : weeks.map(weekLabel).join(', ');
}

function PersonList({
  people,
  which,
  result,
  selection,
  onSelect,
  empty,
}: { people: CriticalPerson[]; which: 'uncoveredWeeks' | 'sheddingWeeks'; empty: string } & ListsProps) {
  const name = new Map(result.people.map((p) => [p.id, p]));
  if (!people.length)
    return (
      <Typography variant="body2" color="text.secondary">
        {empty}
      </Typography>
    );
  return (
    <>
      {people.map((c) => {
        const weeks = c[which];
        const p = name.get(c.personId);
        return (
          <Row
            key={c.personId}
            selected={selection?.gone.length === 1 && selection.gone[0] === c.personId}
            onClick={() => onSelect({ gone: [c.personId], week: weeks[0] })}
            testId={`critical-${c.personId}`}
          >
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }} noWrap>
                {p?.name ?? c.personId}
              </Typography>
              <Typography variant="caption" color="text.secondary" noWrap component="div">
                {p?.label} · weeks of {weeksText(weeks)}
              </Typography>
            </Box>
            <Chip size="small" label={plural(weeks.length, 'week')} />
          </Row>
        );
      })}
    </>
  );
}

function PairList({ pairs, result, selection, onSelect }: { pairs: PairFinding[] } & ListsProps) {
  const name = new Map(result.people.map((p) => [p.id, p.name]));
  if (result.params.depth !== 2)
    return (
      <Typography variant="body2" color="text.secondary">
        Pairs were not examined: run the sweep with every pair (N-2).
      </Typography>
    );
  if (!pairs.length)
    return (
      <Typography variant="body2" color="text.secondary">
        No pair is worse together than apart.
      </Typography>
    );
  return (
    <>
      {pairs.map((p) => {
        const isSelected = selection?.gone.length === 2 && selection.gone.includes(p.a) && selection.gone.includes(p.b);
        return (
          <Box key={`${p.a}|${p.b}`}>
            <Row
              selected={isSelected}
              onClick={() => onSelect({ gone: [p.a, p.b], week: p.weeks[0].week })}
              testId={`pair-${p.a}-${p.b}`}
            >
              <Typography variant="body2" sx={{ fontWeight: 600, flex: 1, minWidth: 0 }} noWrap>
                {name.get(p.a)} + {name.get(p.b)}
              </Typography>
              {p.uncoveredWeeks > 0 && (
                <Chip
                  size="small"
                  label={`lost ${plural(p.uncoveredWeeks, 'week')}`}
                  sx={{ bgcolor: OUTCOME_COLORS.uncovered.tint }}
                />
              )}
              {p.sheddingWeeks > 0 && (
                <Chip
                  size="small"
                  label={`shed ${plural(p.sheddingWeeks, 'week')}`}
                  sx={{ bgcolor: OUTCOME_COLORS.shedding.tint }}
                />
              )}
            </Row>
            {isSelected && p.weeks.length > 1 && (
              <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', px: 1, pb: 0.75 }}>
                {p.weeks.map((w) => (
                  <Chip
                    key={w.week}
                    size="small"
                    variant={selection?.week === w.week ? 'filled' : 'outlined'}
                    label={weekLabel(w.week)}
                    onClick={() => onSelect({ gone: [p.a, p.b], week: w.week })}
                    sx={{ borderColor: OUTCOME_COLORS[w.outcome].main }}
                  />
                ))}
              </Box>
            )}
          </Box>
        );
      })}
    </>
  );
}

export function RiskLists(props: ListsProps) {
  const { result } = props;
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      <Section
        title={`Single points of failure (${result.singlePointsOfFailure.length})`}
        hint={
          'Their loss alone leaves a call, an inpatient week, a team place or a procedure session with nobody to ' +
          'take it.'
        }
        testId="list-spof"
      >
        <PersonList
          people={result.singlePointsOfFailure}
          which="uncoveredWeeks"
          empty="None: every single loss can be covered."
          {...props}
        />
      </Section>
      <Section
        title={`Fatal pairs and pairs that need shedding (${result.pairs.length})`}
        hint="Worse together than either loss alone; coverage lost first."
        testId="list-pairs"
      >
        <PairList pairs={result.pairs} {...props} />
      </Section>
      <Section
        title={`Losses that need shedding (${result.sheddingLosses.length})`}
        hint="Covered only by giving up core education or continuity clinic."
        testId="list-shedding"
      >
        <PersonList people={result.sheddingLosses} which="sheddingWeeks" empty="None." {...props} />
      </Section>
    </Box>
  );
}
