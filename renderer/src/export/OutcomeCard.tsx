// The result of the last export: what was written and where, with "Open folder" (the host shows
// it in the file manager), or what went wrong and which files were not written.
import CheckCircle from '@mui/icons-material/CheckCircle';
import CloseIcon from '@mui/icons-material/Close';
import FolderOpenOutlined from '@mui/icons-material/FolderOpenOutlined';
import ReportOutlined from '@mui/icons-material/ReportOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { api } from '../api';
import { useNotify } from '../state/notify';
import { formatRange } from '../lib/dates';
import { PathText } from './PathText';
import { baseName } from './paths';
import type { ExportOutcome } from './run';

function heading(o: ExportOutcome): {
  title: string;
  color: 'success.main' | 'warning.main' | 'error.main';
  Icon: typeof CheckCircle;
} {
  if (o.status === 'done') return { title: 'Export finished', color: 'success.main', Icon: CheckCircle };
  if (o.status === 'cancelled')
    return { title: 'Export stopped: nothing was written', color: 'warning.main', Icon: WarningAmberOutlined };
  return {
    title: o.files.length ? 'Export stopped by an error' : 'Nothing was exported',
    color: 'error.main',
    Icon: ReportOutlined,
  };
}

/** "Ann, Ben" or, for many, "Ann, Ben, … and 12 more". */
function namesList(names: string[], shown = 6): string {
  return names.length <= shown + 1
    ? names.join(', ')
    : `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

export function OutcomeCard({
  outcome,
  canReveal,
  onDismiss,
}: {
  outcome: ExportOutcome;
  canReveal: boolean;
  onDismiss(): void;
}) {
  const { title, color, Icon } = heading(outcome);
  const [revealing, setRevealing] = useState(false);
  const folderTarget = outcome.locationKind === 'folder';
  const reveal = async () => {
    setRevealing(true);
    try {
      const shown = await api()['system.revealPath']({ path: outcome.location });
      useNotify
        .getState()
        .notify(
          shown.kind === 'folder' ? `Opened ${shown.path}` : `Showing ${baseName(shown.path)} in its folder`,
          'success',
        );
    } catch (err) {
      useNotify.getState().fail(err, folderTarget ? 'Could not open the folder' : 'Could not show the file');
    } finally {
      setRevealing(false);
    }
  };
  const wrote = outcome.files.length > 0;

  return (
    <Card
      sx={{ p: 2.5, borderColor: outcome.status === 'done' ? 'success.light' : undefined }}
      data-testid="export-outcome"
      data-status={outcome.status}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Icon sx={{ color, fontSize: 22 }} />
        <Typography variant="subtitle1" sx={{ fontWeight: 650, flex: 1 }} data-testid="export-outcome-title">
          {title}
        </Typography>
        <Tooltip title="Dismiss">
          <IconButton size="small" onClick={onDismiss} aria-label="Dismiss the result">
            <CloseIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      {wrote && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mt: 0.5 }}>
          <Typography variant="body2" color="text.secondary" data-testid="export-outcome-summary">
            {outcome.summary}
            {outcome.range && ` · ${formatRange(outcome.range.start, outcome.range.end)}`}
            {` · ${outcome.seconds.toFixed(1)} s`}
          </Typography>
          {outcome.draftLabel && (
            <Chip
              size="small"
              color="warning"
              label={`DRAFT · ${outcome.draftLabel}`}
              sx={{ fontWeight: 600 }}
              data-testid="export-outcome-draft"
            />
          )}
        </Box>
      )}

      {outcome.error && (
        <Alert severity="error" variant="outlined" sx={{ mt: 1.5 }} data-testid="export-error">
          {outcome.error.message}
          {outcome.error.issues && outcome.error.issues.length > 0 && (
            <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
              {outcome.error.issues.slice(0, 6).map((i) => (
                <li key={`${i.path}:${i.message}`}>{`${i.path}: ${i.message}`}</li>
              ))}
            </Box>
          )}
        </Alert>
      )}
      {outcome.missing.length > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.25 }} data-testid="export-missing">
          Not written: {namesList(outcome.missing)}.
        </Typography>
      )}

      {wrote && (
        <>
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 2, mb: 0.5 }}>
            {folderTarget ? 'Saved in' : 'Saved as'}
          </Typography>
          <Box
            sx={{
              bgcolor: 'background.subtle',
              border: 1,
              borderColor: 'divider',
              borderRadius: 1,
              px: 1.25,
              py: 1,
            }}
            data-testid="export-location"
          >
            <PathText path={outcome.location} />
          </Box>
          {canReveal && (
            <Button
              variant="outlined"
              startIcon={<FolderOpenOutlined />}
              onClick={() => void reveal()}
              disabled={revealing}
              sx={{ mt: 1.25 }}
              data-testid="export-open-folder"
            >
              {folderTarget ? 'Open folder' : 'Show in folder'}
            </Button>
          )}

          {outcome.files.length > 1 && (
            <Box
              component="ul"
              aria-label="Files written"
              data-testid="export-files"
              sx={{
                listStyle: 'none',
                m: 0,
                mt: 2,
                p: 0,
                maxHeight: 300,
                overflow: 'auto',
                borderTop: 1,
                borderColor: 'divider',
              }}
            >
              {outcome.files.map((f) => (
                <Box
                  component="li"
                  key={f.path}
                  title={f.path}
                  data-testid="export-file"
                  sx={{
                    py: 0.75,
                    borderBottom: 1,
                    borderColor: 'divider',
                    display: 'flex',
                    gap: 1,
                    alignItems: 'baseline',
                  }}
                >
                  <Typography variant="body2" sx={{ fontWeight: 600, flex: '0 0 auto', maxWidth: '48%' }} noWrap>
                    {f.label}
                  </Typography>
                  <Typography variant="caption" color="text.secondary" sx={{ ml: 'auto', textAlign: 'right' }}>
                    {f.detail}
                  </Typography>
                </Box>
              ))}
            </Box>
          )}
          {folderTarget && outcome.files.length === 1 && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1.25 }} data-testid="export-file">
              <Box component="span" sx={{ fontWeight: 600, color: 'text.primary' }}>
                {outcome.files[0].label}
              </Box>
              {` · ${outcome.files[0].detail}`}
            </Typography>
          )}
        </>
      )}
    </Card>
  );
}
