// Swaps: requests waiting for approval or to be run, past swaps, and finding cover for someone
// away. Each request says who gives what to whom, its score and why, the soft findings it adds,
// who approved it and what can be done next; `swap=<id>` opens one request.
import AddOutlined from '@mui/icons-material/AddOutlined';
import PersonSearchOutlined from '@mui/icons-material/PersonSearchOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Collapse from '@mui/material/Collapse';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { SwapSummary } from '../../../core/api/contract';
import { api } from '../api';
import { formatInstant } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { useRoute } from '../state/route';
import { EmptyState } from '../ui/EmptyState';
import { LoadError } from '../ui/LoadError';
import { Page } from '../ui/Page';
import { CoverPanel } from './CoverPanel';
import { useSwapRequest } from './RequestDialog';
import { SwapActions } from './SwapActions';
import { useOwnPerson, useSwapsWaiting } from './waiting';
import { useCan } from '../state/session';
import {
  missingApprovals,
  PART_LABELS,
  ROLE_LABELS,
  scoreText,
  STATUS_COLORS,
  STATUS_LABELS,
  swapSentence,
} from './text';
import { plural } from '../lib/words';

type TabId = 'open' | 'history' | 'cover';
const TABS: TabId[] = ['open', 'history', 'cover'];

function Detail({ s }: { s: SwapSummary }) {
  const moved = s.plan.cells.length + s.plan.calls.length + s.plan.weeks.length;
  return (
    <Box sx={{ mt: 1.5, display: 'grid', gridTemplateColumns: { md: '1fr 1fr' }, gap: 2 }} data-testid="swap-detail">
      <div>
        <Typography variant="overline" color="text.secondary">
          Score {scoreText(s.score.value)} (0 to 1)
        </Typography>
        <Box
          component="dl"
          sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 1.5, rowGap: 0.5 }}
        >
          {(Object.keys(PART_LABELS) as (keyof typeof PART_LABELS)[]).map((name) => (
            <Box key={name} sx={{ display: 'contents' }}>
              <Typography component="dt" variant="body2" color="text.secondary">
                {PART_LABELS[name]} {scoreText(s.score.parts[name].value)}
              </Typography>
              <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                {s.score.parts[name].note}
              </Typography>
            </Box>
          ))}
        </Box>
      </div>
      <div>
        <Typography variant="overline" color="text.secondary">
          What moves ({moved} entries)
        </Typography>
        <Typography variant="body2">
          {plural(s.plan.cells.length, 'half-day')}, {plural(s.plan.calls.filter((c) => c.after).length, 'call')} handed
          over, {plural(s.plan.weeks.filter((w) => w.after).length, 'inpatient week')}.
        </Typography>
        {s.softFindings.length > 0 && (
          <>
            <Typography variant="overline" color="text.secondary" component="div" sx={{ mt: 1 }}>
              Findings it adds ({s.softFindings.length})
            </Typography>
            {s.softFindings.map((f) => (
              <Typography key={f.id} variant="body2">
                {f.severity}: {f.message}
              </Typography>
            ))}
          </>
        )}
        <Typography variant="overline" color="text.secondary" component="div" sx={{ mt: 1 }}>
          Trail
        </Typography>
        <Typography variant="body2">
          Asked by {s.requestedBy} {formatInstant(s.requestedAt)}: {s.reason}
        </Typography>
        {s.approvals.map((a) => (
          <Typography variant="body2" key={a.role}>
            Approved as {ROLE_LABELS[a.role].toLowerCase()} by {a.approvedBy} {formatInstant(a.approvedAt)}
            {a.note ? `: ${a.note}` : ''}
          </Typography>
        ))}
        {s.decidedAt && (
          <Typography variant="body2">
            {s.status === 'rejected' ? 'Rejected' : 'Cancelled'} by {s.decidedBy} {formatInstant(s.decidedAt)}:{' '}
            {s.decisionReason}
          </Typography>
        )}
        {s.executedAt && (
          <Typography variant="body2">
            Run by {s.executedBy} {formatInstant(s.executedAt)} (publication #{s.publicationId})
          </Typography>
        )}
        {s.rolledBackAt && (
          <Typography variant="body2">
            Rolled back by {s.rolledBackBy} {formatInstant(s.rolledBackAt)}: {s.rollbackReason}
          </Typography>
        )}
      </div>
    </Box>
  );
}

