// Types for scripts/build.mjs, so tests can build workers into a temp directory.
export declare const root: string;
export declare const runtimeExternals: string[];
export declare const nodeBundle: import('esbuild').BuildOptions;
export declare function workerEntries(srcDir?: string): { task: string; file: string }[];
export declare function buildWorkers(options?: { srcDir?: string; outDir?: string }): Promise<string[]>;
export declare function buildCli(options?: { outDir?: string }): Promise<void>;
export declare function buildElectron(options?: { outDir?: string }): Promise<void>;
export declare function buildHostBridge(options?: { outDir?: string }): Promise<void>;
export declare function buildHostServer(options?: { outDir?: string }): Promise<void>;
export declare function buildRenderer(): boolean;
export declare function buildDemo(): boolean;
