// Which dates: the rest of the academic year (the default), one block, or any dates.
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { Block } from '../../../core/domain/types';
import { dateRangeError } from '../lib/dateRange';
import { formatRange } from '../lib/dates';
import { describeRange, type ExportForm, type WhenChoice, type WhenMode } from './plan';

interface WhenPickerProps {
  form: ExportForm;
  blocks: Block[];
  when: WhenChoice;
  yearLabel: string;
  disabled: boolean;
  update(patch: Partial<ExportForm>): void;
}

export function WhenPicker({ form, blocks, when, yearLabel, disabled, update }: WhenPickerProps) {
  const choose = (mode: WhenMode) => {
    // Dates start from what was shown, so switching to them changes nothing until edited.
    if (mode === 'dates' && !form.start && !when.error) update({ when: mode, start: when.start, end: when.end });
    else update({ when: mode });
  };
  return (
    <Box>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={form.when}
        disabled={disabled}
        onChange={(_, v: WhenMode | null) => v && choose(v)}
        aria-label="When"
        sx={{ bgcolor: 'background.paper' }}
      >
        <ToggleButton value="rest" sx={{ px: 1.75 }} data-testid="export-when-rest">
          {form.format === 'xlsx' ? `All of ${yearLabel}` : `Rest of ${yearLabel}`}
        </ToggleButton>
        <ToggleButton value="block" sx={{ px: 1.75 }} data-testid="export-when-block">
          A block
        </ToggleButton>
        {form.format !== 'xlsx' && (
          <ToggleButton value="dates" sx={{ px: 1.75 }} data-testid="export-when-dates">
            Dates
          </ToggleButton>
        )}
      </ToggleButtonGroup>

      {form.when === 'block' && when.block && (
        <TextField
          select
          value={when.block.number}
          onChange={(e) => update({ blockNumber: Number(e.target.value) })}
          disabled={disabled}
          sx={{ mt: 1.5, minWidth: 300, display: 'flex', maxWidth: 300 }}
          slotProps={{
            htmlInput: { 'data-testid': 'export-block' },
            select: { SelectDisplayProps: { 'aria-label': 'Block' } },
          }}
        >
          {blocks.map((b) => (
            <MenuItem key={b.number} value={b.number}>
              <Box component="span" sx={{ fontWeight: 600, minWidth: 70, display: 'inline-block' }}>
                Block {b.number}
              </Box>
              <Box component="span" sx={{ color: 'text.secondary' }}>
                {formatRange(b.start, b.end)}
              </Box>
            </MenuItem>
          ))}
        </TextField>
      )}

      {form.when === 'dates' && (
        <Box sx={{ display: 'flex', gap: 1.5, mt: 1.5, flexWrap: 'wrap' }}>
          <TextField
            type="date"
            label="From"
            value={form.start}
            onChange={(e) => update({ start: e.target.value })}
            disabled={disabled}
            sx={{ width: 180 }}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'export-start' } }}
          />
          <TextField
            type="date"
            label="To"
            value={form.end}
            onChange={(e) => update({ end: e.target.value })}
            disabled={disabled}
            // The section heading says why (plan.ts, the same range check as every form).
            error={!!dateRangeError(form.start, form.end)}
            sx={{ width: 180 }}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'export-end' } }}
          />
        </Box>
      )}

      {!when.error && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.25 }} data-testid="export-when-summary">
          {describeRange(when)}
        </Typography>
      )}
    </Box>
  );
}
