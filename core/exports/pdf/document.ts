// Shared page furniture for the printouts (pdfkit): page set-up, fonts, the header with program
// name, title and print date, the footer with page numbers, the DRAFT mark, and colour helpers.
// Layout is done by hand on margin-less pages so pdfkit never inserts a page on its own.
import { loadPdfKit } from '../libraries';

export type PageSize = 'LETTER' | 'A4';

export interface PdfFonts {
  /** TrueType/OpenType files (path or bytes) for text beyond Latin-1; default: Helvetica. */
  regular: string | Uint8Array;
  bold: string | Uint8Array;
}

export interface PrintSetup {
  programName: string;
  /** Local date-time of printing, shown on every page, e.g. "23 Nov 2026 14:05". */
  printedAt: string;
  /** null = published schedule; otherwise the draft's label, marked on every page. */
  draftLabel: string | null;
  pageSize?: PageSize;
  fonts?: PdfFonts;
}

export const MARGIN = 28;
export const INK = '#1f2933';
export const MUTED = '#616e7c';
export const RULE = '#9aa5b1';
export const HAIRLINE = '#cbd2d9';
export const HEADER_FILL = '#e4e7eb';
export const WEEKEND_FILL = '#f0f2f5';
export const HOLIDAY_FILL = '#efe2f5';
export const DRAFT_RED = '#c62828';

/** A finished printout. */
export interface PdfResult {
  pdf: Buffer;
  pages: number;
}

export interface Pdf {
  doc: PDFKit.PDFDocument;
  setup: PrintSetup;
  width: number;
  height: number;
  regular: string;
  bold: string;
  /** Text as the fonts can show it (standard fonts only carry Latin-1 and a few more). */
  clean(text: string): string;
}

// Characters the standard PDF fonts can encode (WinAnsi): Latin-1 plus the cp1252 extras.
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const FALLBACK: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h', ŀ: 'l', Ŀ: 'L' };

export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(ch)) out += ch;
    else if (ch === '\n' || ch === '\t') out += ' ';
    else {
      // Drop accents the font lacks (ő → o); otherwise a visible placeholder.
      const base = FALLBACK[ch] ?? ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += [...base].every((c) => c.codePointAt(0)! < 0x7f) && base ? base : '?';
    }
  }
  return out;
}

export async function createPdf(setup: PrintSetup, layout: 'portrait' | 'landscape', title: string): Promise<Pdf> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: setup.pageSize ?? 'LETTER',
    layout,
    margin: 0,
    bufferPages: true,
    autoFirstPage: false,
    info: {
      Title: title,
      Author: setup.programName,
      Creator: 'Residency Scheduler',
      Subject: setup.draftLabel ? 'DRAFT schedule' : 'Schedule',
    },
  });
  let regular = 'Helvetica';
  let bold = 'Helvetica-Bold';
  if (setup.fonts) {
    doc.registerFont('body', setup.fonts.regular as never);
    doc.registerFont('body-bold', setup.fonts.bold as never);
    regular = 'body';
    bold = 'body-bold';
  }
  doc.addPage();
  const pdf: Pdf = {
    doc,
    setup,
    width: doc.page.width,
    height: doc.page.height,
    regular,
    bold,
    clean: setup.fonts ? (t) => t.replace(/[\n\t]/g, ' ') : toWinAnsi,
  };
  return pdf;
}

export function newPage(pdf: Pdf): void {
  pdf.doc.addPage();
}

/** Text on one line, shrunk down to `minSize` and then cut with an ellipsis to fit `width`. */
export function fitText(
  pdf: Pdf,
  text: string,
  x: number,
  y: number,
  width: number,
  opts: { size: number; minSize?: number; bold?: boolean; color?: string; align?: 'left' | 'center' | 'right' },
): void {
  const { doc } = pdf;
  let value = pdf.clean(text);
  doc.font(opts.bold ? pdf.bold : pdf.regular);
  let size = opts.size;
  const minSize = opts.minSize ?? opts.size;
  doc.fontSize(size);
  while (size > minSize && doc.widthOfString(value) > width) doc.fontSize((size -= 0.25));
  if (doc.widthOfString(value) > width) {
    while (value.length > 1 && doc.widthOfString(`${value}…`) > width) value = value.slice(0, -1);
    value = `${value.trimEnd()}…`;
  }
  const textWidth = doc.widthOfString(value);
  const left =
    opts.align === 'center' ? x + (width - textWidth) / 2 : opts.align === 'right' ? x + width - textWidth : x;
  doc.fillColor(opts.color ?? INK).text(value, left, y, { lineBreak: false });
}

/** Vertical position that centres text of `size` in a row of `rowHeight` starting at `top`. */
export function baseline(top: number, rowHeight: number, size: number): number {
  return top + (rowHeight - size * 0.72) / 2 - size * 0.14;
}

