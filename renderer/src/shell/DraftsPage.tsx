// The Drafts view with the parts of other features it shows (generating, the audit log, a draft's
// review): one chunk.
import { AuditLog } from '../audit/AuditLog';
import { DraftsView } from '../drafts/DraftsView';
import { GenerateButton } from '../generate/GenerateButton';
import { DraftReviewPanel } from '../review/DraftReviewPanel';

export function DraftsPage() {
  return <DraftsView GenerateButton={GenerateButton} AuditLog={AuditLog} ReviewPanel={DraftReviewPanel} />;
}
