// A number typed as text (so a half-typed value is kept), with its unit and its error beside it.
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  unit?: string;
  help?: string;
  width?: number;
  id?: string;
}

export function NumberField({ label, value, onChange, error, unit, help, width = 180, id }: Props) {
  return (
    <TextField
      id={id}
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? help ?? ' '}
      sx={{ width }}
      slotProps={{
        htmlInput: { inputMode: 'decimal' },
        input: unit ? { endAdornment: <InputAdornment position="end">{unit}</InputAdornment> } : undefined,
      }}
    />
  );
}
