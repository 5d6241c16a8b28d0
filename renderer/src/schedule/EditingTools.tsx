// The grid's editing tools: undo/redo, set and clear at hand; lock, unlock, copy and paste (rarer,
// or on the keyboard) in a "More editing tools" menu, so the tools share the draft banner's row and
// the grid keeps its height at 1280×720.
import ContentCopy from '@mui/icons-material/ContentCopy';
import ContentPaste from '@mui/icons-material/ContentPaste';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import LockOpenOutlined from '@mui/icons-material/LockOpenOutlined';
import LockOutlined from '@mui/icons-material/LockOutlined';
import MoreVert from '@mui/icons-material/MoreVert';
import Redo from '@mui/icons-material/Redo';
import Undo from '@mui/icons-material/Undo';
import CircularProgress from '@mui/material/CircularProgress';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useId, useState, type ReactNode } from 'react';
import { plural } from '../lib/words';
import { useDraftSession } from '../draft/session';
import type { GridEditor } from './useGridEditor';

/** Give the keyboard back to the grid after a tool is used, so Ctrl+Z and the arrows keep working. */
function refocusGrid() {
  document.querySelector<HTMLElement>('[data-testid="block-grid"]')?.focus({ preventScroll: true });
}

/** One editing tool: its label (with its key), icon, whether it applies now, and what it does. */
export interface ToolSpec {
  label: string;
  icon: ReactNode;
  disabled: boolean;
  testId: string;
  run(): void;
}

function Tool({ tool }: { tool: ToolSpec }) {
  return (
    <Tooltip title={tool.label}>
      <span>
        <IconButton
          size="small"
          aria-label={tool.label}
          onClick={() => {
            tool.run();
            refocusGrid();
          }}
          disabled={tool.disabled}
          data-testid={tool.testId}
        >
          {tool.icon}
        </IconButton>
      </span>
    </Tooltip>
  );
}

/** The rarer editing tools, then (after a line) what the row has no room for. */
function MoreTools({ tools, more }: { tools: ToolSpec[]; more: ToolSpec[] }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  // A tool chosen from the menu hands the keyboard to the grid; Escape hands it back to the button.
  const [picked, setPicked] = useState(false);
  const menuId = useId();
  return (
    <>
      <Tooltip
        title={`More editing tools: lock, unlock, copy, paste${more.map((t) => `, ${t.label.toLowerCase()}`).join('')}`}
      >
        <IconButton
          size="small"
          aria-label="More editing tools"
          aria-haspopup="menu"
          aria-expanded={anchor ? 'true' : undefined}
          aria-controls={anchor ? menuId : undefined}
          onClick={(e) => {
            setPicked(false);
            setAnchor(e.currentTarget);
          }}
          data-testid="more-tools"
        >
          <MoreVert fontSize="small" />
        </IconButton>
      </Tooltip>
      <Menu
        id={menuId}
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        disableRestoreFocus={picked}
      >
        {[...tools, ...more].map((t, i) => [
          i === tools.length && <Divider key="more" />,
          <MenuItem
            key={t.testId}
            disabled={t.disabled}
            data-testid={t.testId}
            onClick={() => {
              setPicked(true);
              setAnchor(null);
              t.run();
              // After the menu has let go of the focus (its trap holds it until it re-renders closed).
              requestAnimationFrame(refocusGrid);
            }}
          >
            <ListItemIcon>{t.icon}</ListItemIcon>
            <ListItemText primary={t.label} />
          </MenuItem>,
        ])}
      </Menu>
    </>
  );
}

interface EditingToolsProps {
  editor: GridEditor;
  /** The grid shows the published schedule or an open draft (edits go into a draft). */
  editable: boolean;
  /** Say how to select when nothing is (the published schedule's row has the room for it). */
  hint: boolean;
  /** A narrow row: the selection as one count (its parts on hover). */
  compact?: boolean;
  /** What the row has no room for, at the end of the tools menu. */
  more?: ToolSpec[];
}

