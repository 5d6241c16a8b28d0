// The Export view: pick the format, who, when, which schedule and where to save; run it with
// progress per person; see where the files went and open that folder.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import { useMemo } from 'react';
import { api } from '../api';
import { useCan, useSession } from '../state/session';
import { PERSONAL_ROLES } from '../lib/accountRoles';
import type { ExportFormat } from './formats';
import { todayIso } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { useAcademicYear, useProgram } from '../state/program';
import { TOP_BAR_HEIGHT } from '../ui/layout';
import { LoadError } from '../ui/LoadError';
import { Page } from '../ui/Page';
import { ExportOptions, hasOptions } from './ExportOptions';
import { FormatTiles } from './FormatTiles';
import { OutcomeCard } from './OutcomeCard';
import { OutputField } from './OutputField';
import { formatDefaults, reviewExport, type ExportContext, type ExportForm } from './plan';
import { RunPanel } from './RunPanel';
import { Section } from './Section';
import { SourcePicker } from './SourcePicker';
import { useExport } from './store';
import { WhenPicker } from './WhenPicker';
import { WhoPicker } from './WhoPicker';

const NO_DRAFTS: never[] = [];

/** What residents and faculty may export: their own calendar and personal printout, published. */
const PERSONAL_FORMATS: readonly ExportFormat[] = ['ics', 'person-pdf'];

export function ExportView() {
  const year = useAcademicYear()!;
  const account = useSession((s) => s.status?.account ?? null);
  const ownPersonId = account && PERSONAL_ROLES.includes(account.role) ? account.personId : null;
  const seesDrafts = useCan('drafts.list');
  const yearSummary = useProgram((s) => s.info?.academicYears.find((y) => y.id === year) ?? null);
  const people = useApiQuery(`people:${year}`, () => api()['people.list']({ academicYear: year }));
  const blocks = useApiQuery(`blocks:${year}`, () => api()['blocks.list']({ academicYear: year }));
  const draftsQuery = useApiQuery(seesDrafts ? 'drafts:open' : null, () => api()['drafts.list']({ status: 'open' }));
  const drafts = seesDrafts ? draftsQuery : { ...draftsQuery, data: NO_DRAFTS };
  const paths = useApiQuery('system:paths', () => api()['system.paths']({}));
  const activities = useApiQuery('activities', () => api()['activities.list']({}));

  const storedForm = useExport((s) => s.form);
  // Residents and faculty export only their own published schedule (core refuses anything else).
  const form = useMemo(
    () =>
      ownPersonId
        ? {
            ...storedForm,
            who: 'person' as const,
            personId: ownPersonId,
            whoChosen: true,
            draftId: null,
            format: PERSONAL_FORMATS.includes(storedForm.format) ? storedForm.format : 'ics',
          }
        : storedForm,
    [storedForm, ownPersonId],
  );
  const update = useExport((s) => s.update);
  const setOutput = useExport((s) => s.setOutput);
  const running = useExport((s) => s.running);
  const outcome = useExport((s) => s.outcome);
  const start = useExport((s) => s.start);
  const cancel = useExport((s) => s.cancel);
  const dismissOutcome = useExport((s) => s.dismissOutcome);

  const ctx: ExportContext | null = useMemo(
    () =>
      yearSummary && people.data && blocks.data && drafts.data && paths.data
        ? {
            year: yearSummary,
            today: todayIso(),
            people: people.data,
            blocks: blocks.data,
            drafts: drafts.data,
            paths: paths.data,
          }
        : null,
    [yearSummary, people.data, blocks.data, drafts.data, paths.data],
  );
  const review = useMemo(() => (ctx ? reviewExport(form, ctx) : null), [form, ctx]);
  const busy = running !== null;

  const chooseFormat = (format: ExportForm['format']) => update(formatDefaults(form, format));

  const failures = [
    { what: 'the people', q: people },
    { what: 'the blocks', q: blocks },
    { what: 'the open drafts', q: drafts },
    { what: 'the export folder', q: paths },
    { what: 'the activities', q: activities },
  ].filter((f) => f.q.error);

  let step = 0;
  return (
    <Page title="Export" subtitle="Calendars, printouts and CSV from the published schedule, or from a draft you pick.">
      {failures.map((f) => (
        <LoadError key={f.what} what={f.what} error={f.q.error!} onRetry={f.q.reload} />
      ))}
      {!ctx || !review ? (
        failures.length === 0 && <LinearProgress aria-label="Loading the export choices" sx={{ maxWidth: 640 }} />
      ) : (
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) 360px' },
            gap: 2.5,
            alignItems: 'start',
            maxWidth: 1320,
          }}
          data-testid="export-view"
        >
          <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
            <Section step={++step} title="Format" hint="What to produce." testId="export-section-format">
              <FormatTiles
                value={form.format}
                onChange={chooseFormat}
                disabled={busy}
                only={ownPersonId ? PERSONAL_FORMATS : undefined}
              />
            </Section>
            <Section
              step={++step}
              title="Who"
              hint={
                <>
                  Active people of <span style={{ whiteSpace: 'nowrap' }}>{ctx.year.label}</span>.
                </>
              }
              error={review.errors.who}
              testId="export-section-who"
            >
              {ownPersonId ? (
                <Alert severity="info" variant="outlined" data-testid="export-own-schedule">
                  Your own schedule: {review.who.label}
                </Alert>
              ) : (
                <WhoPicker form={form} people={ctx.people} who={review.who} disabled={busy} update={update} />
              )}
            </Section>
            <Section
              step={++step}
              title="When"
              hint="Dates the export covers."
              error={review.errors.when}
              testId="export-section-when"
            >
              <WhenPicker
                form={form}
                blocks={ctx.blocks}
                when={review.when}
                yearLabel={ctx.year.label}
                disabled={busy}
                update={update}
              />
            </Section>
            {seesDrafts && (
              <Section
                step={++step}
                title="Schedule"
                hint="Drafts are exported only when picked here."
                error={review.errors.draft}
                testId="export-section-source"
              >
                <SourcePicker form={form} drafts={ctx.drafts} disabled={busy} update={update} />
              </Section>
            )}
            {hasOptions(form.format) && (
              <Section step={++step} title="Options" testId="export-section-options">
                <ExportOptions form={form} activities={activities.data ?? []} disabled={busy} update={update} />
              </Section>
            )}
            <Section
              step={++step}
              title="Save to"
              hint={
                review.format.output === 'folder'
                  ? 'A folder: one file per person.'
                  : `One ${review.format.extension} file.`
              }
              error={review.errors.output}
              testId="export-section-output"
            >
              <OutputField
                review={review}
                disabled={busy}
                canPick={ctx.paths.canPick}
                onChange={(value) => setOutput(form.format, value)}
              />
            </Section>
          </Paper>

          <Box
            sx={{
              // The summary and its Export button stay in view while the form scrolls.
              position: { lg: 'sticky' },
              top: 0,
              maxHeight: { lg: `calc(100vh - ${TOP_BAR_HEIGHT + 40}px)` },
              overflowY: { lg: 'auto' },
              display: 'flex',
              flexDirection: 'column',
              gap: 2,
            }}
          >
            <RunPanel
              review={review}
              running={
                running && {
                  progress: running.progress,
                  cancelling: running.cancelling,
                  batch: running.plan.locationKind === 'folder',
                }
              }
              onRun={() => review.plan && void start(review.plan)}
              onCancel={cancel}
            />
            {outcome && <OutcomeCard outcome={outcome} canReveal={ctx.paths.canReveal} onDismiss={dismissOutcome} />}
          </Box>
        </Box>
      )}
    </Page>
  );
}
