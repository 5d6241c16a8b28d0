// Where the export is saved: a folder (one file per person) or one file, with a sensible default
// the user can change (typed, or chosen with the OS dialog where the host has one) and go back to.
import FolderOpenOutlined from '@mui/icons-material/FolderOpenOutlined';
import RestartAlt from '@mui/icons-material/RestartAlt';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { api } from '../api';
import { useNotify } from '../state/notify';
import { MONO } from './PathText';
import type { ExportReview } from './plan';

interface OutputFieldProps {
  review: ExportReview;
  disabled: boolean;
  /** Whether the host can show the OS file dialog (system.paths). */
  canPick: boolean;
  onChange(value: string | null): void;
}

export function OutputField({ review, disabled, canPick, onChange }: OutputFieldProps) {
  const folder = review.format.output === 'folder';
  const [picking, setPicking] = useState(false);
  const browse = async () => {
    setPicking(true);
    try {
      const { path } = await api()['system.pickPath']({
        kind: folder ? 'folder' : 'file',
        title: folder ? `Save the ${review.format.noun[1]} in…` : `Save the ${review.format.noun[0]} as…`,
        // The dialog opens at what is there now (the OS ignores a path that does not exist yet).
        defaultPath: review.output || null,
        extension: review.format.extension ? review.format.extension.slice(1) : null,
      });
      if (path !== null) onChange(path);
    } catch (err) {
      useNotify.getState().fail(err, 'Could not open the file dialog');
    } finally {
      setPicking(false);
    }
  };
  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        <TextField
          fullWidth
          value={review.output}
          onChange={(e) => onChange(e.target.value)}
          disabled={disabled}
          error={!!review.errors.output}
          placeholder={folder ? 'Folder' : `File (${review.format.extension})`}
          slotProps={{
            htmlInput: {
              'aria-label': folder ? 'Folder to save into' : 'File to save',
              'data-testid': 'export-output',
              spellCheck: false,
            },
            input: { sx: { fontFamily: MONO, fontSize: 12.5 } },
          }}
        />
        {canPick && (
          <Button
            variant="outlined"
            startIcon={<FolderOpenOutlined />}
            onClick={() => void browse()}
            disabled={disabled || picking}
            sx={{ flex: '0 0 auto', mt: 0.25 }}
            data-testid="export-output-browse"
          >
            Browse…
          </Button>
        )}
        {!review.outputIsDefault && (
          <Button
            variant="text"
            startIcon={<RestartAlt />}
            onClick={() => onChange(null)}
            disabled={disabled}
            sx={{ flex: '0 0 auto', mt: 0.25 }}
            data-testid="export-output-default"
          >
            Default
          </Button>
        )}
      </Box>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.75 }}>
        {review.format.id === 'ics'
          ? 'One file per person, named by person. Keep using the same folder: the files already there are ' +
            'compared, so events that disappeared are cancelled in people’s calendars.'
          : folder
            ? 'One PDF per person, named by person. Files of the same name are replaced.'
            : 'A file of the same name is replaced.'}{' '}
        Missing folders are created.
      </Typography>
    </Box>
  );
}
