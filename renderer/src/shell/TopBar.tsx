// The top bar: which program is open, a running generation's status, the academic year picker and the
// signed-in account.
import DarkModeOutlined from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlined from '@mui/icons-material/LightModeOutlined';
import MenuOpenOutlined from '@mui/icons-material/MenuOpenOutlined';
import MenuOutlined from '@mui/icons-material/MenuOutlined';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { AccountMenu } from '../accounts/AccountMenu';
import { usePrefs } from '../state/prefs';
import { useProgram } from '../state/program';
import { TOP_BAR_HEIGHT } from '../ui/layout';
import { NoticeArea } from './NoticeArea';
import { YearPicker } from './YearPicker';
import { SearchButton } from '../search/SearchDialog';
import { GenerationStatus } from '../generate/GenerationStatus';

export function TopBar() {
  const info = useProgram((s) => s.info);
  const collapsed = usePrefs((s) => s.navCollapsed);
  const setPrefs = usePrefs((s) => s.set);
  const dark = usePrefs((s) => s.theme === 'dark');
  return (
    <AppBar
      position="fixed"
      elevation={0}
      sx={{ bgcolor: '#15324f', zIndex: (t) => t.zIndex.drawer + 1, borderBottom: '1px solid #0e2439' }}
    >
      <Toolbar variant="dense" sx={{ minHeight: TOP_BAR_HEIGHT, gap: 2, pl: { xs: 1 } }}>
        <Tooltip title={collapsed ? 'Show the view names' : 'Hide the view names (icons only)'}>
          <IconButton
            color="inherit"
            onClick={() => setPrefs({ navCollapsed: !collapsed })}
            aria-label={collapsed ? 'Show the navigation' : 'Collapse the navigation'}
            aria-controls="nav-rail"
            aria-expanded={!collapsed}
            data-testid="nav-toggle"
          >
            {collapsed ? <MenuOutlined /> : <MenuOpenOutlined />}
          </IconButton>
        </Tooltip>
        <Box
          aria-hidden
          sx={{
            width: 28,
            height: 28,
            borderRadius: 1.5,
            bgcolor: '#1f6fb8', // white on it reads at 5:1
            color: '#ffffff',
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
          {/* A name too long for the bar ends in "…": the tooltip says it whole. */}
          <Tooltip
            title={info ? `${info.settings.programName} · program file: ${info.path}` : ''}
            placement="bottom-start"
          >
            <Typography variant="subtitle1" noWrap sx={{ fontWeight: 650, lineHeight: 1.2 }} data-testid="program-name">
              {info?.settings.programName ?? 'Residency Scheduler'}
            </Typography>
          </Tooltip>
          {/* The notices and a running generation sit under the name: they cost the bar no width the name
              needs at 125 % zoom. */}
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
            {info && <NoticeArea />}
            <GenerationStatus />
            {/* Shortened beside the notices at 125 % zoom: whole on hover. */}
            <Typography
              variant="caption"
              noWrap
              sx={{ opacity: 0.7, display: 'block', lineHeight: 1.2, minWidth: 0 }}
              title={`Residency Scheduler${info ? ` · ${info.settings.timeZone}` : ''}`}
            >
              Residency Scheduler{info ? ` · ${info.settings.timeZone}` : ''}
            </Typography>
          </Box>
        </Box>
        <SearchButton />
        <YearPicker />
        <Tooltip title={dark ? 'Light theme' : 'Dark theme (night shifts)'}>
          <IconButton
            color="inherit"
            onClick={() => setPrefs({ theme: dark ? 'light' : 'dark' })}
            aria-label={dark ? 'Use the light theme' : 'Use the dark theme'}
            data-testid="theme-toggle"
          >
            {dark ? <LightModeOutlined /> : <DarkModeOutlined />}
          </IconButton>
        </Tooltip>
        <AccountMenu />
      </Toolbar>
    </AppBar>
  );
}
