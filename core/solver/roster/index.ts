// The general rostering engine: problem types, the MILP model and the search.
export * from './types';
export { compileRoster, rosterObjective, RosterProblemError } from './problem';
export type { CompiledRoster } from './problem';
export { addRosterColumn, buildRosterModel, decodeGrid, encodeGrid, successionCliques } from './model';
export type { RosterModel } from './model';
export { solveRoster } from './solve';
export type { SolveRosterOptions } from './solve';
