// Fixture worker: proves a bundled worker loads HiGHS and finds highs.wasm in node_modules.
import highsLoader from 'highs';
import { defineTaskHandler } from '../../../workers/runtime';
import type { TaskProgress } from '../../../workers/tasks';

export default defineTaskHandler<
  Record<string, never>,
  TaskProgress,
  { status: string; objective: number; x: number; y: number }
>(async () => {
  const highs = await highsLoader();
  const lp = [
    'Maximize',
    ' obj: x + 2 y',
    'Subject To',
    ' c1: x + y <= 4',
    ' c2: x - y >= 1',
    'Bounds',
    ' 0 <= x <= 10',
    ' 0 <= y <= 10',
    'End',
  ].join('\n');
  const solution = highs.solve(lp);
  const primal = (name: string) => {
    const column = solution.Columns[name];
    if (!('Primal' in column)) throw new Error(`HiGHS returned no primal value for ${name}: ${solution.Status}`);
    return column.Primal;
  };
  return { status: solution.Status, objective: solution.ObjectiveValue, x: primal('x'), y: primal('y') };
});
