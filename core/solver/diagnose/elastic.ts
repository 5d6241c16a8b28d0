// The elastic form of a model: every requirement group gets one slack column, added to each of
// its rows on the side that can be violated; the objective becomes the total weighted slack.
// Rows outside any group (structure: one activity per slot, definitions) stay hard.
import type { LinearModel } from '../backend';
import type { ModelBuilder } from '../models/builder';

export interface ElasticModel {
  model: LinearModel;
  /** Requirement group id → its slack column. */
  slackColumn: Map<string, number>;
}

/**
 * @param everyRow also give each ungrouped row its own slack (weight `structuralWeight`): the
 *   last resort when the fixed parts of a model contradict each other.
 */
export function elasticModel(
  builder: ModelBuilder,
  opts: { everyRow?: boolean; structuralWeight?: number } = {},
): ElasticModel {
  const columns: LinearModel['columns'] = builder.columns.map((c) => ({ ...c, cost: 0 }));
  const slackColumn = new Map<string, number>();
  for (const g of builder.groups.values()) {
    slackColumn.set(g.id, columns.length);
    columns.push({ name: `slack[${g.id}]`, lower: 0, upper: Infinity, cost: g.weight, integer: false });
  }
  const rows: LinearModel['rows'] = [];
  builder.rows.forEach((r, i) => {
    const groupId = builder.rowGroup[i];
    let slack = groupId ? slackColumn.get(groupId) : undefined;
    if (slack === undefined && opts.everyRow) {
      slack = columns.length;
      slackColumn.set(`row:${r.name}`, slack);
      columns.push({
        name: `slack[row:${r.name}]`,
        lower: 0,
        upper: Infinity,
        cost: opts.structuralWeight ?? 1000,
        integer: false,
      });
    }
    if (slack === undefined) {
      rows.push({ ...r });
      return;
    }
    // lower <= expr + s  and  expr - s <= upper, as separate one-sided rows.
    if (r.lower !== -Infinity)
      rows.push({
        name: `${r.name}:lo`,
        lower: r.lower,
        upper: Infinity,
        indices: [...r.indices, slack],
        values: [...r.values, 1],
      });
    if (r.upper !== Infinity)
      rows.push({
        name: `${r.name}:hi`,
        lower: -Infinity,
        upper: r.upper,
        indices: [...r.indices, slack],
        values: [...r.values, -1],
      });
  });
  return { model: { sense: 'minimize', offset: 0, columns, rows }, slackColumn };
}
