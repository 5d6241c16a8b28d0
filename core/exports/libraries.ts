// The two large file-format libraries, loaded on first use: exceljs (Excel workbooks, CSV lists)
// and pdfkit (printouts). Loading both costs about 0.4 CPU-s and 25 MB, which every start of the app,
// the command line and the workers paid before anyone exported or imported a file (a calendar or CSV
// export needs neither). A dynamic import keeps each out of a bundle's start-up code: esbuild
// evaluates it when first imported. The architecture test keeps every other import of them type-only.
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';

let excel: Promise<typeof ExcelJS> | undefined;
let pdfKit: Promise<typeof PDFDocument> | undefined;

/** exceljs, loaded once. */
export function loadExcel(): Promise<typeof ExcelJS> {
  excel ??= import('exceljs').then((module) => module.default);
  return excel;
}

/** pdfkit's document class, loaded once. */
export function loadPdfKit(): Promise<typeof PDFDocument> {
  pdfKit ??= import('pdfkit').then((module) => module.default);
  return pdfKit;
}
