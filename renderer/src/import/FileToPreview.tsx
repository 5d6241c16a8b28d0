// The file an import reads (its full path) and the Preview button beside it.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';

interface FileToPreviewProps {
  path: string;
  disabled: boolean;
  placeholder: string;
  label: string;
  testId: string;
  onChange(path: string): void;
  onPreview(): void;
}

export function FileToPreview({ path, disabled, placeholder, label, testId, onChange, onPreview }: FileToPreviewProps) {
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
      <TextField
        fullWidth
        value={path}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        disabled={disabled}
        slotProps={{ htmlInput: { 'aria-label': label, 'data-testid': `${testId}-path`, spellCheck: false } }}
      />
      <Button
        variant="contained"
        onClick={onPreview}
        disabled={disabled || !path.trim()}
        sx={{ flex: '0 0 auto', mt: 0.25 }}
        data-testid={`${testId}-preview`}
      >
        Preview
      </Button>
    </Box>
  );
}
