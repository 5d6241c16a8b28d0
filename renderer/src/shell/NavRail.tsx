// Left navigation between views.
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Divider from '@mui/material/Divider';
import ListSubheader from '@mui/material/ListSubheader';
import Tooltip from '@mui/material/Tooltip';
import { Fragment, type ReactElement } from 'react';
import { usePrefs } from '../state/prefs';
import { useSession } from '../state/session';
import { useRoute } from '../state/route';
import { useSwapsWaiting } from '../swaps/waiting';
import { NAV_COLLAPSED_WIDTH, NAV_WIDTH, TOP_BAR_HEIGHT } from '../ui/layout';
import { NAV_ITEMS } from '../lib/nav';
import { preloadView } from './views';
import { plural } from '../lib/words';

/**
 * Every view within reach without scrolling on a short screen (1280×720, and at 125 % zoom 576 CSS
 * px high): the rail tightens its spacing as the window gets shorter; it still scrolls as a last resort.
 */
const SHORT = '@media (max-height: 800px)';
const SHORTEST = '@media (max-height: 640px)';

/**
 * An item's label as a tooltip, only while the collapsed rail hides it: a Tooltip with no title still
 * costs each of the ~17 items its hooks and handlers at every render of the rail.
 */
function LabelTip({ label, shown, children }: { label: string; shown: boolean; children: ReactElement }) {
  if (!shown) return children;
  return (
    <Tooltip title={label} placement="right">
      {children}
    </Tooltip>
  );
}

export function NavRail() {
  const view = useRoute((s) => s.view);
  const go = useRoute((s) => s.go);
  const collapsed = usePrefs((s) => s.navCollapsed);
  const width = collapsed ? NAV_COLLAPSED_WIDTH : NAV_WIDTH;
  const allowed = useSession((s) => s.status?.allowed);
  // Each item under the section it belongs to, whether or not the section's first item is shown.
  let section: string | undefined;
  const withSections = NAV_ITEMS.map((item) => ({ item, section: (section = item.section ?? section) }));
  const personId = useSession((s) => s.status?.account?.personId ?? null);
  const shown = withSections.filter(
    ({ item }) => (!item.needs || !!allowed?.includes(item.needs)) && (!item.personal || personId !== null),
  );
  const items = shown.map(({ item, section: s }, i) => ({
    ...item,
    section: i > 0 && shown[i - 1].section === s ? undefined : s,
  }));
  const swaps = useSwapsWaiting();
  const swapsWaiting = swaps ? swaps.pending + swaps.approved : 0;
  return (
    <Drawer
      variant="permanent"
      sx={{
        width,
        flexShrink: 0,
        '& .MuiDrawer-paper': {
          width,
          boxSizing: 'border-box',
          top: TOP_BAR_HEIGHT,
          height: `calc(100% - ${TOP_BAR_HEIGHT}px)`,
          bgcolor: 'background.nav',
          overflowX: 'hidden',
        },
      }}
    >
      <Box component="nav" aria-label="Views" id="nav-rail" sx={{ overflowY: 'auto', py: 1 }}>
        <List dense disablePadding>
          {items.map((item) => {
            const Icon = item.icon;
            const selected = item.id === view;
            return (
              <Fragment key={item.id}>
                {item.section &&
                  (collapsed ? (
                    <Divider component="li" aria-hidden sx={{ my: 1, mx: 1.5 }} />
                  ) : (
                    <ListSubheader
                      disableSticky
                      sx={{
                        bgcolor: 'transparent',
                        lineHeight: '28px',
                        mt: 1,
                        fontSize: 11,
                        letterSpacing: '0.08em',
                        textTransform: 'uppercase',
                        [SHORT]: { lineHeight: '20px', mt: 0.5 },
                        // Shortest: the section names give way to dividers, as in the collapsed rail.
                        [SHORTEST]: {
                          height: '1px',
                          overflow: 'hidden',
                          color: 'transparent',
                          bgcolor: 'divider',
                          mx: 1.5,
                          my: 0.5,
                        },
                      }}
                    >
                      {item.section}
                    </ListSubheader>
                  ))}
                <ListItem disablePadding>
                  <LabelTip label={item.label} shown={collapsed}>
                    <ListItemButton
                      selected={selected}
                      onClick={() => go(item.id)}
                      onPointerEnter={() => preloadView(item.id)}
                      onFocus={() => preloadView(item.id)}
                      aria-current={selected ? 'page' : undefined}
                      aria-label={collapsed ? item.label : undefined}
                      data-testid={`nav-${item.id}`}
                      sx={{
                        mx: 1,
                        borderRadius: 1.5,
                        mb: 0.25,
                        px: collapsed ? 1.25 : 2,
                        [SHORT]: { mb: 0 },
                        [SHORTEST]: { py: '2px' },
                        '&.Mui-selected': { bgcolor: 'primary.light', color: 'primary.dark' },
                        '&.Mui-selected .MuiListItemIcon-root': { color: 'primary.main' },
                        // A keyboard user sees clearly where they are: a 3 px ring in the primary colour,
                        // at least 3:1 against the rail and the selected item in both themes (e2e).
                        '&.Mui-focusVisible': {
                          outline: '3px solid',
                          outlineColor: 'primary.main',
                          outlineOffset: '-3px',
                        },
                      }}
                    >
                      <ListItemIcon sx={{ minWidth: 34 }}>
                        {item.id === 'swaps' && swapsWaiting > 0 ? (
                          <Badge
                            badgeContent={swapsWaiting}
                            color="warning"
                            max={99}
                            data-testid="swaps-badge"
                            aria-label={`${plural(swapsWaiting, 'swap')} waiting`}
                          >
                            <Icon fontSize="small" />
                          </Badge>
                        ) : (
                          <Icon fontSize="small" />
                        )}
                      </ListItemIcon>
                      {!collapsed && (
                        <ListItemText
                          primary={item.label}
                          secondary={item.available ? null : 'Not available yet'}
                          slotProps={{
                            primary: { sx: { fontWeight: selected ? 650 : 500, fontSize: 13.5 } },
                            secondary: { sx: { fontSize: 11 } },
                          }}
                        />
                      )}
                    </ListItemButton>
                  </LabelTip>
                </ListItem>
              </Fragment>
            );
          })}
        </List>
      </Box>
    </Drawer>
  );
}
