// The Dashboard's swaps card: how many requests wait for approval or to be run, the first few of
// them, and the way to the Swaps view. Hidden while nothing waits.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { api } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { useRoute } from '../state/route';
import { STATUS_COLORS, STATUS_LABELS, swapSentence } from './text';
import { useOwnPerson, useSwapsWaiting } from './waiting';

const SHOWN = 5;

export function SwapsCard() {
  const waiting = useSwapsWaiting();
  const count = waiting ? waiting.pending + waiting.approved : 0;
  const own = useOwnPerson();
  const list = useApiQuery(count > 0 ? `swaps:open:${own ?? ''}` : null, () =>
    api()['swaps.list']({ status: 'open', limit: SHOWN, ...(own ? { personId: own } : {}) }),
  );
  const open = useRoute((s) => s.open);
  if (!waiting || count === 0) return null;
  return (
    <Card sx={{ mb: 2 }} data-testid="dashboard-swaps">
      <CardContent>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
          <Typography variant="overline" color="text.secondary">
            Swaps
          </Typography>
          <Typography variant="body2">
            {waiting.pending} waiting for approval · {waiting.approved} approved, ready to run
          </Typography>
          <Box sx={{ flex: 1 }} />
          <Button size="small" onClick={() => open('swaps', {})}>
            Open Swaps
          </Button>
        </Stack>
        <Stack spacing={0.75} sx={{ mt: 1 }}>
          {(list.data ?? []).map((s) => (
            <Stack
              key={s.id}
              direction="row"
              spacing={1}
              sx={{ alignItems: 'center', cursor: 'pointer' }}
              onClick={() => open('swaps', { swap: String(s.id) })}
            >
              <Chip size="small" color={STATUS_COLORS[s.status]} label={STATUS_LABELS[s.status]} />
              <Typography variant="body2">
                #{s.id} {swapSentence(s)}
              </Typography>
            </Stack>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}
