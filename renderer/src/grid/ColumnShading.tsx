// Weekend and holiday shading and block edges, drawn once per visible day for the whole grid
// height behind the rows (not once per row and day).
import { memo } from 'react';
import type { DayColumn } from './gridModel';
import { dayLeft, useGridMetrics } from './gridLayout';

interface ColumnShadingProps {
  days: readonly DayColumn[];
  from: number;
  to: number;
  height: number;
}

export const ColumnShading = memo(function ColumnShading({ days, from, to, height }: ColumnShadingProps) {
  const m = useGridMetrics();
  const out = [];
  for (let i = from; i <= to; i++) {
    const day = days[i];
    const kind = day.holiday ? 'bg-holiday' : day.weekend ? 'bg-weekend' : null;
    const edge = day.blockStart !== null && day.index > 0;
    if (!kind && !edge) continue;
    out.push(
      <div
        key={day.date}
        aria-hidden
        className={`bg-shade${kind ? ` ${kind}` : ''}${edge ? ' bg-block-edge' : ''}`}
        style={{ left: dayLeft(day.index, m), width: m.dayWidth, top: m.headerHeight, height: height - m.headerHeight }}
      />,
    );
  }
  return <>{out}</>;
});
