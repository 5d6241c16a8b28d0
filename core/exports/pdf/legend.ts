// The legend strip printed at the foot of schedule pages: a colour swatch and plain name per code,
// flowed into as many lines as needed, plus one-line notes (holidays, call times).
import { fitText, INK, MARGIN, MUTED, type Pdf } from './document';

export interface LegendItem {
  code: string;
  name: string;
  color: string | null;
}

const LINE = 10;
const SWATCH = 7;

interface Placed {
  item: LegendItem;
  x: number;
  line: number;
}

function place(pdf: Pdf, items: LegendItem[], width: number): { placed: Placed[]; lines: number } {
  const { doc } = pdf;
  const placed: Placed[] = [];
  let x = 0;
  let line = 0;
  for (const item of items) {
    doc.font(pdf.bold).fontSize(6.5);
    const codeW = doc.widthOfString(pdf.clean(item.code));
    doc.font(pdf.regular).fontSize(6.5);
    const w = Math.min((item.color ? SWATCH + 3 : 0) + codeW + 3 + doc.widthOfString(pdf.clean(item.name)) + 12, width);
    if (x > 0 && x + w > width) {
      x = 0;
      line++;
    }
    placed.push({ item, x, line });
    x += w;
  }
  return { placed, lines: items.length ? line + 1 : 0 };
}

/** Height the legend needs, so the grid above can stop short of it. */
export function legendHeight(pdf: Pdf, items: LegendItem[], notes: string[]): number {
  const { lines } = place(pdf, items, pdf.width - 2 * MARGIN - 44);
  return lines * LINE + notes.length * LINE + 6;
}

export function drawLegend(pdf: Pdf, items: LegendItem[], notes: string[], top: number, title = 'Legend'): void {
  const { doc } = pdf;
  const left = MARGIN + 44;
  const { placed } = place(pdf, items, pdf.width - 2 * MARGIN - 44);
  if (items.length) fitText(pdf, title, MARGIN, top + 1, 40, { size: 6.5, bold: true, color: MUTED });
  for (const { item, x, line } of placed) {
    const y = top + line * LINE;
    let cx = left + x;
    if (item.color) {
      doc.rect(cx, y + 0.5, SWATCH, SWATCH).fillAndStroke(item.color, '#7b8794');
      cx += SWATCH + 3;
    }
    doc
      .font(pdf.bold)
      .fontSize(6.5)
      .fillColor(INK)
      .text(pdf.clean(item.code), cx, y + 1, { lineBreak: false });
    cx += doc.widthOfString(pdf.clean(item.code)) + 3;
    doc
      .font(pdf.regular)
      .fontSize(6.5)
      .fillColor(MUTED)
      .text(pdf.clean(item.name), cx, y + 1, { lineBreak: false });
  }
  const linesUsed = placed.length ? placed[placed.length - 1].line + 1 : 0;
  notes.forEach((note, i) =>
    fitText(pdf, note, left, top + (linesUsed + i) * LINE + 1, pdf.width - 2 * MARGIN - 44, {
      size: 6.5,
      color: MUTED,
    }),
  );
}
