// File-system paths as the export view builds and checks them. The renderer has no `node:path`,
// and the host may be Windows or Unix, so the host tells us its separator (system.paths).

export type Separator = '/' | '\\';

const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;

/** A file or folder name from free text: safe on Windows, macOS and Linux, never empty. */
export function safeFileName(text: string, fallback = 'export'): string {
  const name = text
    .normalize('NFC')
    // Typographic dashes (AY 2026–27) as plain hyphens: every tool handles those.
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    // Windows drops trailing dots and spaces; a leading dot hides the file on Unix.
    .replace(/^[.\s]+|[.\s]+$/g, '');
  return name.slice(0, 120).trim() || fallback;
}

/** `folder` + `name` with the host's separator, without doubling a trailing one. */
export function joinPath(folder: string, name: string, sep: Separator): string {
  const trimmed = folder.replace(/[\\/]+$/, '');
  return `${trimmed || sep}${trimmed ? sep : ''}${name}`;
}

/** Whether `p` names a place on its own (not relative to some working directory). */
export function isAbsolutePath(p: string, sep: Separator): boolean {
  if (sep === '\\') return /^[A-Za-z]:[\\/]/.test(p) || /^\\\\[^\\]+\\[^\\]+/.test(p);
  return p.startsWith('/');
}

/** The folder a file is in (the path itself for a folder-like path ending in a separator). */
export function parentFolder(p: string): string {
  const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (cut < 0) return p;
  // Keep the root itself: "/" or "C:\".
  return cut === 0 || /^[A-Za-z]:$/.test(p.slice(0, cut)) ? p.slice(0, cut + 1) : p.slice(0, cut);
}

/** The last part of a path: the file or folder name. */
export function baseName(p: string): string {
  const parts = p.replace(/[\\/]+$/, '').split(/[\\/]/);
  return parts[parts.length - 1] || p;
}

/** Lower-case extension with its dot (".pdf"), or "" when the name has none. */
export function extensionOf(p: string): string {
  const name = baseName(p);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}
