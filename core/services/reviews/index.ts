// Offline review (issue 18): send a draft for review as one signed file, open it anywhere without
// the program, answer it with a signed response, import the response onto the draft.
export { ReviewError } from './errors';
export { fileHash, shortHash } from './file';
export { exportReview, type ExportedReview } from './export';
export { readReviewFile, writeWhole } from './io';
export { openReview, writeResponse, type WrittenResponse } from './open';
export { changesSince, draftReviewState, importResponse, resolveComment, type ImportedResponse } from './responses';
export * from './types';
export { personName, reviewSummaryLines } from './summary';
export { reviewPdf, type ReviewPdfInput } from './print';
