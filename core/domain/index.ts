export * from './types';
export * from './calendar';
export * from './program';
export * from './defaults';
