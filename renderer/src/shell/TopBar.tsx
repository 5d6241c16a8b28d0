// The top bar: which program is open, the academic year picker and the signed-in account.
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { AccountMenu } from '../accounts/AccountMenu';
import { useProgram } from '../state/program';
import { TOP_BAR_HEIGHT } from './layout';
import { YearPicker } from './YearPicker';

export function TopBar() {
  const info = useProgram((s) => s.info);
  return (
    <AppBar
      position="fixed"
      elevation={0}
      sx={{ bgcolor: '#15324f', zIndex: (t) => t.zIndex.drawer + 1, borderBottom: '1px solid #0e2439' }}
    >
      <Toolbar variant="dense" sx={{ minHeight: TOP_BAR_HEIGHT, gap: 2 }}>
        <Box
          aria-hidden
          sx={{
            width: 28,
            height: 28,
            borderRadius: 1.5,
            bgcolor: '#3d8bd4',
            display: 'grid',
            placeItems: 'center',
            fontWeight: 700,
            fontSize: 13,
            letterSpacing: '0.02em',
          }}
        >
          RS
        </Box>
        <Box sx={{ minWidth: 0, flex: 1 }}>
          <Tooltip title={info ? `Program file: ${info.path}` : ''} placement="bottom-start">
            <Typography variant="subtitle1" noWrap sx={{ fontWeight: 650, lineHeight: 1.2 }} data-testid="program-name">
              {info?.settings.programName ?? 'Residency Scheduler'}
            </Typography>
          </Tooltip>
          <Typography variant="caption" noWrap sx={{ opacity: 0.7, display: 'block', lineHeight: 1.2 }}>
            Residency Scheduler{info ? ` · ${info.settings.timeZone}` : ''}
          </Typography>
        </Box>
        <YearPicker />
        <AccountMenu />
      </Toolbar>
    </AppBar>
  );
}
