// The Unicode fonts shipped in resources/fonts (DejaVu Sans), so printouts show every name as
// written (Ł, Ğ, Cyrillic, Greek…). Without them pdfkit's Helvetica covers Latin-1 only.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PdfFonts } from '../exports/pdf/document';

export function bundledPrintFonts(resourcesDir: string | undefined): PdfFonts | undefined {
  if (!resourcesDir) return undefined;
  const regular = path.join(resourcesDir, 'fonts', 'DejaVuSans.ttf');
  const bold = path.join(resourcesDir, 'fonts', 'DejaVuSans-Bold.ttf');
  return existsSync(regular) && existsSync(bold) ? { regular, bold } : undefined;
}
