// Which file of the built renderer answers a URL path: shared by the app:// protocol handler and
// the browser test host. Never leaves the renderer directory; client-side routes get index.html.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type RendererFile =
  | { kind: 'file'; file: string; isIndex: boolean }
  | { kind: 'forbidden' }
  | { kind: 'not_found' };

/** Resolve a URL path (still percent-encoded) to a file under `rendererDir`. */
export function rendererFileFor(rendererDir: string, urlPath: string): RendererFile {
  const root = path.resolve(rendererDir);
  const index = path.join(root, 'index.html');
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'forbidden' };
  }
  if (decoded.includes('\0')) return { kind: 'forbidden' };
  if (decoded === '/' || decoded === '')
    return existsSync(index) ? { kind: 'file', file: index, isIndex: true } : { kind: 'not_found' };
  const file = path.resolve(root, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  if (!file.startsWith(root + path.sep)) return { kind: 'forbidden' };
  if (existsSync(file) && statSync(file).isFile()) return { kind: 'file', file, isIndex: file === index };
  // Client-side routes (no extension) get the app; a missing asset is a plain 404.
  if (!path.extname(decoded) && existsSync(index)) return { kind: 'file', file: index, isIndex: true };
  return { kind: 'not_found' };
}