export function headerHeight(): number {
  return 52;
}

/** Program name, title and subtitle on the left; print date and DRAFT mark on the right. */
export function drawHeader(pdf: Pdf, title: string, subtitle: string): number {
  const { doc, setup } = pdf;
  const right = pdf.width - MARGIN;
  fitText(pdf, setup.programName.toUpperCase(), MARGIN, MARGIN, pdf.width / 2, { size: 7.5, bold: true, color: MUTED });
  fitText(pdf, title, MARGIN, MARGIN + 11, pdf.width * 0.6, { size: 15, minSize: 11, bold: true });
  fitText(pdf, subtitle, MARGIN, MARGIN + 30, pdf.width * 0.6, { size: 9, color: MUTED });
  fitText(pdf, `Printed ${setup.printedAt}`, right - 200, MARGIN, 200, { size: 7.5, color: MUTED, align: 'right' });
  if (setup.draftLabel) {
    const label = `DRAFT: ${setup.draftLabel}`;
    doc.font(pdf.bold).fontSize(10);
    const w = Math.min(doc.widthOfString(pdf.clean(label)) + 14, 260);
    doc
      .roundedRect(right - w, MARGIN + 13, w, 17, 3)
      .lineWidth(1.2)
      .strokeColor(DRAFT_RED)
      .stroke();
    fitText(pdf, label, right - w + 7, MARGIN + 17.5, w - 14, { size: 10, bold: true, color: DRAFT_RED });
    fitText(pdf, 'Not published: may change', right - 200, MARGIN + 34, 200, {
      size: 7.5,
      color: DRAFT_RED,
      align: 'right',
    });
  }
  const y = MARGIN + headerHeight() - 8;
  doc.moveTo(MARGIN, y).lineTo(right, y).lineWidth(0.8).strokeColor(INK).stroke();
  return MARGIN + headerHeight();
}

/** "Page n of m" on every page, plus a faint diagonal DRAFT across drafts; call once at the end. */
export function finishPages(pdf: Pdf, footerNote: string): void {
  const range = pdf.doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.doc.switchToPage(i);
    drawFooter(pdf, footerNote, i - range.start + 1, range.count);
  }
}

/**
 * Ends the current page of a document whose page count is known beforehand: its footer, then the
 * page is written out. A long document (a year's block grid at 300 residents: 511 pages) then holds
 * one page's drawing in memory instead of all of them (2.5 GB there).
 */
export function endPage(pdf: Pdf, footerNote: string, page: number, count: number): void {
  drawFooter(pdf, footerNote, page, count);
  pdf.doc.flushPages();
}

function drawFooter(pdf: Pdf, footerNote: string, page: number, count: number): void {
  const { doc } = pdf;
  const y = pdf.height - MARGIN + 8;
  fitText(pdf, footerNote, MARGIN, y, pdf.width / 2, { size: 7, color: MUTED });
  fitText(pdf, `Page ${page} of ${count}`, pdf.width - MARGIN - 120, y, 120, {
    size: 7,
    color: MUTED,
    align: 'right',
  });
  if (pdf.setup.draftLabel) {
    doc.save();
    doc.rotate(-30, { origin: [pdf.width / 2, pdf.height / 2] });
    doc.font(pdf.bold).fontSize(120).fillColor(DRAFT_RED).fillOpacity(0.07);
    const w = doc.widthOfString('DRAFT');
    doc.text('DRAFT', pdf.width / 2 - w / 2, pdf.height / 2 - 50, { lineBreak: false });
    doc.restore();
    doc.fillOpacity(1);
  }
}

/** Finish the document and collect its bytes. */
export function pdfBytes(pdf: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.doc.on('data', (c: Buffer) => chunks.push(c));
    pdf.doc.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.doc.on('error', reject);
    pdf.doc.end();
  });
}

/** Mix a colour with white: 0 = unchanged, 1 = white. Cell fills stay readable under black text. */
export function tint(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

/** Short display names for tight cells: "D. Diaz"; the full name where the short one is ambiguous. */
export function shortNames(people: { id: string; name: string }[]): Map<string, string> {
  const short = (name: string) => {
    const base = name
      .split(',')[0]
      .replace(/^(dr\.?|mr\.?|ms\.?|mrs\.?)\s+/i, '')
      .trim();
    const parts = base.split(/\s+/);
    return parts.length > 1 ? `${parts[0][0]}. ${parts[parts.length - 1]}` : base;
  };
  const counts = new Map<string, number>();
  for (const p of people) counts.set(short(p.name), (counts.get(short(p.name)) ?? 0) + 1);
  return new Map(people.map((p) => [p.id, counts.get(short(p.name))! > 1 ? p.name : short(p.name)]));
}
