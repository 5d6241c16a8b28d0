// "Working in": the published schedule (read-only) or one of the open drafts. With a draft open it
// is the draft's name beside its banner, labelled with what is done with it ("Editing draft").
import AddOutlined from '@mui/icons-material/AddOutlined';
import Divider from '@mui/material/Divider';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { DraftSummary } from '../../../core/api/contract';
import { api } from '../api';
import { plural } from '../lib/words';
import { ago } from '../lib/dates';
import { SOURCE_LABELS, STATUS_LABELS } from '../draft/labels';
import { manualDraftName, openDraft } from '../draft/session';
import { useApiQuery } from '../lib/useApiQuery';
import { useNotify } from '../state/notify';

const PUBLISHED = 'published';
const NEW = 'new';

function entries(d: DraftSummary): number {
  return d.entries.cells + d.entries.calls + d.entries.inpatientWeeks + (d.entries.rotations ?? 0);
}

export function DraftPicker({ draftId, current }: { draftId: number | null; current: DraftSummary | null }) {
  const drafts = useApiQuery('drafts:open', () => api()['drafts.list']({ status: 'open' }));
  const open = drafts.data ?? [];
  // A published or discarded draft opened by its link still shows in the list.
  const list = current && !open.some((d) => d.id === current.id) ? [current, ...open] : open;

  async function choose(value: string) {
    if (value === PUBLISHED) return openDraft(null);
    if (value === NEW) {
      try {
        const d = await api()['drafts.create']({ name: manualDraftName(), note: null });
        openDraft(d.id);
      } catch (err) {
        useNotify.getState().fail(err, 'Could not start a draft');
      }
      return;
    }
    openDraft(Number(value));
  }

  return (
    <TextField
      select
      label={
        current === null
          ? 'Working in'
          : current.status === 'open'
            ? 'Editing draft'
            : `${STATUS_LABELS[current.status]} draft`
      }
      value={draftId === null ? PUBLISHED : String(draftId)}
      onChange={(e) => void choose(e.target.value)}
      // With a draft open, narrower below 1200 px: the row holds its changes, findings and tools too
      // (its name is whole on hover); "Published schedule" keeps the room to be read whole.
      sx={{ width: current ? { xs: 160, lg: 200 } : 200, flexShrink: 0, bgcolor: 'background.paper' }}
      slotProps={{
        select: {
          // The whole name on hover when a long one is shortened.
          SelectDisplayProps: { 'data-testid': 'draft-picker', title: current?.name } as object,
          renderValue: (v) =>
            v === PUBLISHED ? 'Published schedule' : (list.find((d) => String(d.id) === v)?.name ?? `Draft ${v}`),
        },
      }}
    >
      <MenuItem value={PUBLISHED} data-testid="draft-option-published">
        <ListItemText primary="Published schedule" secondary="Read-only; edits start a new draft" />
      </MenuItem>
      <Divider />
      {list.map((d) => (
        <MenuItem key={d.id} value={String(d.id)} data-testid={`draft-option-${d.id}`}>
          <ListItemText
            primary={d.name}
            secondary={
              `${SOURCE_LABELS[d.source]} · ${plural(entries(d), 'change')} · ${d.createdBy} · ` + `${ago(d.createdAt)}`
            }
          />
        </MenuItem>
      ))}
      {list.length === 0 && (
        <MenuItem disabled>
          <ListItemText secondary="No open drafts" />
        </MenuItem>
      )}
      <Divider />
      <MenuItem value={NEW} data-testid="draft-option-new">
        <ListItemIcon>
          <AddOutlined fontSize="small" />
        </ListItemIcon>
        <ListItemText primary="New draft" />
      </MenuItem>
    </TextField>
  );
}
