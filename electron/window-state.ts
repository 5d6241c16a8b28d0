// Remembered window bounds: parse what was saved, and fit it to the displays present now (a
// monitor may have been unplugged), so the window never opens off-screen or larger than a screen.
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent = let the OS centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW: WindowState = { width: 1440, height: 900, maximized: false };
export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 600;
/** How much of the window must be on a display to keep its position (title bar reachable). */
const MIN_VISIBLE = 120;

const savedSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
});

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { w: Math.max(0, w), h: Math.max(0, h) };
}

/**
 * The state to open the window with. `saved` is whatever the state file held (anything invalid
 * gives the default); `workAreas` are the displays' usable areas, primary first.
 */
export function fitWindowState(saved: unknown, workAreas: Rect[]): WindowState {
  const parsed = savedSchema.safeParse(saved);
  const state: WindowState = parsed.success ? { ...parsed.data } : { ...DEFAULT_WINDOW };
  const largest = workAreas.reduce<Rect | null>(
    (m, a) => (!m || a.width * a.height > m.width * m.height ? a : m),
    null,
  );
  const maxWidth = largest ? Math.max(MIN_WIDTH, largest.width) : Infinity;
  const maxHeight = largest ? Math.max(MIN_HEIGHT, largest.height) : Infinity;
  state.width = Math.min(Math.max(state.width, MIN_WIDTH), maxWidth);
  state.height = Math.min(Math.max(state.height, MIN_HEIGHT), maxHeight);
  if (state.x === undefined || state.y === undefined)
    return { width: state.width, height: state.height, maximized: state.maximized };

  const rect: Rect = { x: state.x, y: state.y, width: state.width, height: state.height };
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const o = overlap(rect, area);
    if (o.w >= Math.min(MIN_VISIBLE, rect.width) && o.h >= Math.min(MIN_VISIBLE, rect.height) && o.w * o.h > bestArea) {
      best = area;
      bestArea = o.w * o.h;
    }
  }
  // Not visibly on any display any more: forget the position and let the OS centre it.
  if (!best) return { width: state.width, height: state.height, maximized: state.maximized };
  // Pull it fully onto the display it is mostly on.
  const x = Math.min(Math.max(rect.x, best.x), best.x + best.width - rect.width);
  const y = Math.min(Math.max(rect.y, best.y), best.y + best.height - rect.height);
  return {
    x: Math.max(x, best.x),
    y: Math.max(y, best.y),
    width: state.width,
    height: state.height,
    maximized: state.maximized,
  };
}
