// The Schedule's less used view options in one menu beside "Generate…": the rows' density, the
// legend and importing an edited workbook. Inline, they pushed the header onto a second row at 125 %
// zoom (1024×576), which cost the grid its rows. Density and legend are remembered (prefs).
import Check from '@mui/icons-material/Check';
import FileUploadOutlined from '@mui/icons-material/FileUploadOutlined';
import TuneOutlined from '@mui/icons-material/TuneOutlined';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Tooltip from '@mui/material/Tooltip';
import { useId, useState } from 'react';
import { useCan } from '../state/session';
import { usePrefs } from '../state/prefs';
import { useRoute } from '../state/route';

/** A menu item that is on or off (a check mark when on), read as such by screen readers. */
function Toggle(props: { on: boolean; label: string; detail: string; testId: string; onToggle(): void }) {
  return (
    <MenuItem role="menuitemcheckbox" aria-checked={props.on} onClick={props.onToggle} data-testid={props.testId}>
      <ListItemIcon>{props.on && <Check fontSize="small" />}</ListItemIcon>
      <ListItemText primary={props.label} secondary={props.detail} />
    </MenuItem>
  );
}

export function ViewOptions() {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
  const density = usePrefs((s) => s.density);
  const legendOpen = usePrefs((s) => s.legendOpen);
  const setPrefs = usePrefs((s) => s.set);
  const mayImport = useCan('imports.xlsxPreview');
  const openView = useRoute((s) => s.open);
  const close = () => setAnchor(null);
  return (
    <>
      <Tooltip title="View options: row density, legend, import from Excel">
        <IconButton
          aria-label="View options"
          aria-haspopup="menu"
          aria-expanded={anchor ? 'true' : undefined}
          aria-controls={anchor ? menuId : undefined}
          onClick={(e) => setAnchor(e.currentTarget)}
          data-testid="view-options"
        >
          <TuneOutlined />
        </IconButton>
      </Tooltip>
      <Menu id={menuId} anchorEl={anchor} open={anchor !== null} onClose={close}>
        <Toggle
          on={density === 'compact'}
          label="Compact rows"
          detail="More people and days on screen"
          testId="grid-density"
          onToggle={() => {
            setPrefs({ density: density === 'compact' ? 'comfortable' : 'compact' });
            close();
          }}
        />
        <Toggle
          on={legendOpen}
          label="Legend"
          detail="What each code and mark means"
          testId="legend-toggle"
          onToggle={() => {
            setPrefs({ legendOpen: !legendOpen });
            close();
          }}
        />
        {mayImport && <Divider />}
        {mayImport && (
          <MenuItem
            onClick={() => {
              close();
              openView('import', {});
            }}
            data-testid="schedule-import"
          >
            <ListItemIcon>
              <FileUploadOutlined fontSize="small" />
            </ListItemIcon>
            <ListItemText primary="Import from Excel…" secondary="An edited block sheet back as a draft" />
          </MenuItem>
        )}
      </Menu>
    </>
  );
}
