// A person's page with the parts of other features it shows (their work hours, exporting their
// calendar): one chunk.
import { HoursPanel } from '../compliance/HoursPanel';
import { useExport } from '../export/store';
import { PersonView } from '../person/PersonView';

function prepareExport(format: 'ics' | 'person-pdf', personId: string) {
  useExport.getState().update({ format, who: 'person', personId, whoChosen: true });
}

export function PersonPage() {
  return <PersonView HoursPanel={HoursPanel} prepareExport={prepareExport} />;
}
