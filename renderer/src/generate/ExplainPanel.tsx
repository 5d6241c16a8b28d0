// "Why is this cell X?": a side panel that asks generate.explain for one cell of a generated
// draft and lists the rules and goals that pinned it (locked, absence, pattern, requirement,
// fairness…), strongest first. The cell comes from a right-click in the grid, or is picked here.
import CloseIcon from '@mui/icons-material/Close';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { CellExplanationView, ExplainTarget, ReasonKind } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { TOP_BAR_HEIGHT } from '../ui/layout';
import { REASON_LABELS } from './format';
import { academicYearOf } from '../lib/academicYear';
import { describeTarget } from './explainTarget';
import { closeExplain, explainCell, useGeneration } from './store';

const STRONG: ReadonlySet<ReasonKind> = new Set(['locked', 'absence', 'fixed', 'standing_rule', 'shift', 'pattern']);

export function ExplainPanel() {
  const explain = useGeneration((s) => s.explain);
  if (!explain) return null;
  return <Panel key={explain.draftId} draftId={explain.draftId} target={explain.target} year={explain.academicYear} />;
}

function Panel({ draftId, target, year }: { draftId: number; target: ExplainTarget | null; year: number | null }) {
  const academicYear = target && target.kind !== 'plan' ? academicYearOf(target.date) : year;
  const peopleKey = academicYear !== null ? `people:${academicYear}` : null;
  const people = useApiQuery(peopleKey, () => api()['people.list']({ academicYear: academicYear! }));
  const names = useMemo(() => new Map((people.data ?? []).map((p) => [p.id, p.name])), [people.data]);
  const nameOf = (id: string) => names.get(id) ?? id;
  const activities = useApiQuery('activities', () => api()['activities.list']({}));
  const activityNames = useMemo(() => new Map((activities.data ?? []).map((a) => [a.code, a.name])), [activities.data]);

  const [view, setView] = useState<CellExplanationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!target) return;
    let live = true;
    setLoading(true);
    setError(null);
    api()
      ['generate.explain']({ draftId, target })
      .then((v) => live && setView(v))
      .catch((err) => live && (setView(null), setError(toApiError(err).message)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [draftId, target]);

  // Slots hold activity codes ("C · Clinic"); calls and weeks hold people.
  const shown = (value: string) => {
    if (target?.kind !== 'slot') return value.split(', ').map(nameOf).join(', ');
    const name = activityNames.get(value);
    return name ? `${value} · ${name}` : value;
  };

  return (
    <Paper
      elevation={8}
      role="complementary"
      aria-label="Why is this cell"
      data-testid="explain-panel"
      sx={{
        position: 'fixed',
        top: TOP_BAR_HEIGHT + 12,
        right: 16,
        width: 380,
        maxWidth: 'calc(100vw - 32px)',
        maxHeight: `calc(100vh - ${TOP_BAR_HEIGHT + 24}px)`,
        overflow: 'auto',
        zIndex: 1250,
        p: 2,
      }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle1" sx={{ flex: 1 }}>
          Why is this cell what it is?
        </Typography>
        <IconButton size="small" aria-label="Close explanation" onClick={closeExplain}>
          <CloseIcon fontSize="small" />
        </IconButton>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        Draft #{draftId} · what schedule generation decided and the rules and goals that pinned it.
      </Typography>
      <TargetPicker
        key={JSON.stringify(target)}
        draftId={draftId}
        target={target}
        academicYear={academicYear}
        people={people.data ?? []}
      />
      {loading && <LinearProgress sx={{ my: 1 }} />}
      {error && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
      {target && view && !loading && (
        <Box sx={{ mt: 1.5 }} data-testid="explain-result">
          <Typography variant="body2" sx={{ mb: 0.5 }}>
            {describeTarget(target, nameOf)}
          </Typography>
          <Typography variant="h6" component="p" sx={{ mb: 1 }} data-testid="explain-value">
            {shown(view.generated)}
          </Typography>
          {view.editedSince && (
            <Alert severity="info" sx={{ mb: 1 }}>
              Edited after generation: the draft now holds {view.draftValue ? shown(view.draftValue) : 'nothing'} here.
              The reasons below are for the generated value.
            </Alert>
          )}
          {view.draftValue === undefined && (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              The draft has no entry here: the published value stays (it was locked, or the cell was reverted).
            </Typography>
          )}
          <Stack component="ol" spacing={1} sx={{ pl: 0, m: 0, listStyle: 'none' }}>
            {view.reasons.map((r, i) => (
              <Stack
                component="li"
                key={i}
                direction="row"
                spacing={1}
                sx={{ alignItems: 'baseline' }}
                data-reason={r.kind}
              >
                <Chip
                  size="small"
                  label={REASON_LABELS[r.kind] ?? r.kind}
                  color={STRONG.has(r.kind) ? 'primary' : 'default'}
                  variant={STRONG.has(r.kind) ? 'filled' : 'outlined'}
                />
                <Typography variant="body2">{r.text}</Typography>
              </Stack>
            ))}
          </Stack>
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1.5 }}>
            Generation run #{view.runId}, {new Date(view.generatedAt).toLocaleString()}.
          </Typography>
        </Box>
      )}
    </Paper>
  );
}

