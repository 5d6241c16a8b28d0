// The file an import reads (its full path, typed or chosen with the OS open dialog where the host
// has one) and the Preview button beside it.
import FolderOpenOutlined from '@mui/icons-material/FolderOpenOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { api } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { useNotify } from '../state/notify';

interface FileToPreviewProps {
  path: string;
  disabled: boolean;
  placeholder: string;
  label: string;
  testId: string;
  /** The open dialog's title and the file types it shows (without the dot). */
  dialogTitle: string;
  extensions: string[];
  onChange(path: string): void;
  onPreview(): void;
}

export function FileToPreview(props: FileToPreviewProps) {
  const { path, disabled, placeholder, label, testId, dialogTitle, extensions, onChange, onPreview } = props;
  const paths = useApiQuery('system:paths', () => api()['system.paths']({}));
  const [picking, setPicking] = useState(false);
  const browse = async () => {
    setPicking(true);
    try {
      const picked = await api()['system.pickPath']({
        kind: 'open',
        title: dialogTitle,
        // The dialog opens where the typed path is (the OS ignores one that does not exist).
        defaultPath: path.trim() || null,
        extensions,
      });
      if (picked.path !== null) onChange(picked.path);
    } catch (err) {
      useNotify.getState().fail(err, 'Could not open the file dialog');
    } finally {
      setPicking(false);
    }
  };
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
      {paths.data?.canPick && (
        <Button
          variant="outlined"
          startIcon={<FolderOpenOutlined />}
          onClick={() => void browse()}
          disabled={disabled || picking}
          sx={{ flex: '0 0 auto', mt: 0.25 }}
          data-testid={`${testId}-browse`}
        >
          Browse…
        </Button>
      )}
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
