// The Schedule view with the banner that says which finding the grid is showing, and the parts of
// other features it shows (generating, asking for a swap): one chunk.
import { FocusBanner } from '../compliance/FocusBanner';
import { GenerateButton } from '../generate/GenerateButton';
import { ScheduleView } from '../schedule/ScheduleView';
import { SwapCellMenu } from '../swaps/SwapCellMenu';

export function SchedulePage() {
  return (
    <>
      <ScheduleView GenerateButton={GenerateButton} SwapCellMenu={SwapCellMenu} />
      <FocusBanner />
    </>
  );
}
