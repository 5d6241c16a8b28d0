// Format-specific options: paper size for printouts, the first day of the week on the call
// roster, activities left out of calendars (e.g. weekends), the extra sheets of the Excel workbook.
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { Activity } from '../../../core/domain/types';
import type { ExportForm } from './plan';

export function hasOptions(format: ExportForm['format']): boolean {
  return format !== 'csv';
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', '& + &': { mt: 1.5 } }}>
      <Typography variant="body2" color="text.secondary" sx={{ width: 130 }}>
        {label}
      </Typography>
      {children}
    </Box>
  );
}

interface ExportOptionsProps {
  form: ExportForm;
  activities: Activity[];
  disabled: boolean;
  update(patch: Partial<ExportForm>): void;
}

export function ExportOptions({ form, activities, disabled, update }: ExportOptionsProps) {
  if (form.format === 'xlsx')
    return (
      <Row label="Also add">
        <FormControlLabel
          control={
            <Checkbox
              size="small"
              checked={form.xlsxPlan}
              disabled={disabled}
              onChange={(_, v) => update({ xlsxPlan: v })}
            />
          }
          label="Annual rotation plan"
        />
        <FormControlLabel
          control={
            <Checkbox
              size="small"
              checked={form.xlsxCalls}
              disabled={disabled}
              onChange={(_, v) => update({ xlsxCalls: v })}
            />
          }
          label="Call roster"
        />
      </Row>
    );
  if (form.format === 'ics') {
    const byCode = new Map(activities.map((a) => [a.code, a]));
    return (
      <Row label="Leave out">
        <Autocomplete
          multiple
          size="small"
          options={activities.map((a) => a.code)}
          value={form.omitActivityCodes}
          onChange={(_, codes) => update({ omitActivityCodes: codes })}
          getOptionLabel={(code) => `${code} · ${byCode.get(code)?.name ?? code}`}
          disabled={disabled}
          sx={{ flex: 1, minWidth: 260, maxWidth: 520 }}
          renderValue={(codes, getItemProps) =>
            codes.map((code, index) => {
              const { key, ...item } = getItemProps({ index });
              return <Chip key={key} size="small" label={`${code} · ${byCode.get(code)?.name ?? code}`} {...item} />;
            })
          }
          renderInput={(params) => (
            <TextField
              {...params}
              placeholder={form.omitActivityCodes.length ? '' : 'Nothing: every activity is in the calendars'}
              slotProps={{
                ...params.slotProps,
                htmlInput: { ...params.slotProps.htmlInput, 'aria-label': 'Activities to leave out' },
              }}
            />
          )}
        />
      </Row>
    );
  }
  return (
    <>
      <Row label="Paper">
        <ToggleButtonGroup
          size="small"
          exclusive
          value={form.pageSize}
          disabled={disabled}
          onChange={(_, v: ExportForm['pageSize'] | null) => v && update({ pageSize: v })}
          aria-label="Paper size"
          sx={{ bgcolor: 'background.paper' }}
        >
          <ToggleButton value="LETTER" sx={{ px: 1.75 }}>
            Letter
          </ToggleButton>
          <ToggleButton value="A4" sx={{ px: 1.75 }}>
            A4
          </ToggleButton>
        </ToggleButtonGroup>
      </Row>
      {form.format === 'roster-pdf' && (
        <Row label="Weeks start on">
          <ToggleButtonGroup
            size="small"
            exclusive
            value={form.weekStartsOn}
            disabled={disabled}
            onChange={(_, v: 1 | 7 | null) => v && update({ weekStartsOn: v })}
            aria-label="Weeks start on"
            sx={{ bgcolor: 'background.paper' }}
          >
            <ToggleButton value={7} sx={{ px: 1.75 }}>
              Sunday
            </ToggleButton>
            <ToggleButton value={1} sx={{ px: 1.75 }}>
              Monday
            </ToggleButton>
          </ToggleButtonGroup>
        </Row>
      )}
    </>
  );
}
