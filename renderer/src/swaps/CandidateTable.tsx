// Ranked candidates for a swap or a cover: best first, each with its score in 0..1 and the five
// parts (hover for why), the soft findings the swap would add, and who is not offered because the
// swap would break a hard rule (with the rule). One candidate can be chosen.
import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Collapse from '@mui/material/Collapse';
import LinearProgress from '@mui/material/LinearProgress';
import Radio from '@mui/material/Radio';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ExcludedCandidate, SwapCandidate } from '../../../core/api/contract';
import { PART_LABELS, scoreText } from './text';

/** The key a candidate is chosen by (a trade partner may offer several items). */
export const candidateKey = (c: Pick<SwapCandidate, 'personId' | 'counterItem'>) =>
  `${c.personId}|${c.counterItem?.start ?? ''}|${c.counterItem?.label ?? ''}`;

function Parts({ c }: { c: SwapCandidate }) {
  return (
    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', rowGap: 0.5, mt: 0.5 }}>
      {(Object.keys(PART_LABELS) as (keyof typeof PART_LABELS)[]).map((name) => {
        const part = c.score.parts[name];
        return (
          <Tooltip key={name} title={part.note}>
            <Chip
              size="small"
              variant="outlined"
              color={part.value === 0 && name === 'preference' ? 'error' : 'default'}
              label={`${PART_LABELS[name]} ${scoreText(part.value)}`}
              data-part={name}
              data-value={part.value}
              sx={{ height: 22, fontSize: 11.5 }}
            />
          </Tooltip>
        );
      })}
    </Stack>
  );
}

function CandidateRow({ c, chosen, onChoose }: { c: SwapCandidate; chosen: boolean; onChoose(): void }) {
  const soft = c.softFindings;
  return (
    <Box
      role="row"
      onClick={onChoose}
      data-testid="swap-candidate"
      data-person-id={c.personId}
      data-score={c.score.value}
      data-blocked={c.score.blocked ? 'true' : 'false'}
      sx={{
        display: 'grid',
        gridTemplateColumns: 'auto 1fr 120px',
        gap: 1,
        alignItems: 'center',
        px: 1,
        py: 0.75,
        borderRadius: 1,
        cursor: 'pointer',
        border: 1,
        borderColor: chosen ? 'primary.main' : 'transparent',
        bgcolor: chosen ? 'primary.light' : undefined,
        '&:hover': { bgcolor: chosen ? 'primary.light' : 'action.hover' },
      }}
    >
      <Radio
        size="small"
        checked={chosen}
        onChange={onChoose}
        slotProps={{ input: { 'aria-label': `Choose ${c.name}${c.counterItem ? ` for ${c.counterItem.label}` : ''}` } }}
      />
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {c.name}
          {c.counterItem && (
            <Typography component="span" variant="body2" color="text.secondary">
              {' '}
              · gives back {c.counterItem.label}
            </Typography>
          )}
          {c.score.blocked && (
            <Chip size="small" color="error" label="Blocked these dates" sx={{ ml: 1, height: 20 }} />
          )}
        </Typography>
        <Parts c={c} />
        {soft.length > 0 && (
          <Tooltip title={soft.map((f) => `${f.severity}: ${f.message}`).join('\n')}>
            <Typography
              variant="caption"
              color="warning.dark"
              sx={{ display: 'flex', alignItems: 'center', gap: 0.5, mt: 0.5 }}
              data-testid="soft-findings"
            >
              <WarningAmberOutlined sx={{ fontSize: 14 }} />
              Adds {soft.length === 1 ? 'a finding' : `${soft.length} findings`}: {soft[0].message}
              {soft.length > 1 ? ' …' : ''}
            </Typography>
          </Tooltip>
        )}
      </Box>
      <Box>
        <Typography
          variant="body2"
          sx={{ fontWeight: 650, textAlign: 'right' }}
          aria-label={`Score ${scoreText(c.score.value)} (0 to 1)`}
        >
          {scoreText(c.score.value)}
        </Typography>
        <LinearProgress
          variant="determinate"
          value={c.score.value * 100}
          color={c.score.blocked ? 'error' : 'primary'}
          sx={{ height: 5, borderRadius: 3 }}
        />
      </Box>
    </Box>
  );
}

export function CandidateTable({
  candidates,
  excluded,
  chosen,
  onChoose,
  emptyText = 'Nobody can take it without breaking a hard rule.',
}: {
  candidates: SwapCandidate[];
  excluded: ExcludedCandidate[];
  chosen: string | null;
  onChoose(c: SwapCandidate): void;
  emptyText?: string;
}) {
  const [showExcluded, setShowExcluded] = useState(false);
  return (
    <Box>
      <Box role="table" aria-label="Candidates, best first" sx={{ display: 'grid', gap: 0.5 }}>
        {candidates.map((c) => (
          <CandidateRow key={candidateKey(c)} c={c} chosen={chosen === candidateKey(c)} onChoose={() => onChoose(c)} />
        ))}
      </Box>
      {candidates.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
          {emptyText}
        </Typography>
      )}
      {excluded.length > 0 && (
        <Box sx={{ mt: 1 }}>
          <Button
            size="small"
            onClick={() => setShowExcluded((v) => !v)}
            endIcon={showExcluded ? <ExpandLess /> : <ExpandMore />}
            data-testid="show-excluded"
          >
            {excluded.length} not offered (would break a hard rule)
          </Button>
          <Collapse in={showExcluded}>
            <Box component="ul" sx={{ m: 0, pl: 3 }} data-testid="excluded-candidates">
              {excluded.map((e) => (
                <Typography
                  component="li"
                  variant="body2"
                  key={`${e.personId}|${e.counterItem?.start ?? ''}`}
                  data-person-id={e.personId}
                >
                  <b>{e.name}</b>
                  {e.counterItem ? ` for ${e.counterItem.label}` : ''}: {e.reasons.map((r) => r.message).join('; ')}
                </Typography>
              ))}
            </Box>
          </Collapse>
        </Box>
      )}
    </Box>
  );
}
