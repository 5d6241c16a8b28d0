// The architecture, enforced: every .ts/.tsx file's imports must point down the layers.
//   core: domain < {rules, solver, exports, demo} < db < {services, jobs} < api < cli
//         (rules/solver/exports/demo do not import each other, except solver may import rules;
//          core never imports electron; core may import only types from workers/tasks)
//   workers: only core/domain, core/rules, core/solver, core/exports and workers/ (never db)
//   renderer: core only with `import type`, and only core/api/contract or core/domain;
//         in renderer/src, shell/ (the app: composition, the view table) < features < shared layers:
//         a feature folder imports only itself and the shared layers (ui, lib, state, grid, draft, api,
//         theme); the shared layers import only each other, one way: api < state < lib < {ui, theme} <
//         draft < grid (stores call the API; lib's helpers and hooks read stores; the grid shows the draft
//         being edited, the draft knows nothing of the grid); only the app imports every feature
//         every renderer store is made through renderer/src/state/store.ts (a sign-out resets it), never
//         with zustand directly
//   electron: core only via core/api, core/jobs, core/domain, and core/cli (the app's command-line mode)
//   the large file-format libraries (exceljs, pdfkit) load on first use: only core/exports/libraries.ts
//         imports them, with a dynamic import; everything else imports their types only
// Each offending import is reported as file:line.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface ImportRef {
  line: number;
  specifier: string;
  typeOnly: boolean;
  /** `import('x')` or `require('x')`: loaded when that line runs, not with the file. */
  dynamic: boolean;
}

export interface SourceFile {
  /** Path relative to the project root, with forward slashes. */
  path: string;
  text: string;
}

/** Every import/export-from/require/dynamic import in a file, with its line and whether it is type-only. */
export function importsOf(text: string): ImportRef[] {
  const refs: ImportRef[] = [];
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  const clause = String.raw`(?:[\w$]+\s*,\s*)?(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?|[\w$]+)`;
  const fromRe = new RegExp(String.raw`^[ \t]*(import|export)\s+(type\s+)?(${clause})\s+from\s+['"]([^'"]+)['"]`, 'gm');
  for (const m of text.matchAll(fromRe)) {
    const names = m[3];
    // `import { type A, type B } from …` is erased just like `import type`.
    const braces = /^\{([^}]*)\}$/.exec(names.trim());
    const allInlineTypes =
      !!braces &&
      braces[1]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .every((s) => s.startsWith('type '));
    refs.push({ line: lineAt(m.index), specifier: m[4], typeOnly: !!m[2] || allInlineTypes, dynamic: false });
  }
  for (const m of text.matchAll(/^[ \t]*import\s+['"]([^'"]+)['"]/gm))
    refs.push({ line: lineAt(m.index), specifier: m[1], typeOnly: false, dynamic: false });
  for (const m of text.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    // `import('x').T` in a type position is a type reference; everything else loads code.
    const typeRef =
      text[m.index + m[0].length] === '.' &&
      /(?:typeof\s+|[:<,|&]\s*)$/.test(text.slice(Math.max(0, m.index - 12), m.index));
    refs.push({ line: lineAt(m.index), specifier: m[1], typeOnly: typeRef, dynamic: !typeRef });
  }
  return refs;
}

const CORE_RANK: Record<string, number> = {
  domain: 0,
  rules: 1,
  solver: 1,
  exports: 1,
  demo: 1,
  db: 2,
  services: 3,
  jobs: 3,
  api: 4,
  cli: 5,
};
const PEERS_ALLOWED: Record<string, string[]> = { solver: ['rules'] };

// renderer/src, by its first path part (a root file without its extension). Everything else is a feature.
const RENDERER_APP = new Set(['shell', 'main']);
// The shared layers and their order: one imports its own rank and those below, never above.
const RENDERER_SHARED_RANK: Record<string, number> = {
  api: 0,
  state: 1,
  lib: 2,
  ui: 3,
  theme: 3,
  draft: 4,
  grid: 5,
};
const RENDERER_SHARED = new Set(Object.keys(RENDERER_SHARED_RANK));

// The one place a renderer store is created: the sign-out resets what it made (renderer/src/state/store.ts).
const STORE_REGISTRY = 'renderer/src/state/store.ts';

/** The renderer/src folder (or root module) a path is in, or null outside renderer/src. */
function rendererArea(rel: string): string | null {
  const parts = rel.split('/');
  if (parts[0] !== 'renderer' || parts[1] !== 'src' || parts.length < 3) return null;
  return parts.length === 3 ? parts[2].replace(/\.[^.]*$/, '') : parts[2];
}