/** Pick a cell by hand: a person's half-day, a call night or an inpatient week. */
function TargetPicker({
  draftId,
  target,
  academicYear,
  people,
}: {
  draftId: number;
  target: ExplainTarget | null;
  academicYear: number | null;
  people: { id: string; name: string }[];
}) {
  const [kind, setKind] = useState<'slot' | 'call' | 'inpatient'>(
    target?.kind === 'call' || target?.kind === 'inpatient' ? target.kind : 'slot',
  );
  const [personId, setPersonId] = useState(target?.kind === 'slot' ? target.personId : '');
  const [date, setDate] = useState(target && target.kind !== 'plan' ? target.date : '');
  const [half, setHalf] = useState<'AM' | 'PM'>(target?.kind === 'slot' ? target.half : 'AM');
  const [callType, setCallType] = useState(target?.kind === 'call' ? target.callTypeCode : 'OC');
  const ready =
    /^\d{4}-\d{2}-\d{2}$/.test(date) &&
    (kind !== 'slot' || personId !== '') &&
    (kind !== 'call' || callType.trim() !== '');

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready) return;
    const t: ExplainTarget =
      kind === 'slot'
        ? { kind, personId, date, half }
        : kind === 'call'
          ? { kind, date, callTypeCode: callType.trim() }
          : { kind, date };
    explainCell(draftId, t, academicYear);
  }

  return (
    <Box component="form" onSubmit={submit} sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1 }}>
      <TextField select size="small" label="Cell" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
        <MenuItem value="slot">Half-day</MenuItem>
        <MenuItem value="call">Call night</MenuItem>
        <MenuItem value="inpatient">Inpatient week</MenuItem>
      </TextField>
      <TextField
        size="small"
        type="date"
        label="Date"
        value={date}
        onChange={(e) => setDate(e.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      {kind === 'slot' && (
        <>
          <TextField
            select
            size="small"
            label="Person"
            value={people.some((p) => p.id === personId) ? personId : ''}
            onChange={(e) => setPersonId(e.target.value)}
          >
            {people.map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label="Half"
            value={half}
            onChange={(e) => setHalf(e.target.value as 'AM' | 'PM')}
          >
            <MenuItem value="AM">AM</MenuItem>
            <MenuItem value="PM">PM</MenuItem>
          </TextField>
        </>
      )}
      {kind === 'call' && (
        <TextField size="small" label="Call type" value={callType} onChange={(e) => setCallType(e.target.value)} />
      )}
      <Button type="submit" variant="outlined" disabled={!ready} sx={{ gridColumn: '1 / -1' }}>
        Explain
      </Button>
    </Box>
  );
}
