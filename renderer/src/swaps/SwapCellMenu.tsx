// "Request swap…" from a cell's menu in the published schedule: a right-click (or Shift+F10 / the
// menu key) on a call cell offers that night's call of each person on it; on a person's half-day,
// their call that night and the inpatient week that day belongs to. Choosing one opens the
// request dialog on it. Items that already happened are not offered.
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useEffect, useState } from 'react';
import type { ItemView } from '../../../core/api/contract';
import { api } from '../api';
import { addDays, todayIso } from '../lib/dates';
import { useNotify } from '../state/notify';
import { useSwapRequest } from './RequestDialog';
import { useOwnPerson } from './waiting';

interface Target {
  x: number;
  y: number;
  date: string;
  /** People on the right-clicked call (call cells) or the person of the half-day. */
  personIds: string[];
  /** Call cell: its call type. */
  callType: string | null;
}

function targetOf(cell: HTMLElement, x: number, y: number): Target | null {
  const d = cell.dataset;
  if (!d.date) return null;
  if (d.callType)
    return d.personIds
      ? { x, y, date: d.date, personIds: d.personIds.split(' ').filter(Boolean), callType: d.callType }
      : null;
  return d.personId ? { x, y, date: d.date, personIds: [d.personId], callType: null } : null;
}

/** The items a target offers: the right-clicked call, or the person's call that night and their week. */
async function itemsFor(t: Target): Promise<ItemView[]> {
  const out: ItemView[] = [];
  for (const personId of t.personIds) {
    // A week holding the date starts at most six days before it.
    const items = await api()['swaps.items']({
      personId,
      start: t.callType ? t.date : addDays(t.date, -6),
      end: t.date,
    });
    for (const i of items) {
      if (i.item.kind === 'call' && i.item.date === t.date && (!t.callType || i.item.callTypeCode === t.callType))
        out.push(i);
      if (!t.callType && i.item.kind === 'inpatient_week' && i.start <= t.date && t.date <= i.end) out.push(i);
    }
  }
  return out;
}

/** Mounted by the Schedule view while it shows the published schedule. */
export function SwapCellMenu({ names }: { names: (personId: string) => string }) {
  const [menu, setMenu] = useState<{ x: number; y: number; items: ItemView[] | null; target: Target } | null>(null);
  const open = useSwapRequest((s) => s.open);
  // Faculty and residents ask for swaps of their own items only.
  const own = useOwnPerson();

  useEffect(() => {
    const show = (found: Target | null, e: Event) => {
      const t = found && own ? { ...found, personIds: found.personIds.filter((id) => id === own) } : found;
      if (!t || t.personIds.length === 0 || t.date < todayIso()) return;
      e.preventDefault();
      setMenu({ x: t.x, y: t.y, items: null, target: t });
      itemsFor(t).then(
        (items) => setMenu((m) => (m && m.target === t ? { ...m, items } : m)),
        (err) => {
          setMenu(null);
          useNotify.getState().fail(err, 'Could not look up what can be swapped');
        },
      );
    };
    const onContextMenu = (e: MouseEvent) => {
      // Another handler (a rotation band's menu) took this right-click.
      if (e.defaultPrevented) return;
      const cell = (e.target as HTMLElement | null)?.closest?.<HTMLElement>(
        '[data-testid="block-grid"] [role="gridcell"][data-date]',
      );
      if (cell) show(targetOf(cell, e.clientX, e.clientY), e);
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !(e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey))) return;
      const cell = (e.target as HTMLElement | null)
        ?.closest?.('[data-testid="block-grid"]')
        ?.querySelector<HTMLElement>('[role="gridcell"][data-active="true"]');
      if (!cell) return;
      const box = cell.getBoundingClientRect();
      show(targetOf(cell, box.left, box.bottom), e);
    };
    document.addEventListener('contextmenu', onContextMenu);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('contextmenu', onContextMenu);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [own]);

  return (
    <Menu
      open={menu !== null}
      onClose={() => setMenu(null)}
      anchorReference="anchorPosition"
      anchorPosition={menu ? { top: menu.y, left: menu.x } : undefined}
    >
      {menu?.items === null && (
        <MenuItem disabled>
          <ListItemText primary="Looking for calls and weeks…" />
        </MenuItem>
      )}
      {menu?.items?.length === 0 && (
        <MenuItem disabled>
          <ListItemText primary="Nothing to swap here" secondary="No upcoming call or inpatient week on this day" />
        </MenuItem>
      )}
      {menu?.items?.map((i) => (
        <MenuItem
          key={`${i.item.personId}|${i.label}`}
          data-testid="request-swap"
          onClick={() => {
            setMenu(null);
            open(i.item.personId, i.item);
          }}
        >
          <ListItemText
            primary={
              `Request swap: ${names(i.item.personId)}’s ` +
              `${i.label.startsWith('Inpatient') ? `i${i.label.slice(1)}` : i.label}`
            }
            secondary="Give it away or trade it; ranked candidates"
          />
        </MenuItem>
      ))}
    </Menu>
  );
}
