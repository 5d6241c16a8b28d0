// The Curtois shift-scheduling benchmark: parser, writer, adapter to the rostering engine, an
// independent evaluator and a generator of synthetic instances.
export * from './types';
export { CurtoisParseError, parseCurtois } from './parse';
export { formatCurtois } from './format';
export { curtoisToRoster, mondayWeekends, rosterToCurtois } from './adapter';
export { evaluateCurtois } from './evaluate';
export type { CurtoisEvaluation, CurtoisViolation } from './evaluate';
