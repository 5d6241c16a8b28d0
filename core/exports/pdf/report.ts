// Portrait report pages shared by the printed reports (contingency, draft review): a header on
// every page, an optional warning line under it, headings with a note, and tables that carry on
// to a new page (header row repeated) when one is full.
import { drawHeader, fitText, HAIRLINE, HEADER_FILL, INK, MARGIN, MUTED, newPage, type Pdf } from './document';

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface ReportRow {
  cells: string[];
  /** Cell backgrounds (null = none). */
  fill?: (string | null)[];
}

export interface ReportWriter {
  heading(text: string, note?: string): void;
  table(columns: Column[], rows: ReportRow[], empty: string): void;
  /** Content width between the margins. */
  width: number;
}

/**
 * Start the report's first page. `warning` (e.g. "Out of date: …") is printed in red under the
 * header of every page; `inkOn` picks the text colour on a filled cell (default INK).
 */
export function reportWriter(
  pdf: Pdf,
  title: string,
  subtitle: string,
  warning: string | null,
  inkOn: (fill: string | null | undefined) => string = () => INK,
): ReportWriter {
  const { doc } = pdf;
  const width = pdf.width - 2 * MARGIN;
  const bottom = pdf.height - MARGIN - 16;
  let y = 0;
  const page = () => {
    if (y) newPage(pdf);
    y = drawHeader(pdf, title, subtitle);
    if (warning) {
      fitText(pdf, warning, MARGIN, y, width, { size: 8.5, bold: true, color: '#c62828' });
      y += 14;
    }
  };
  const need = (h: number) => {
    if (y + h > bottom) page();
  };
  page();
  return {
    width,
    heading(text, note) {
      need(40);
      y += 6;
      fitText(pdf, text, MARGIN, y, width, { size: 11.5, bold: true });
      y += 15;
      if (note) {
        doc.font(pdf.regular).fontSize(8).fillColor(MUTED).text(pdf.clean(note), MARGIN, y, { width });
        y = doc.y + 4;
      }
    },
    table(columns, rows, empty) {
      const rowH = 13;
      const header = () => {
        doc.rect(MARGIN, y, width, rowH).fill(HEADER_FILL);
        let x = MARGIN;
        for (const c of columns) {
          fitText(pdf, c.title, x + 3, y + 3, c.width - 6, { size: 7.5, bold: true, align: c.align });
          x += c.width;
        }
        y += rowH;
      };
      need(rowH * 2);
      header();
      if (!rows.length) {
        fitText(pdf, empty, MARGIN + 3, y + 3, width - 6, { size: 8, color: MUTED });
        y += rowH + 4;
        return;
      }
      for (const r of rows) {
        if (y + rowH > bottom) {
          page();
          header();
        }
        let x = MARGIN;
        columns.forEach((c, i) => {
          const fill = r.fill?.[i];
          if (fill) doc.rect(x, y, c.width, rowH).fill(fill);
          fitText(pdf, r.cells[i] ?? '', x + 3, y + 3, c.width - 6, {
            size: 7.5,
            minSize: 6,
            align: c.align,
            color: inkOn(fill),
          });
          x += c.width;
        });
        doc
          .moveTo(MARGIN, y + rowH)
          .lineTo(MARGIN + width, y + rowH)
          .lineWidth(0.4)
          .strokeColor(HAIRLINE)
          .stroke();
        y += rowH;
      }
      y += 6;
    },
  };
}
