// Find cover: someone is away (an absence entered over their work, or gone today). For each call
// and inpatient week they leave in those days, the same ranked candidates as a swap; the choices
// (and, if wanted, their other work cleared) become a draft to review and publish in Drafts.
// The person and dates live in the URL (`tab=cover&person=…&start=…&end=…`), so entering an
// absence can open this panel on it.
import EventBusyOutlined from '@mui/icons-material/EventBusyOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { SwapCandidate } from '../../../core/api/contract';
import type { AbsenceType } from '../../../core/domain/types';
import { api, toApiError } from '../api';
import { dateRangeError } from '../lib/dateRange';
import { formatRange, todayIso } from '../lib/dates';
import { ABSENCE_LABELS } from '../lib/labels';
import { useApiQuery } from '../lib/useApiQuery';
import { useNotify } from '../state/notify';
import { useAcademicYear } from '../state/program';
import { useRoute } from '../state/route';
import { CandidateTable, candidateKey } from './CandidateTable';
import { itemKey } from './RequestDialog';
import { plural } from '../lib/words';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function GoneToday({ personId, onDone }: { personId: string; onDone(start: string, end: string): void }) {
  const [type, setType] = useState<AbsenceType>('sick');
  const [busy, setBusy] = useState(false);
  const today = todayIso();
  async function mark() {
    setBusy(true);
    try {
      await api()['absences.create']({
        personId,
        type,
        start: today,
        end: today,
        status: 'approved',
        note: 'Gone today (entered from Find cover)',
      });
      useNotify.getState().notify(`Entered ${ABSENCE_LABELS[type].toLowerCase()} for today`, 'success');
      onDone(today, today);
    } catch (err) {
      useNotify.getState().fail(err, 'Could not enter the absence');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <TextField
        select
        size="small"
        label="Absence"
        value={type}
        onChange={(e) => setType(e.target.value as AbsenceType)}
        sx={{ minWidth: 170 }}
      >
        {(Object.keys(ABSENCE_LABELS) as AbsenceType[]).map((t) => (
          <MenuItem key={t} value={t}>
            {ABSENCE_LABELS[t]}
          </MenuItem>
        ))}
      </TextField>
      <Button
        variant="outlined"
        startIcon={<EventBusyOutlined />}
        disabled={busy}
        onClick={() => void mark()}
        data-testid="gone-today"
      >
        Mark gone today
      </Button>
    </Stack>
  );
}

export function CoverPanel() {
  const year = useAcademicYear()!;
  const query = useRoute((s) => s.query);
  const setQuery = useRoute((s) => s.setQuery);
  const openView = useRoute((s) => s.open);
  const today = todayIso();
  const personId = query.person ?? '';
  const start = query.start && ISO.test(query.start) ? query.start : today;
  const end = query.end && ISO.test(query.end) ? query.end : start;
  // A To before From is said beside To; nothing is looked up until it is a range.
  const rangeError = dateRangeError(start, end);
  const [choices, setChoices] = useState<Record<string, SwapCandidate>>({});
  // Clearing their other work is offered ticked only when an approved absence says they are away.
  const [clearChoice, setClearChoice] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const people = useApiQuery(`people:${year}`, () => api()['people.list']({ academicYear: year }));
  const key = personId && !rangeError ? `cover:${personId}:${start}:${end}` : null;
  const cover = useApiQuery(key, () => api()['swaps.cover']({ personId, start, end }));
  const result = cover.dataKey === key ? cover.data : undefined;
  const clear = clearChoice ?? (result ? result.absences.length > 0 : false);
  const eligible = (people.data ?? []).filter((p) => p.active && (p.kind === 'faculty' || p.kind === 'resident'));
  const set = (patch: Record<string, string | null>) => {
    setChoices({});
    setClearChoice(null);
    setError(null);
    setQuery(patch);
  };

  async function createDraft() {
    if (!result) return;
    setBusy(true);
    setError(null);
    try {
      const picked = result.needs
        .filter((n) => choices[itemKey(n.item.item)])
        .map((n) => ({ item: n.item.item, takerId: choices[itemKey(n.item.item)].personId }));
      const draft = await api()['swaps.coverDraft']({
        personId,
        start,
        end,
        choices: picked,
        clearOtherWork: clear && result.otherWork.length > 0,
      });
      useNotify.getState().notify(`Draft “${draft.name}” created: review and publish it`, 'success');
      openView('drafts', { draft: String(draft.id) });
    } catch (err) {
      const data = toApiError(err);
      setError(data.message);
    } finally {
      setBusy(false);
    }
  }

  const chosenCount = result ? result.needs.filter((n) => choices[itemKey(n.item.item)]).length : 0;
  return (
    <Box data-testid="cover-panel">
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} sx={{ mb: 2, alignItems: { md: 'center' } }}>
        <TextField
          select
          label="Who is away"
          value={eligible.some((p) => p.id === personId) ? personId : ''}
          onChange={(e) => set({ person: e.target.value })}
          sx={{ minWidth: 220 }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'cover-person' } as object } }}
        >
          {eligible.map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          type="date"
          label="From"
          value={start}
          onChange={(e) =>
            ISO.test(e.target.value) && set({ start: e.target.value, end: e.target.value > end ? e.target.value : end })
          }
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          type="date"
          label="To"
          value={end}
          onChange={(e) => ISO.test(e.target.value) && set({ end: e.target.value })}
          error={!!rangeError}
          helperText={rangeError}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'cover-end' } }}
        />
        {personId && <GoneToday personId={personId} onDone={(s, e) => set({ start: s, end: e })} />}
      </Stack>
      {!personId && (
        <Typography variant="body2" color="text.secondary">
          Choose who is away and the days: their calls and inpatient weeks in those days get ranked candidates, and the
          choices become a draft.
        </Typography>
      )}
      {cover.loading && <LinearProgress sx={{ height: 2, mb: 1 }} />}
      {cover.error && <Alert severity="error">{cover.error.message}</Alert>}
      {result && (
        <Stack spacing={1.5}>
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1, alignItems: 'center' }}>
            <Typography variant="body2">
              {result.name}, {formatRange(result.start, result.end)}:
            </Typography>
            {result.absences.length ? (
              result.absences.map((a) => (
                <Chip
                  key={a.id}
                  size="small"
                  color="warning"
                  variant="outlined"
                  label={`${ABSENCE_LABELS[a.type as AbsenceType] ?? a.type} ${formatRange(a.start, a.end)}`}
                />
              ))
            ) : (
              <Chip size="small" variant="outlined" label="No approved absence in these days" />
            )}
          </Stack>
          {result.needs.length === 0 && (
            <Alert severity="success">No call or inpatient week needs cover in these days.</Alert>
          )}
          {result.needs.map((n) => (
            <Card key={itemKey(n.item.item)} variant="outlined" data-testid="cover-need">
              <CardContent>
                <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
                  {n.item.label}
                </Typography>
                <CandidateTable
                  candidates={n.candidates}
                  excluded={n.excluded}
                  chosen={choices[itemKey(n.item.item)] ? candidateKey(choices[itemKey(n.item.item)]) : null}
                  onChoose={(c) => setChoices((all) => ({ ...all, [itemKey(n.item.item)]: c }))}
                />
              </CardContent>
            </Card>
          ))}
          {result.otherWork.length > 0 && (
            <FormControlLabel
              control={
                <Checkbox
                  checked={clear}
                  onChange={(e) => setClearChoice(e.target.checked)}
                  data-testid="cover-clear"
                />
              }
              label={
                `Also clear ${result.name}'s ${plural(result.otherWork.length, 'other half-day')} of work in ` +
                `these days (${[...new Set(result.otherWork.map((w) => w.activityCode))].join(', ')})`
              }
            />
          )}
          {error && <Alert severity="error">{error}</Alert>}
          <Box>
            <Button
              variant="contained"
              disabled={busy || (chosenCount === 0 && !(clear && result.otherWork.length > 0))}
              onClick={() => void createDraft()}
              data-testid="cover-draft"
            >
              Make a draft{chosenCount ? ` with ${plural(chosenCount, 'cover choice')}` : ''}
            </Button>
          </Box>
        </Stack>
      )}
    </Box>
  );
}
