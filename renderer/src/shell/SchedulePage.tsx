// The Schedule view with the banner that says which finding the grid is showing: one chunk.
import { FocusBanner } from '../compliance/FocusBanner';
import { ScheduleView } from '../schedule/ScheduleView';

export function SchedulePage() {
  return (
    <>
      <ScheduleView />
      <FocusBanner />
    </>
  );
}
