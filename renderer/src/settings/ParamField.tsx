// One rule parameter as a form field, by its kind (see ruleParams.ts); its error is shown beside it.
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { ParamDescription } from '../../../core/api/contract';
import { NumberField } from './NumberField';
import type { FieldKind } from './ruleParams';
import { WEEKDAY_NAMES } from './settingsForm';
import { choiceWords } from './valueWords';

interface Props {
  name: string;
  field: FieldKind;
  description: ParamDescription | undefined;
  /** Labels of a table's columns. */
  columnLabels?: Record<string, ParamDescription>;
  value: unknown;
  onChange(value: unknown, clears: string[]): void;
  /** Errors by path below this parameter ('' = the field, '[1].max' = a table cell). */
  errors: Record<string, string>;
}

function labelOf(name: string, description: ParamDescription | undefined): string {
  return description?.label ?? name.replace(/([A-Z])/g, ' $1').toLowerCase();
}

export function ParamField({ name, field, description, columnLabels = {}, value, onChange, errors }: Props) {
  const label = labelOf(name, description);
  const error = errors[''];
  switch (field.kind) {
    case 'number':
      return (
        <NumberField
          label={label}
          unit={description?.unit}
          value={String(value ?? '')}
          onChange={(v) => onChange(v, [''])}
          error={error}
          width={200}
        />
      );
    case 'boolean':
      return (
        <FormControlLabel
          control={<Switch checked={value === true} onChange={(e) => onChange(e.target.checked, [''])} />}
          label={label}
          sx={{ minWidth: 200 }}
        />
      );
    case 'choice':
    case 'weekday': {
      const options = field.kind === 'weekday' ? WEEKDAY_NAMES.map((_, i) => String(i + 1)) : field.options;
      const words = (o: string) => (field.kind === 'weekday' ? WEEKDAY_NAMES[Number(o) - 1] : choiceWords(o));
      return (
        <TextField
          select
          label={label}
          value={value === undefined || value === null ? '' : String(value)}
          onChange={(e) => onChange(field.kind === 'weekday' ? Number(e.target.value) : e.target.value, [''])}
          error={!!error}
          helperText={error ?? ' '}
          sx={{ width: 200 }}
        >
          {options.map((o) => (
            <MenuItem key={o} value={o}>
              {words(o)}
            </MenuItem>
          ))}
        </TextField>
      );
    }
    case 'text':
      return (
        <TextField
          label={label}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value, [''])}
          error={!!error}
          helperText={error ?? (field.nullable ? 'Leave empty for none' : ' ')}
          sx={{ width: 200 }}
        />
      );
    case 'choices':
    case 'texts':
      return (
        <Autocomplete
          multiple
          freeSolo={field.kind === 'texts'}
          options={field.kind === 'choices' ? field.options : []}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(_, v) => onChange(v, [''])}
          getOptionLabel={(o) => choiceWords(o)}
          renderValue={(values, getItemProps) =>
            values.map((v, index) => {
              const { key, ...itemProps } = getItemProps({ index });
              return <Chip key={key} size="small" label={choiceWords(v)} {...itemProps} />;
            })
          }
          renderInput={(params) => (
            <TextField
              {...params}
              label={label}
              error={!!error}
              helperText={error ?? (field.kind === 'texts' ? 'Type a code and press Enter' : ' ')}
            />
          )}
          sx={{ minWidth: 300, flex: '1 1 300px' }}
        />
      );
    case 'weekdays': {
      const days = Array.isArray(value) ? (value as number[]) : [];
      return (
        <Box sx={{ minWidth: 300 }}>
          <Typography variant="caption" color="text.secondary" component="div" id={`param-${name}`}>
            {label}
          </Typography>
          <ToggleButtonGroup
            size="small"
            value={days}
            onChange={(_, v: number[]) => onChange(v, [''])}
            aria-labelledby={`param-${name}`}
          >
            {WEEKDAY_NAMES.map((d, i) => (
              <ToggleButton key={d} value={i + 1} aria-label={d} sx={{ px: 1.1, py: 0.4 }}>
                {d.slice(0, 3)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <FormHelperText error={!!error}>{error ?? ' '}</FormHelperText>
        </Box>
      );
    }
    case 'table': {
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      const setRow = (i: number, key: string, v: unknown) =>
        onChange(
          rows.map((r, j) => (j === i ? { ...r, [key]: v } : r)),
          [`[${i}].${key}`],
        );
      return (
        <Box sx={{ width: '100%' }}>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>
            {label}
          </Typography>
          <Stack spacing={0.5}>
            {rows.map((row, i) => (
              <Stack key={i} direction="row" spacing={1} useFlexGap sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
                {field.columns.map((c) => (
                  <ParamField
                    key={c.key}
                    name={c.key}
                    field={c.field}
                    description={columnLabels[c.key]}
                    value={row[c.key]}
                    onChange={(v) => setRow(i, c.key, v)}
                    errors={errors[`[${i}].${c.key}`] ? { '': errors[`[${i}].${c.key}`] } : {}}
                  />
                ))}
                <IconButton
                  aria-label={`Remove row ${i + 1}`}
                  onClick={() =>
                    onChange(
                      rows.filter((_, j) => j !== i),
                      [],
                    )
                  }
                  sx={{ mt: 0.5 }}
                >
                  <DeleteOutlined fontSize="small" />
                </IconButton>
              </Stack>
            ))}
          </Stack>
          <Button
            size="small"
            startIcon={<AddOutlined />}
            onClick={() => onChange([...rows, Object.fromEntries(field.columns.map((c) => [c.key, '']))], [])}
          >
            Add a row
          </Button>
        </Box>
      );
    }
    default:
      return (
        <Typography variant="body2" color="text.secondary" sx={{ minWidth: 200 }}>
          {label}: {JSON.stringify(value)} (edited in the program file)
        </Typography>
      );
  }
}