function SwapCard({ s, open, onToggle }: { s: SwapSummary; open: boolean; onToggle(): void }) {
  const waiting = s.status === 'pending' ? missingApprovals(s) : [];
  return (
    <Card variant="outlined" data-testid="swap-row" data-swap-id={s.id} data-status={s.status}>
      <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <Typography variant="body2" color="text.secondary" sx={{ minWidth: 36 }}>
            #{s.id}
          </Typography>
          <Box sx={{ flex: 1, minWidth: 260, cursor: 'pointer' }} onClick={onToggle}>
            <Typography variant="body1" sx={{ fontWeight: 600 }}>
              {swapSentence(s)}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              Score {scoreText(s.score.value)} · {s.reason}
              {s.softFindings.length > 0 ? ` · adds ${plural(s.softFindings.length, 'finding')}` : ''}
            </Typography>
          </Box>
          <Tooltip
            title={waiting.length ? `Needs ${waiting.map((r) => ROLE_LABELS[r].toLowerCase()).join(' and ')}` : ''}
          >
            <Chip
              size="small"
              color={STATUS_COLORS[s.status]}
              label={STATUS_LABELS[s.status]}
              data-testid="swap-status"
            />
          </Tooltip>
          <Button size="small" onClick={onToggle}>
            {open ? 'Less' : 'Details'}
          </Button>
        </Stack>
        <Box sx={{ mt: 1 }}>
          <SwapActions swap={s} />
        </Box>
        <Collapse in={open} unmountOnExit>
          <Detail s={s} />
        </Collapse>
      </CardContent>
    </Card>
  );
}

function SwapList({ which }: { which: 'open' | 'history' }) {
  const query = useRoute((s) => s.query);
  const setQuery = useRoute((s) => s.setQuery);
  const own = useOwnPerson();
  const list = useApiQuery(`swaps:${which}:${own ?? ''}`, () =>
    api()['swaps.list']({
      ...(which === 'open' ? { status: 'open' as const } : {}),
      ...(own ? { personId: own } : {}),
    }),
  );
  const rows = (list.data ?? []).filter((s) =>
    which === 'open'
      ? s.status === 'pending' || s.status === 'approved'
      : s.status !== 'pending' && s.status !== 'approved',
  );
  const openId = Number(query.swap);
  return (
    <>
      {list.error && <LoadError what="the swaps" error={list.error} onRetry={list.reload} />}
      {list.loading && <LinearProgress sx={{ height: 2, mb: 1 }} />}
      <Stack spacing={1}>
        {rows.map((s) => (
          <SwapCard
            key={s.id}
            s={s}
            open={openId === s.id}
            onToggle={() => setQuery({ swap: openId === s.id ? null : String(s.id) })}
          />
        ))}
      </Stack>
      {list.data && rows.length === 0 && (
        <EmptyState title={which === 'open' ? 'No swap is waiting' : 'No swaps yet'}>
          {which === 'open'
            ? 'Request one here, or right-click a call or an inpatient-week day in the published schedule.'
            : 'Done, rolled back, rejected and cancelled swaps are listed here.'}
        </EmptyState>
      )}
    </>
  );
}

export function SwapsView() {
  const query = useRoute((s) => s.query);
  const setQuery = useRoute((s) => s.setQuery);
  const openRequest = useSwapRequest((s) => s.open);
  const own = useOwnPerson();
  const tab: TabId = TABS.includes(query.tab as TabId) ? (query.tab as TabId) : 'open';
  const waiting = useSwapsWaiting();
  const open = waiting ? waiting.pending + waiting.approved : null;
  const findsCover = useCan('swaps.cover');
  const mayRequest = useCan('swaps.request');
  return (
    <Page
      title="Swaps"
      subtitle={
        'Trade or give away inpatient weeks and calls: ranked candidates checked against every rule, ' +
        'approval, one publication, and rollback.'
      }
      actions={
        <>
          {findsCover && (
            <Button
              variant="outlined"
              startIcon={<PersonSearchOutlined />}
              onClick={() => setQuery({ tab: 'cover', swap: null })}
            >
              Find cover
            </Button>
          )}
          {mayRequest && (
            <Button
              variant="contained"
              startIcon={<AddOutlined />}
              onClick={() => openRequest(own)}
              data-testid="new-swap"
            >
              Request a swap
            </Button>
          )}
        </>
      }
    >
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs value={tab} onChange={(_, t: TabId) => setQuery({ tab: t === 'open' ? null : t, swap: null })}>
          <Tab value="open" label={`Waiting${open !== null ? ` (${open})` : ''}`} data-testid="tab-swaps-open" />
          <Tab value="history" label="History" data-testid="tab-swaps-history" />
          {findsCover && <Tab value="cover" label="Find cover" data-testid="tab-swaps-cover" />}
        </Tabs>
      </Box>
      {tab === 'open' && <SwapList which="open" />}
      {tab === 'history' && <SwapList which="history" />}
      {tab === 'cover' && findsCover && <CoverPanel />}
    </Page>
  );
}
