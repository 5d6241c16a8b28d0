// People from a coordinator's spreadsheet (.xlsx or .csv): preview everyone the file adds, or every
// problem by sheet and cell; then add them all in one step, or nobody. PGY levels are for the
// academic year selected in the app.
import type { PeopleImportRow } from '../../../core/api/contract';
import { api } from '../api';
import { KIND_LABELS, ROLE_LABELS } from '../lib/labels';
import { type ImportColumn, SpreadsheetImportSection } from './SpreadsheetImportSection';
import { plural } from '../lib/words';

const COLUMNS: ImportColumn<PeopleImportRow>[] = [
  { header: 'Name', cell: (r) => r.name },
  { header: 'Kind', cell: (r) => KIND_LABELS[r.kind] },
  { header: 'PGY', cell: (r) => r.pgy ?? '—' },
  { header: 'Role', cell: (r) => (r.facultyRole ? ROLE_LABELS[r.facultyRole] : '—') },
  { header: 'E-mail', cell: (r) => r.email ?? '—' },
  { header: 'Active', cell: (r) => (r.active ? 'yes' : 'no') },
];

export function PeopleImportSection({ year, yearLabel }: { year: number; yearLabel: string }) {
  return (
    <SpreadsheetImportSection
      testId="import-people"
      title="People from a spreadsheet (.xlsx or .csv)"
      description={
        `One person per row under a header row: Name, and Kind (resident, faculty, student, intern) or a ` +
        `PGY level or a faculty Role, with E-mail and Active as needed, in any order. PGY levels are for ` +
        `${yearLabel}. Each person is checked as if added by hand; any problem and nobody is added.`
      }
      fileLabel="People file to import"
      dialogTitle="Import people from a spreadsheet"
      reading="Reading the people"
      tableLabel="People the import adds"
      columns={COLUMNS}
      preview={(path) => api()['imports.peoplePreview']({ path, academicYear: year })}
      run={(path) => api()['imports.people']({ path, academicYear: year })}
      addLabel={(n) => `Add ${plural(n, 'person', 'people')}`}
      doneText={(n) => `Added ${plural(n, 'person', 'people')}. They are in the People view.`}
    />
  );
}