/** Why an import inside renderer/src breaks its layers (app < features < shared), or null. */
function rendererViolation(from: string, target: string): string | null {
  const source = rendererArea(from);
  const dest = rendererArea(target);
  if (source === null || dest === null || source === dest || RENDERER_APP.has(source)) return null;
  if (RENDERER_SHARED.has(dest)) {
    if (!RENDERER_SHARED.has(source) || RENDERER_SHARED_RANK[dest] <= RENDERER_SHARED_RANK[source]) return null;
    const above = `renderer/src/${dest}, which is above it (${dest} uses ${source})`;
    return `the shared layer renderer/src/${source} must not import ${above}`;
  }
  if (RENDERER_APP.has(dest))
    return `renderer/src/${source} must not import the app layer renderer/src/${dest} (the app composes features)`;
  if (RENDERER_SHARED.has(source))
    return `the shared layer renderer/src/${source} must not import the feature renderer/src/${dest}`;
  return (
    `the feature renderer/src/${source} must not import another feature (renderer/src/${dest}): move what both ` +
    'use to a shared layer, or hand the part in from the app layer (shell/)'
  );
}

/** Where a project path sits: its top folder and, in core, its layer. */
function locate(rel: string): { top: string; layer: string | null } {
  const parts = rel.split('/');
  // Build configuration next to the renderer (vite.config.ts) runs in Node, not in the page.
  if (parts[0] === 'renderer' && parts.length === 2 && /\.config\.ts$/.test(parts[1]))
    return { top: 'renderer-build', layer: null };
  return { top: parts[0], layer: parts[0] === 'core' ? (parts.length >= 2 ? parts[1] : '(core root)') : null };
}

/** Libraries too large to load with the app, the command line or a worker before they are used. */
const LOADED_ON_FIRST_USE = ['exceljs', 'pdfkit'];
const LIBRARY_LOADER = 'core/exports/libraries.ts';

/** Why an import is not allowed, or null when it is. */
function violation(from: string, ref: ImportRef): string | null {
  const source = locate(from);
  const isRelative = ref.specifier.startsWith('.');
  if (!isRelative) {
    const isElectron = ref.specifier === 'electron' || ref.specifier.startsWith('electron/');
    if (isElectron && ['core', 'workers', 'renderer'].includes(source.top))
      return `${source.top} must never import electron`;
    if (source.top === 'renderer' && (ref.specifier.startsWith('node:') || ref.specifier === 'better-sqlite3'))
      return 'the renderer runs in a browser sandbox: no Node modules';
    if (ref.specifier === 'zustand' && source.top === 'renderer' && from !== STORE_REGISTRY && !ref.typeOnly)
      return `a store is made with ${STORE_REGISTRY}, which resets it when the user signs out`;
    if (LOADED_ON_FIRST_USE.includes(ref.specifier) && source.top !== 'test' && !ref.typeOnly) {
      if (from !== LIBRARY_LOADER) return `${ref.specifier} is loaded on first use: call ${LIBRARY_LOADER}`;
      if (!ref.dynamic) return `${ref.specifier} is loaded on first use: a dynamic import()`;
    }
    return null;
  }
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), ref.specifier));
  if (target.startsWith('..')) return `imports outside the project (${target})`;
  const dest = locate(target);

  if (source.top === 'core') {
    if (dest.top === 'workers') {
      if (target === 'workers/tasks' && ref.typeOnly) return null;
      return 'core may import only types from workers/tasks (the task map); worker code runs in worker threads';
    }
    if (dest.top !== 'core') return `core must not import ${dest.top}/`;
    const from_ = source.layer!;
    const to = dest.layer!;
    if (!(from_ in CORE_RANK)) return `core/${from_} is not a known layer (${Object.keys(CORE_RANK).join(', ')})`;
    if (!(to in CORE_RANK)) return `core/${to} is not a known layer (${Object.keys(CORE_RANK).join(', ')})`;
    if (from_ === to) return null;
    if (CORE_RANK[to] > CORE_RANK[from_]) return `core/${from_} must not import the higher layer core/${to}`;
    if (CORE_RANK[to] === CORE_RANK[from_] && CORE_RANK[from_] === 1 && !(PEERS_ALLOWED[from_] ?? []).includes(to))
      return `core/${from_} must not import its sibling core/${to}`;
    return null;
  }
  if (source.top === 'workers') {
    if (dest.top === 'workers') return null;
    if (dest.top === 'core' && ['domain', 'rules', 'solver', 'exports'].includes(dest.layer!)) return null;
    return (
      `workers may import only core/domain, core/rules, core/solver, core/exports and workers/ (not ` +
      `${dest.top === 'core' ? `core/${dest.layer}` : `${dest.top}/`})`
    );
  }
  if (source.top === 'renderer') {
    if (dest.top === 'renderer') return rendererViolation(from, target);
    if (dest.top === 'core') {
      if (!(target === 'core/api/contract' || dest.layer === 'domain'))
        return `the renderer may import only core/api/contract and core/domain (not ${target})`;
      return ref.typeOnly ? null : `the renderer may import core only with \`import type\` (${ref.specifier})`;
    }
    return `the renderer must not import ${dest.top}/`;
  }
  if (source.top === 'electron') {
    if (dest.top === 'electron') return null;
    if (dest.top === 'core' && ['api', 'jobs', 'domain', 'cli'].includes(dest.layer!)) return null;
    return (
      `electron may reach core only via core/api, core/jobs, core/domain, core/cli (not ` +
      `${dest.top === 'core' ? `core/${dest.layer}` : `${dest.top}/`})`
    );
  }
  return null;
}

