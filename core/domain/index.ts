export * from './types';
export * from './calendar';
export * from './block-layout';
export * from './plan-entries';
export * from './program';
export * from './defaults';
