// File names for exported files: named by person, safe on Windows, macOS and Linux, and unique
// within one batch even when two people share a name.
import type { Person } from '../domain/types';

// Besides what file systems refuse: text-direction marks, which make a name show reversed.
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A file-name stem from free text: forbidden characters become spaces; never empty. */
export function safeFileStem(text: string, fallback = 'export'): string {
  let stem = text.normalize('NFC').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim();
  // Windows drops trailing dots and spaces; a leading dot hides the file on Unix.
  stem = stem.replace(/^[.\s]+|[.\s]+$/g, '');
  if (stem.length > 100) stem = stem.slice(0, 100).trim();
  if (!stem || RESERVED.test(stem)) stem = stem ? `${stem}_` : fallback;
  return stem;
}

/** One file name per person; people whose names collide get their id appended. */
export function personFileNames(people: Person[], extension: string): Map<string, string> {
  const stems = people.map((p) => safeFileStem(p.name, `person ${p.id}`));
  const counts = new Map<string, number>();
  for (const s of stems) counts.set(s.toLowerCase(), (counts.get(s.toLowerCase()) ?? 0) + 1);
  const names = new Map<string, string>();
  people.forEach((p, i) => {
    const stem = counts.get(stems[i].toLowerCase())! > 1 ? `${stems[i]} (${safeFileStem(p.id, 'id')})` : stems[i];
    names.set(p.id, `${stem}.${extension}`);
  });
  return names;
}
