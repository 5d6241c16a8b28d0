// Asking for a swap: whose item (a call night or an inpatient week, upcoming), give it away or
// trade it, the ranked candidates (checked by the rules engine; who would break a hard rule is
// listed apart), the chosen one and why. The request then waits for approval in the Swaps view.
// Opened from the Swaps view or from a cell's menu in the grid (useSwapRequest).
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { createUserStore } from '../state/store';
import type { SwapCandidate, SwapItem, SwapKind } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { todayIso } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { useNotify } from '../state/notify';
import { useAcademicYear, useProgram } from '../state/program';
import { useRoute } from '../state/route';
import { CandidateTable, candidateKey } from './CandidateTable';
import { useOwnPerson } from './waiting';

interface RequestState {
  /** Open with a person (and their item) chosen, or empty. */
  opened: { personId: string | null; item: SwapItem | null } | null;
  open(personId?: string | null, item?: SwapItem | null): void;
  close(): void;
}

export const useSwapRequest = createUserStore<RequestState>((set) => ({
  opened: null,
  open: (personId = null, item = null) => set({ opened: { personId, item } }),
  close: () => set({ opened: null }),
}));

export const itemKey = (i: SwapItem) =>
  i.kind === 'call' ? `call|${i.personId}|${i.date}|${i.callTypeCode}` : `week|${i.personId}|${i.start}`;

function RequestDialog({
  personId: initialPerson,
  item: initialItem,
  onClose,
}: {
  personId: string | null;
  item: SwapItem | null;
  onClose(): void;
}) {
  const year = useAcademicYear()!;
  const yearEnd = useProgram((s) => s.info?.academicYears.find((y) => y.id === year)?.end ?? null);
  const [personId, setPersonId] = useState(initialPerson ?? initialItem?.personId ?? '');
  const [chosenItem, setChosenItem] = useState<string>(initialItem ? itemKey(initialItem) : '');
  const [kind, setKind] = useState<SwapKind>('absorb');
  const [chosen, setChosen] = useState<SwapCandidate | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const openView = useRoute((s) => s.open);
  const today = todayIso();

  const people = useApiQuery(`people:${year}`, () => api()['people.list']({ academicYear: year }));
  const start = today;
  const end = yearEnd && yearEnd > today ? yearEnd : today;
  const items = useApiQuery(personId ? `swap-items:${personId}:${start}:${end}` : null, () =>
    api()['swaps.items']({ personId, start, end }),
  );
  const item =
    items.data?.find((i) => itemKey(i.item) === chosenItem)?.item ??
    (initialItem && itemKey(initialItem) === chosenItem ? initialItem : null);
  const candidates = useApiQuery(item ? `swap-candidates:${kind}:${itemKey(item)}` : null, () =>
    api()['swaps.candidates']({ kind, item: item! }),
  );
  const list =
    candidates.data && candidates.dataKey === `swap-candidates:${kind}:${item ? itemKey(item) : ''}`
      ? candidates.data
      : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!item || !chosen) return;
    if (reason.trim().length < 3) return setError('Say why in a few words (at least 3 characters)');
    setBusy(true);
    setError(null);
    try {
      const s = await api()['swaps.request']({
        kind,
        item,
        counterpartId: chosen.personId,
        counterItem: chosen.counterItem?.item ?? null,
        reason: reason.trim(),
      });
      useNotify.getState().notify(`Swap #${s.id} requested: it waits for approval in Swaps`, 'success');
      onClose();
      openView('swaps', { swap: String(s.id) });
    } catch (err) {
      const data = toApiError(err);
      setError(
        [
          data.message,
          ...(data.issues ?? []).filter((i) => !data.message.includes(i.message)).map((i) => i.message),
        ].join(' · '),
      );
    } finally {
      setBusy(false);
    }
  }

  const own = useOwnPerson();
  const eligible = (people.data ?? []).filter(
    (p) => p.active && (p.kind === 'faculty' || p.kind === 'resident') && (!own || p.id === own),
  );
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="md"
      fullWidth
      component="form"
      onSubmit={submit}
      aria-labelledby="swap-request-title"
    >
      <DialogTitle id="swap-request-title">Request a swap</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 0.5 }}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
            <TextField
              select
              label="Whose"
              value={eligible.some((p) => p.id === personId) ? personId : ''}
              onChange={(e) => {
                setPersonId(e.target.value);
                setChosenItem('');
                setChosen(null);
              }}
              sx={{ minWidth: 220 }}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'swap-person' } as object } }}
            >
              {eligible.map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  {p.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label="Item"
              value={item ? itemKey(item) : ''}
              onChange={(e) => {
                setChosenItem(e.target.value);
                setChosen(null);
              }}
              disabled={!personId || !items.data}
              helperText={
                items.data && items.data.length === 0
                  ? 'No upcoming call or inpatient week this academic year'
                  : undefined
              }
              sx={{ flex: 1 }}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'swap-item' } as object } }}
            >
              {(items.data ?? []).map((i) => (
                <MenuItem key={itemKey(i.item)} value={itemKey(i.item)}>
                  {i.label}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={kind}
            onChange={(_, k: SwapKind | null) => {
              if (k) {
                setKind(k);
                setChosen(null);
              }
            }}
            aria-label="Kind of swap"
          >
            <ToggleButton value="absorb" data-testid="kind-absorb">
              Give it away
            </ToggleButton>
            <ToggleButton value="one_to_one" data-testid="kind-trade">
              Trade for one of theirs
            </ToggleButton>
          </ToggleButtonGroup>
          {items.error && <Alert severity="error">{items.error.message}</Alert>}
          {candidates.error && item && <Alert severity="error">{candidates.error.message}</Alert>}
          {item && (
            <div>
              <Typography variant="overline" color="text.secondary">
                {kind === 'absorb' ? 'Who could take it' : 'Who could trade'}, best first
              </Typography>
              {candidates.loading && <LinearProgress sx={{ height: 2 }} />}
              {list && (
                <CandidateTable
                  candidates={list.candidates}
                  excluded={list.excluded}
                  chosen={chosen ? candidateKey(chosen) : null}
                  onChoose={setChosen}
                  emptyText={
                    kind === 'absorb'
                      ? 'Nobody can take it without breaking a hard rule.'
                      : 'Nobody has an item within eight weeks to trade without breaking a hard rule.'
                  }
                />
              )}
            </div>
          )}
          <TextField
            label="Reason"
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setError(null);
            }}
            helperText="Why the swap is asked for (kept in the audit log)"
            disabled={!chosen}
            slotProps={{ htmlInput: { 'data-testid': 'swap-reason' } }}
          />
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={busy || !chosen} data-testid="swap-request-submit">
          Request swap
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Mounted once by the app shell: the request dialog, wherever it was opened from. */
export function SwapRequestHost() {
  const opened = useSwapRequest((s) => s.opened);
  const close = useSwapRequest((s) => s.close);
  if (!opened) return null;
  return <RequestDialog personId={opened.personId} item={opened.item} onClose={close} />;
}
