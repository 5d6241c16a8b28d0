// Absences from a coordinator's spreadsheet (.xlsx or .csv): preview every absence the file adds,
// or every problem by sheet and cell; then add them all in one step, or none.
import type { AbsenceImportPreview, AbsenceImportRow } from '../../../core/api/contract';
import { api } from '../api';
import { plural } from '../lib/words';
import { type ImportColumn, SpreadsheetImportSection } from './SpreadsheetImportSection';

function partText(part: AbsenceImportPreview['rows'][number]['part']): string {
  if (!part) return 'All day';
  return typeof part === 'string' ? part : `${part.start}–${part.end}`;
}

const COLUMNS: ImportColumn<AbsenceImportRow>[] = [
  { header: 'Person', cell: (r) => r.personName },
  { header: 'Type', cell: (r) => r.type },
  { header: 'First day', cell: (r) => r.start },
  { header: 'Last day', cell: (r) => r.end },
  { header: 'Part', cell: (r) => partText(r.part) },
  { header: 'Status', cell: (r) => r.status },
];

export function AbsenceImportSection() {
  return (
    <SpreadsheetImportSection
      testId="import-absences"
      title="Absences from a spreadsheet (.xlsx or .csv)"
      description={
        'One absence per row under a header row: Name (or Id), Type, First day, and as needed Last day, ' +
        'AM/PM, Approved (yes/no) and Note, in any order. Each absence is checked as if entered by hand; any ' +
        'problem and none is added.'
      }
      fileLabel="Absence file to import"
      dialogTitle="Import absences from a spreadsheet"
      reading="Reading the absences"
      tableLabel="Absences the import adds"
      columns={COLUMNS}
      preview={(path) => api()['imports.absencesPreview']({ path })}
      run={(path) => api()['imports.absences']({ path })}
      addLabel={(n) => `Add ${plural(n, 'absence')}`}
      doneText={(n) => `Added ${plural(n, 'absence')}. They are in the Absences view.`}
    />
  );
}
