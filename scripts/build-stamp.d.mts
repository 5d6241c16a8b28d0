// Types for scripts/build-stamp.mjs (tested in test/unit/build-stamp.test.ts).
export declare const STAMP_FILE: string;
export declare function writeStamp(
  root: string,
  outDir: string,
  metafiles: { inputs: Record<string, unknown> }[],
  started: number,
  extra?: string[],
): void;
export declare function staleReason(root: string, outDir: string): string | null;