export function EditingTools({ editor, editable, hint, compact = false, more = [] }: EditingToolsProps) {
  const pending = useDraftSession((s) => s.pending > 0);
  const { summary } = editor;
  const selectedText = [
    summary.slots ? plural(summary.slots, 'slot') : '',
    summary.callNights ? plural(summary.callNights, 'call night') : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const selectedCount = summary.slots + summary.callNights;
  const atHand: ToolSpec[] = [
    {
      label: editor.undoLabel ? `Undo: ${editor.undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)',
      icon: <Undo fontSize="small" />,
      disabled: !editor.canUndo || !editable,
      testId: 'undo',
      run: () => editor.onCommand({ type: 'undo' }),
    },
    {
      label: editor.redoLabel ? `Redo: ${editor.redoLabel} (Ctrl+Y)` : 'Redo (Ctrl+Y)',
      icon: <Redo fontSize="small" />,
      disabled: !editor.canRedo || !editable,
      testId: 'redo',
      run: () => editor.onCommand({ type: 'redo' }),
    },
    {
      label: summary.callNights && !summary.slots ? 'Assign call… (Enter)' : 'Set activity… (Enter)',
      icon: <EditOutlined fontSize="small" />,
      disabled: !editor.selection || !editable,
      testId: 'set-activity',
      run: () => editor.onCommand({ type: 'pick' }),
    },
    {
      label: 'Clear the selected slots and call nights (Delete)',
      icon: <DeleteOutline fontSize="small" />,
      disabled: !editor.selection || !editable,
      testId: 'clear',
      run: () => editor.onCommand({ type: 'clear' }),
    },
  ];
  return (
    <Stack
      direction="row"
      spacing={0.25}
      sx={{ alignItems: 'center', minHeight: 34, minWidth: 0, flex: '1 1 auto' }}
      role="toolbar"
      aria-label="Editing tools"
    >
      {atHand.slice(0, 2).map((t) => (
        <Tool key={t.testId} tool={t} />
      ))}
      <Divider orientation="vertical" flexItem sx={{ mx: 0.5 }} />
      {atHand.slice(2).map((t) => (
        <Tool key={t.testId} tool={t} />
      ))}
      <MoreTools
        more={more}
        tools={[
          {
            label: 'Lock: generation never changes these slots',
            icon: <LockOutlined fontSize="small" />,
            disabled: !summary.slots || !editable,
            testId: 'lock',
            run: () => editor.lock(true),
          },
          {
            label: 'Unlock: generation may change these slots again',
            icon: <LockOpenOutlined fontSize="small" />,
            disabled: !summary.slots || !editable,
            testId: 'unlock',
            run: () => editor.lock(false),
          },
          {
            label: 'Copy (Ctrl+C)',
            icon: <ContentCopy fontSize="small" />,
            disabled: !summary.slots,
            testId: 'copy',
            run: () => editor.onCommand({ type: 'copy' }),
          },
          {
            label: 'Paste at the selection (Ctrl+V)',
            icon: <ContentPaste fontSize="small" />,
            disabled: !editor.hasClipboard || !editor.selection || !editable,
            testId: 'paste',
            run: () => editor.onCommand({ type: 'paste' }),
          },
        ]}
      />
      {pending && <CircularProgress size={14} sx={{ ml: 1, flexShrink: 0 }} aria-label="Saving" />}
      {(selectedText || hint) && (
        <Typography
          variant="caption"
          color="text.secondary"
          data-testid="selection-summary"
          noWrap
          // A count stays whole; the hint may shorten (whole on hover) when the row is narrow.
          sx={{ pl: 1, flexShrink: selectedText ? 0 : 1, minWidth: 0 }}
          title={
            selectedText
              ? `${selectedText} selected`
              : 'Select cells to edit them: click a cell, drag or use the arrow keys; type a code and press ' +
                'Enter to set it.'
          }
        >
          {selectedText ? `${compact ? selectedCount : selectedText} selected` : 'Select cells to edit them'}
        </Typography>
      )}
    </Stack>
  );
}
