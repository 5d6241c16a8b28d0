// Mounted once by the app shell: the Generate dialog, the solver weights, the run details and the
// explain panel — outside every view (the running generation's status is in the top bar). Also offers "Why is this
// cell…?" on a right-click in the grid
// when the Schedule view shows a generated draft (unless the grid handles the right-click itself).
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useEffect, useState } from 'react';
import type { ExplainTarget } from '../../../core/api/contract';
import { useRoute } from '../state/route';
import { ExplainPanel } from './ExplainPanel';
import { targetFromDataset } from './explainTarget';
import { GenerateDialog } from './GenerateDialog';
import { ResultDialog } from './ResultDialog';
import { explainCell, isGeneratedDraft, useGeneration } from './store';
import { WeightsDialog } from './WeightsDialog';

/** The draft the Schedule view shows (its `draft` query key), or null. */
function useViewedDraftId(): number | null {
  return useRoute((s) => {
    if (s.view !== 'schedule') return null;
    const n = Number(s.query.draft);
    return s.query.draft && Number.isInteger(n) && n > 0 ? n : null;
  });
}

function ExplainMenu() {
  const draftId = useViewedDraftId();
  const generated = useGeneration((s) => (draftId === null ? false : s.generatedDrafts[draftId] === true));
  const [menu, setMenu] = useState<{ x: number; y: number; target: ExplainTarget } | null>(null);

  // Learn once whether the viewed draft came from generation, so a right-click can decide at once.
  useEffect(() => {
    if (draftId !== null) void isGeneratedDraft(draftId).catch(() => undefined);
  }, [draftId]);

  useEffect(() => {
    if (draftId === null || !generated) return;
    const onContextMenu = (e: MouseEvent) => {
      // Another handler (the grid's own menu) took this right-click.
      if (e.defaultPrevented) return;
      const cell = (e.target as HTMLElement | null)?.closest?.<HTMLElement>(
        '[role="grid"] [role="gridcell"][data-date]',
      );
      const target = cell ? targetFromDataset(cell.dataset) : null;
      if (!target) return;
      e.preventDefault();
      setMenu({ x: e.clientX, y: e.clientY, target });
    };
    document.addEventListener('contextmenu', onContextMenu);
    return () => document.removeEventListener('contextmenu', onContextMenu);
  }, [draftId, generated]);

  return (
    <Menu
      open={menu !== null}
      onClose={() => setMenu(null)}
      anchorReference="anchorPosition"
      anchorPosition={menu ? { top: menu.y, left: menu.x } : undefined}
    >
      <MenuItem
        onClick={() => {
          if (menu && draftId !== null) explainCell(draftId, menu.target);
          setMenu(null);
        }}
      >
        <ListItemText primary="Why is this cell…?" secondary="Rules and goals that pinned it" />
      </MenuItem>
    </Menu>
  );
}

export function GenerationHost() {
  return (
    <>
      <GenerateDialog />
      <WeightsDialog />
      <ResultDialog />
      <ExplainPanel />
      <ExplainMenu />
    </>
  );
}
