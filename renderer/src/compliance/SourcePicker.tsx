// Which schedule the Compliance view checks: the published one, or an open draft (published
// plus the draft's changes). Kept in the URL as `draft`.
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { DraftSummary } from '../../../core/api/contract';

const PUBLISHED = 'published';

export function SourcePicker({
  drafts,
  draftId,
  onChange,
}: {
  drafts: DraftSummary[];
  draftId: number | null;
  onChange(draftId: number | null): void;
}) {
  const known = draftId === null || drafts.some((d) => d.id === draftId);
  return (
    <TextField
      select
      label="Schedule"
      value={draftId === null ? PUBLISHED : String(draftId)}
      onChange={(e) => onChange(e.target.value === PUBLISHED ? null : Number(e.target.value))}
      sx={{ minWidth: 230, bgcolor: 'background.paper' }}
      slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'compliance-source' } as object } }}
    >
      <MenuItem value={PUBLISHED} data-testid="source-published">
        Published schedule
      </MenuItem>
      {drafts.map((d) => (
        <MenuItem key={d.id} value={String(d.id)} data-testid={`source-draft-${d.id}`}>
          Draft “{d.name}”
        </MenuItem>
      ))}
      {!known && <MenuItem value={String(draftId)}>Draft {draftId}</MenuItem>}
    </TextField>
  );
}
