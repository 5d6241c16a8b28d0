// Which schedule: the published one, or an open draft picked explicitly and labelled DRAFT.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { DraftSummary } from '../../../core/api/contract';
import { formatShortDate } from '../lib/dates';
import type { ExportForm } from './plan';

function Choice({ title, detail }: { title: string; detail: string }) {
  return (
    <Box sx={{ py: 0.25 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {detail}
      </Typography>
    </Box>
  );
}

function draftDetail(d: DraftSummary): string {
  const changes = d.entries.cells + d.entries.calls + d.entries.inpatientWeeks;
  return (
    `${changes.toLocaleString('en-US')} ${changes === 1 ? 'change' : 'changes'} · edited ` +
    `${formatShortDate(d.updatedAt.slice(0, 10))}`
  );
}

interface SourcePickerProps {
  form: ExportForm;
  drafts: DraftSummary[];
  disabled: boolean;
  update(patch: Partial<ExportForm>): void;
}

export function SourcePicker({ form, drafts, disabled, update }: SourcePickerProps) {
  const usingDraft = form.draftId !== null;
  return (
    <Box>
      <RadioGroup
        value={usingDraft ? 'draft' : 'published'}
        onChange={(e) => update({ draftId: e.target.value === 'draft' ? (drafts[0]?.id ?? null) : null })}
        aria-label="Schedule"
        sx={{ gap: 0.25 }}
      >
        <FormControlLabel
          value="published"
          disabled={disabled}
          control={<Radio size="small" slotProps={{ input: { 'data-testid': 'export-source-published' } as object }} />}
          label={<Choice title="Published schedule" detail="What everyone works from." />}
        />
        <FormControlLabel
          value="draft"
          disabled={disabled || drafts.length === 0}
          control={<Radio size="small" slotProps={{ input: { 'data-testid': 'export-source-draft' } as object }} />}
          label={
            <Choice
              title="An open draft"
              detail={
                drafts.length === 0 ? 'No draft is open.' : `To review it before publishing (${drafts.length} open).`
              }
            />
          }
        />
      </RadioGroup>
      {usingDraft && (
        <>
          <TextField
            select
            value={drafts.some((d) => d.id === form.draftId) ? form.draftId : ''}
            onChange={(e) => update({ draftId: Number(e.target.value) })}
            disabled={disabled}
            sx={{ mt: 1, ml: 3.5, minWidth: 320, maxWidth: 420, display: 'flex' }}
            slotProps={{
              htmlInput: { 'data-testid': 'export-draft' },
              select: { SelectDisplayProps: { 'aria-label': 'Draft' } },
            }}
          >
            {drafts.map((d) => (
              <MenuItem key={d.id} value={d.id}>
                <Box>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {d.name}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {draftDetail(d)}
                  </Typography>
                </Box>
              </MenuItem>
            ))}
          </TextField>
          <Alert
            severity="warning"
            variant="outlined"
            icon={false}
            sx={{ mt: 1.5, ml: 3.5, bgcolor: (t) => t.alpha(t.vars.palette.warning.main, 0.06) }}
            data-testid="export-draft-warning"
          >
            <Box sx={{ display: 'flex', gap: 1.25, alignItems: 'flex-start' }}>
              <Chip label="DRAFT" size="small" color="warning" sx={{ fontWeight: 700, letterSpacing: '0.06em' }} />
              <span>
                Everything this export writes says DRAFT: event titles, every PDF page, a Schedule column in the CSV. It
                is saved apart from the published files, which stay untouched.
              </span>
            </Box>
          </Alert>
        </>
      )}
    </Box>
  );
}
