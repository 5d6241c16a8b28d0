// Worker: an edited block sheet workbook read (unzipped, parsed, every cell read against the
// program) for an import's preview or the import itself: at 250 residents a block's workbook held
// the main thread for 0.3-0.4 s in ExcelJS.
import { readBlockSheets, WorkbookReadError } from '../core/exports/xlsx/readBlockSheets';
import { defineTask } from './runtime';

export default defineTask('workbook', async (input) => {
  try {
    return { reading: await readBlockSheets(input.bytes, input.program) };
  } catch (err) {
    // Its class does not survive the way back to the main thread: said as a value.
    if (err instanceof WorkbookReadError) return { unreadable: err.message };
    throw err;
  }
});
