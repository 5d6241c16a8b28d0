// The running (or just ended) generation in the top bar: its progress and time, Stop, and its details
// one click away (GenerationPanel, under the top bar). Nothing floats over the grid or a page's buttons while a
// run goes; when it ends the status says how, and a click opens the result.
import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import ErrorOutlineOutlined from '@mui/icons-material/ErrorOutlineOutlined';
import StopOutlined from '@mui/icons-material/StopOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useRef } from 'react';
import { endWords, liveFigures, statusWords } from './format';
import { GENERATION_PANEL_ID, GenerationPanel } from './GenerationPanel';
import { setPanelOpen, stopGeneration, useGeneration } from './store';

const END_ICONS = {
  success: CheckCircleOutlined,
  info: CheckCircleOutlined,
  warning: WarningAmberOutlined,
  error: ErrorOutlineOutlined,
} as const;

export function GenerationStatus() {
  const active = useGeneration((s) => s.active);
  const button = useRef<HTMLButtonElement>(null);
  if (!active) return null;
  const { status, stopping, panelOpen } = active;
  const running = !status || status.state === 'running';
  const live = liveFigures(status);
  // How close the best schedule is proven to be to the best possible; unknown before one exists.
  const closed = live.gap === null ? null : Math.max(0, Math.min(100, (1 - Math.min(live.gap, 1)) * 100));
  const end = running ? null : endWords(status!);
  const EndIcon = end ? END_ICONS[end.tone] : null;
  const words = statusWords(status, stopping);

  return (
    <Box
      data-testid="generation-status"
      data-state={status?.state ?? 'starting'}
      sx={{ display: 'flex', alignItems: 'center', flexShrink: 0 }}
    >
      <Tooltip title={`${end?.text ?? words}: ${panelOpen ? 'hide' : 'show'} the details`}>
        <Button
          ref={button}
          color="inherit"
          size="small"
          aria-expanded={panelOpen}
          aria-controls={panelOpen ? GENERATION_PANEL_ID : undefined}
          aria-label={`${words}: ${panelOpen ? 'hide' : 'show'} the generation details`}
          onClick={() => setPanelOpen(!panelOpen)}
          startIcon={
            EndIcon ? (
              <EndIcon sx={{ fontSize: 16 }} />
            ) : (
              <CircularProgress
                color="inherit"
                size={14}
                thickness={5}
                variant={closed === null ? 'indeterminate' : 'determinate'}
                value={closed ?? undefined}
                aria-label="Generation progress"
              />
            )
          }
          // As small as the notices beside it: the line under the program's name, no width taken from the name.
          sx={{
            whiteSpace: 'nowrap',
            fontVariantNumeric: 'tabular-nums',
            minWidth: 0,
            minHeight: 0,
            py: 0,
            px: 0.75,
            fontSize: 12,
            lineHeight: '20px',
            '& .MuiButton-startIcon': { mr: 0.5 },
          }}
        >
          {words}
        </Button>
      </Tooltip>
      {running && (
        <Tooltip
          title={
            active.request.backend === 'glpk'
              ? 'GLPK cannot be interrupted: it stops at the time limit'
              : 'Stop: keep the best schedule found so far in a draft'
          }
        >
          <span>
            <IconButton
              color="inherit"
              size="small"
              sx={{ p: 0.25 }}
              aria-label="Stop the generation"
              disabled={stopping}
              onClick={() => void stopGeneration()}
            >
              <StopOutlined sx={{ fontSize: 18 }} />
            </IconButton>
          </span>
        </Tooltip>
      )}
      <GenerationPanel onHide={() => button.current?.focus()} />
    </Box>
  );
}