export function layerViolations(files: SourceFile[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    for (const ref of importsOf(file.text)) {
      const why = violation(file.path, ref);
      if (why) out.push(`${file.path}:${ref.line} imports '${ref.specifier}': ${why}`);
    }
  }
  return out;
}

function sourceFiles(dirs: string[]): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(rel);
      } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) {
        out.push({ path: rel, text: readFileSync(path.join(root, rel), 'utf8') });
      }
    }
  };
  dirs.forEach(walk);
  return out;
}

describe('the import checker', () => {
  const check = (file: string, text: string) => layerViolations([{ path: file, text }]);

  it('finds every kind of import with its line', () => {
    const refs = importsOf(
      [
        "import a from './a';",
        "import type { B } from './b';",
        'import {',
        '  type C,',
        '  type D,',
        "} from './cd';",
        "export * from './e';",
        "export { f } from './f';",
        "import './side-effect';",
        "const g = await import('./g');",
        "type H = typeof import('./h').H;",
        "const i = require('./i');",
      ].join('\n'),
    );
    expect(refs).toEqual([
      { line: 1, specifier: './a', typeOnly: false, dynamic: false },
      { line: 2, specifier: './b', typeOnly: true, dynamic: false },
      { line: 3, specifier: './cd', typeOnly: true, dynamic: false },
      { line: 7, specifier: './e', typeOnly: false, dynamic: false },
      { line: 8, specifier: './f', typeOnly: false, dynamic: false },
      { line: 9, specifier: './side-effect', typeOnly: false, dynamic: false },
      { line: 10, specifier: './g', typeOnly: false, dynamic: true },
      { line: 11, specifier: './h', typeOnly: true, dynamic: false },
      { line: 12, specifier: './i', typeOnly: false, dynamic: true },
    ]);
  });

  it('reports wrong-way arrows in core with file:line', () => {
    expect(
      check('core/db/open.ts', "import { x } from '../domain/types';\nimport { y } from '../services/program';"),
    ).toEqual([
      "core/db/open.ts:2 imports '../services/program': core/db must not import the higher layer core/services",
    ]);
    expect(check('core/domain/a.ts', "import { x } from '../rules/r';")).toHaveLength(1);
    expect(check('core/rules/a.ts', "import { x } from '../solver/s';")).toHaveLength(1);
    expect(check('core/exports/a.ts', "import { x } from '../demo/d';")).toHaveLength(1);
    expect(check('core/solver/a.ts', "import { x } from '../rules/r';")).toEqual([]);
    expect(check('core/services/a.ts', "import { x } from '../jobs/pool';")).toEqual([]);
    expect(check('core/api/a.ts', "import { x } from '../cli/main';")).toHaveLength(1);
    expect(check('core/cli/a.ts', "import { x } from '../api/core';\nimport { y } from '../db/open';")).toEqual([]);
    expect(check('core/misc/a.ts', "import { x } from '../domain/types';")[0]).toMatch(/not a known layer/);
  });

  it('keeps electron out of core and worker code out of the main process', () => {
    expect(check('core/api/a.ts', "import { app } from 'electron';")[0]).toMatch(/never import electron/);
    expect(check('core/jobs/pool.ts', "import type { TaskMap } from '../../workers/tasks';")).toEqual([]);
    expect(check('core/jobs/pool.ts', "import { yearCalendar } from '../../workers/calendar';")).toHaveLength(1);
    expect(check('core/jobs/pool.ts', "import { TaskMap } from '../../workers/tasks';")).toHaveLength(1);
  });

  it('limits workers, the renderer and electron to their doors into core', () => {
    expect(
      check('workers/a.worker.ts', "import { x } from '../core/solver/highs';\nimport { y } from './runtime';"),
    ).toEqual([]);
    expect(check('workers/a.worker.ts', "import { x } from '../core/db/open';")[0]).toMatch(
      /^workers\/a\.worker\.ts:1 /,
    );
    expect(check('renderer/src/a.ts', "import type { Api } from '../../core/api/contract';")).toEqual([]);
    expect(check('renderer/src/a.ts', "import { contract } from '../../core/api/contract';")[0]).toMatch(/import type/);
    expect(check('renderer/src/a.ts', "import type { X } from '../../core/services/program';")[0]).toMatch(
      /only core\/api\/contract/,
    );
    expect(check('renderer/src/a.ts', "import fs from 'node:fs';")).toHaveLength(1);
    expect(check('renderer/src/export/store.ts', "import { create } from 'zustand';")).toEqual([
      "renderer/src/export/store.ts:1 imports 'zustand': a store is made with renderer/src/state/store.ts, which " +
        'resets it when the user signs out',
    ]);
    expect(check('renderer/src/state/store.ts', "import { create } from 'zustand';")).toEqual([]);
    expect(check('renderer/vite.config.ts', "import { fileURLToPath } from 'node:url';")).toEqual([]);
    expect(check('renderer/src/review/ReviewView.tsx', "import { BlockGrid } from '../schedule/BlockGrid';")).toEqual([
      "renderer/src/review/ReviewView.tsx:1 imports '../schedule/BlockGrid': the feature renderer/src/review must " +
        'not import another feature (renderer/src/schedule): move what both use to a shared layer, or hand the ' +
        'part in from the app layer (shell/)',
    ]);
    expect(check('renderer/src/drafts/a.tsx', "import type { X } from '../review/panel';")).toHaveLength(1);
    expect(check('renderer/src/drafts/a.tsx', "const m = await import('../audit/AuditLog');")).toHaveLength(1);
    expect(check('renderer/src/export/a.ts', "import { NAV } from '../shell/nav';")[0]).toMatch(/app layer/);
    expect(check('renderer/src/grid/a.ts', "import { x } from '../compliance/flags';")[0]).toMatch(/shared layer/);
    expect(check('renderer/src/lib/a.ts', "import { api } from '../api';")).toEqual([]);
    // The shared layers point one way: the grid uses the draft session, the draft nothing of the grid.
    expect(check('renderer/src/grid/a.ts', "import { useEditingDraftId } from '../draft/session';")).toEqual([]);
    expect(check('renderer/src/draft/a.ts', "import type { ClipBlock } from '../grid/clipboard';")).toEqual([
      "renderer/src/draft/a.ts:1 imports '../grid/clipboard': the shared layer renderer/src/draft must not import " +
        'renderer/src/grid, which is above it (grid uses draft)',
    ]);
    expect(check('renderer/src/ui/a.tsx', "import { FindingList } from '../draft/FindingList';")).toHaveLength(1);
    expect(
      check(
        'renderer/src/review/a.tsx',
        [
          "import { BlockGrid } from '../grid/BlockGrid';",
          "import { x } from './b';",
          "import { useCan } from '../state/session';",
        ].join('\n'),
      ),
    ).toEqual([]);
    expect(check('renderer/src/shell/views.ts', "const v = import('../drafts/DraftsView');")).toEqual([]);
    expect(check('renderer/src/main.tsx', "import { AppShell } from './shell/AppShell';")).toEqual([]);
    expect(
      check(
        'electron/main.ts',
        "import { createCore } from '../core/api/core';\nimport { JobService } from '../core/jobs/service';",
      ),
    ).toEqual([]);
    expect(check('electron/main.ts', "import { openProgram } from '../core/services/program';")).toHaveLength(1);
  });

  it('loads exceljs and pdfkit only on first use, through the one loader', () => {
    expect(check('core/exports/xlsx/a.ts', "import ExcelJS from 'exceljs';")[0]).toMatch(/loaded on first use/);
    expect(check('core/exports/pdf/a.ts', "import PDFDocument from 'pdfkit';")).toHaveLength(1);
    expect(check('workers/a.worker.ts', "const x = await import('exceljs');")).toHaveLength(1);
    expect(check('core/exports/xlsx/a.ts', "import type ExcelJS from 'exceljs';")).toEqual([]);
    expect(check('core/exports/libraries.ts', "import pdf from 'pdfkit';")[0]).toMatch(/dynamic import/);
    expect(check('core/exports/libraries.ts', "const pdf = import('pdfkit');")).toEqual([]);
  });
});

describe('the code base', () => {
  it('has no import pointing the wrong way', () => {
    const files = sourceFiles(['core', 'workers', 'renderer', 'electron']);
    expect(files.length).toBeGreaterThan(10);
    expect(layerViolations(files)).toEqual([]);
  });
});
