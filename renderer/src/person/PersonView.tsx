// A person's own schedule page (`#/person?id=…`): the page residents open first and export from.
// Their year at a glance (each block's rotation, clinic half-days, calls, leave), the coming two
// weeks half-day by half-day, calls and absences, and (residents) weekly hours. Without an id it
// shows the signed-in account's own person; staff reach anyone's page from search or People.
import CalendarMonthOutlined from '@mui/icons-material/CalendarMonthOutlined';
import EventOutlined from '@mui/icons-material/EventOutlined';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ComponentType, ReactNode } from 'react';
import type { HoursResult, PersonSchedule } from '../../../core/api/contract';
import { api } from '../api';
import { useCan, useSession } from '../state/session';
import { safeColor, textColorOn, tint } from '../lib/colors';
import { formatDate, formatRange, formatShortDate } from '../lib/dates';
import { ABSENCE_LABELS, ABSENCE_STATUS_LABELS, ROLE_LABELS } from '../lib/labels';
import { useApiQuery } from '../lib/useApiQuery';
import { useAcademicYear } from '../state/program';
import { useRoute } from '../state/route';
import { EmptyState } from '../ui/EmptyState';
import { LoadError } from '../ui/LoadError';
import { Page } from '../ui/Page';
import { plural } from '../lib/words';
import { VISUALLY_HIDDEN } from '../ui/visuallyHidden';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const weekday = (date: string) => WEEKDAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7];

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card component="section" aria-label={title} data-testid={testId} sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Box sx={{ minWidth: 110 }}>
      <Typography variant="h5" component="p" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
}

/** Who the person is, in a line: "PGY-2 resident", "Core faculty". */
function whoWords(p: PersonSchedule['person']): string {
  if (p.kind === 'resident') return p.pgy !== null ? `PGY-${p.pgy} resident` : 'Resident';
  if (p.kind === 'faculty') return p.facultyRole ? ROLE_LABELS[p.facultyRole] : 'Faculty';
  return p.kind === 'student' ? 'Medical student' : 'Rotating intern';
}

function YearAtAGlance({ page }: { page: PersonSchedule }) {
  return (
    <Box
      component="ol"
      aria-label="Blocks of the year"
      sx={{
        m: 0,
        p: 0,
        listStyle: 'none',
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
        gap: 1,
      }}
    >
      {page.blocks.map((b) => {
        const current = b.start <= page.today && page.today <= b.end;
        return (
          <Box
            component="li"
            key={b.number}
            data-block={b.number}
            aria-current={current ? 'date' : undefined}
            sx={{
              border: 1,
              borderColor: current ? 'primary.main' : 'divider',
              borderWidth: current ? 2 : 1,
              borderRadius: 1,
              p: 1,
              bgcolor: 'background.paper',
            }}
          >
            <Typography variant="caption" color="text.secondary" component="p">
              Block {b.number} · {formatRange(b.start, b.end)}
            </Typography>
            {b.rotations.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                Nothing planned
              </Typography>
            ) : (
              b.rotations.map((r) => {
                const bg = tint(safeColor(r.color), 0.55);
                return (
                  <Box
                    key={r.part}
                    sx={{
                      mt: 0.5,
                      px: 0.75,
                      py: 0.25,
                      borderRadius: 0.75,
                      bgcolor: bg,
                      color: textColorOn(bg),
                      borderLeft: `3px solid ${safeColor(r.color)}`,
                    }}
                  >
                    {/* Wraps: a rotation's whole name reads in its block (never cut to "FMIT · Family Me…"). */}
                    <Typography variant="body2" sx={{ fontWeight: 650, overflowWrap: 'anywhere' }}>
                      {r.code} · {r.name}
                      {r.part !== 'full' ? (r.part === 'first' ? ' (1st half)' : ' (2nd half)') : ''}
                    </Typography>
                  </Box>
                );
              })
            )}
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
              {[
                b.clinicHalfDays ? `${b.clinicHalfDays} clinic` : '',
                b.calls ? `${plural(b.calls, 'call')}` : '',
                b.absenceDays ? `${b.absenceDays} d away` : '',
              ]
                .filter(Boolean)
                .join(' · ') || '—'}
            </Typography>
          </Box>
        );
      })}
    </Box>
  );
}

function ComingWeeks({ page }: { page: PersonSchedule }) {
  const days = [...new Set(page.coming.map((c) => c.date))];
  const cell = (date: string, half: 'AM' | 'PM') => page.coming.find((c) => c.date === date && c.half === half);
  const calls = new Map(page.calls.map((c) => [c.date, c]));
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Box
        component="table"
        aria-label="The coming two weeks"
        sx={{ borderCollapse: 'separate', borderSpacing: '3px', fontSize: 12 }}
      >
        <thead>
          <tr>
            <Box component="th" scope="col" sx={{ textAlign: 'left', pr: 1 }}>
              <Box component="span" sx={VISUALLY_HIDDEN}>
                Half-day
              </Box>
            </Box>
            {days.map((d) => (
              <Box
                component="th"
                scope="col"
                key={d}
                sx={{ fontWeight: 600, color: d === page.today ? 'primary.main' : 'text.secondary', minWidth: 44 }}
              >
                {weekday(d)}
                <br />
                {formatShortDate(d).replace(/ \d{4}$/, '')}
              </Box>
            ))}
          </tr>
        </thead>
        <tbody>
          {(['AM', 'PM'] as const).map((half) => (
            <tr key={half}>
              <Box component="th" scope="row" sx={{ color: 'text.secondary', fontWeight: 600, pr: 1 }}>
                {half}
              </Box>
              {days.map((d) => {
                const c = cell(d, half);
                const bg = c?.color ? safeColor(c.color) : undefined;
                return (
                  <Tooltip key={d} title={c?.activityName ?? 'Nothing scheduled'}>
                    <Box
                      component="td"
                      data-date={d}
                      data-half={half}
                      sx={{
                        textAlign: 'center',
                        fontWeight: 650,
                        borderRadius: 0.5,
                        py: 0.5,
                        bgcolor: bg ?? 'background.subtle',
                        color: bg ? textColorOn(bg) : 'text.secondary',
                      }}
                    >
                      {c?.activityCode ?? '·'}
                    </Box>
                  </Tooltip>
                );
              })}
            </tr>
          ))}
          <tr>
            <Box component="th" scope="row" sx={{ color: 'text.secondary', fontWeight: 600, pr: 1 }}>
              Call
            </Box>
            {days.map((d) => (
              <Box
                component="td"
                key={d}
                sx={{ textAlign: 'center', fontWeight: 650, color: 'secondary.main' }}
                title={calls.get(d)?.callTypeName}
              >
                {calls.get(d)?.callTypeCode ?? ''}
              </Box>
            ))}
          </tr>
        </tbody>
      </Box>
    </Box>
  );
}

function CallsAndLeave({ page }: { page: PersonSchedule }) {
  const upcoming = page.calls.filter((c) => c.date >= page.today);
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
      <Box sx={{ flex: 1 }}>
        <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
          Coming calls ({upcoming.length} of {page.calls.length} this year)
        </Typography>
        {upcoming.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            None
          </Typography>
        ) : (
          <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="person-calls">
            {upcoming.slice(0, 12).map((c) => (
              <li key={`${c.date}:${c.callTypeCode}`}>
                <Typography variant="body2">
                  {formatDate(c.date)} — {c.callTypeName}
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </Box>
      <Box sx={{ flex: 1 }}>
        <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
          Leave and other absences
        </Typography>
        {page.absences.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            None this year
          </Typography>
        ) : (
          <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="person-absences">
            {page.absences.map((a) => (
              <li key={a.id}>
                <Typography variant="body2">
                  {ABSENCE_LABELS[a.type] ?? a.type}: {formatRange(a.start, a.end)} (
                  {ABSENCE_STATUS_LABELS[a.status].toLowerCase()})
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </Box>
    </Stack>
  );
}

function hoursResult(page: PersonSchedule): HoursResult | null {
  if (!page.hours) return null;
  return {
    academicYear: page.academicYear,
    draftId: null,
    limitHours: page.hours.limitHours,
    windowDays: 28,
    includeMoonlighting: true,
    residents: [
      {
        personId: page.person.id,
        name: page.person.name,
        pgy: page.person.pgy,
        weeks: page.hours.weeks,
        maxAverage: page.hours.maxAverage,
        maxAverageEnds: page.hours.maxAverageEnds,
        weeksOver:
          page.hours.limitHours === null ? 0 : page.hours.weeks.filter((w) => w.peak > page.hours!.limitHours!).length,
      },
    ],
  };
}

/** " · in the program from 12 Aug 2026", " · last day 8 Jan 2027": outside these days nothing is expected. */
function inProgramWords(p: { startDate?: string; endDate?: string }): string {
  if (p.startDate && p.endDate)
    return ` · in the program ${formatShortDate(p.startDate)} – ${formatShortDate(p.endDate)}`;
  if (p.startDate) return ` · in the program from ${formatShortDate(p.startDate)}`;
  return p.endDate ? ` · last day in the program ${formatShortDate(p.endDate)}` : '';
}

/** What a person's page shows from other features, handed in by the app layer (shell/PersonPage). */
export interface PersonViewParts {
  /** The work-hours chart (compliance's), for this one person. */
  HoursPanel: ComponentType<{ hours: HoursResult; selected: string | null; onSelect(personId: string): void }>;
  /** Sets the Export view up for this person's calendar in `format` (the page then opens it). */
  prepareExport(format: 'ics' | 'person-pdf', personId: string): void;
}

export function PersonView({ HoursPanel, prepareExport }: PersonViewParts) {
  const year = useAcademicYear();
  const idParam = useRoute((s) => s.query.id);
  const open = useRoute((s) => s.open);
  const own = useSession((s) => s.status?.account?.personId ?? null);
  const mayExport = useCan('exports.calendars');
  const personId = idParam ?? own;
  const key = personId && year !== null ? `person:${personId}:${year}` : null;
  const query = useApiQuery(key, () => api()['people.schedule']({ personId: personId!, academicYear: year! }));
  const page = query.dataKey === key ? query.data : undefined;

  if (!personId)
    return (
      <Page title="Schedule of a person">
        <EmptyState title="Choose a person">
          Search for someone (Ctrl+K) or pick them in People to see their year.
        </EmptyState>
      </Page>
    );

  function exportAs(format: 'ics' | 'person-pdf') {
    prepareExport(format, personId!);
    open('export', {});
  }

  const hours = page ? hoursResult(page) : null;
  return (
    <Page
      title={page ? page.person.name : 'Schedule'}
      subtitle={
        page
          ? `${whoWords(page.person)} · ` +
            `${page.yearLabel}${page.person.active ? '' : ' · no longer active'}${inProgramWords(page.person)}`
          : undefined
      }
      actions={
        page && (
          <>
            <Button startIcon={<CalendarMonthOutlined />} onClick={() => open('schedule', { person: page.person.id })}>
              Show in the grid
            </Button>
            {mayExport && (
              <>
                <Button
                  variant="outlined"
                  startIcon={<EventOutlined />}
                  onClick={() => exportAs('ics')}
                  data-testid="person-export-ics"
                >
                  Export calendar…
                </Button>
                <Button
                  variant="outlined"
                  startIcon={<PictureAsPdfOutlined />}
                  onClick={() => exportAs('person-pdf')}
                  data-testid="person-export-pdf"
                >
                  Print…
                </Button>
              </>
            )}
          </>
        )
      }
    >
      {query.error && <LoadError what="this person's schedule" error={query.error} onRetry={query.reload} />}
      {page && (
        <Box data-testid="person-page" data-person-id={page.person.id}>
          <Section title="This year">
            <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }} data-testid="person-totals">
              <Figure label="clinic half-days" value={page.totals.clinicHalfDays} />
              <Figure label={`calls (${page.totals.weekendCalls} at weekends)`} value={page.totals.calls} />
              <Figure label="days away" value={page.totals.absenceDays} />
              {page.person.kind === 'faculty' && <Figure label="inpatient weeks" value={page.totals.inpatientWeeks} />}
              {page.hours && <Figure label="hours a week at most (4-week average)" value={page.hours.maxAverage} />}
            </Stack>
            <YearAtAGlance page={page} />
          </Section>
          <Section title="The coming two weeks" testId="person-coming">
            <ComingWeeks page={page} />
          </Section>
          <Section title="Calls and leave">
            <CallsAndLeave page={page} />
          </Section>
          {hours && (
            <Section title="Work hours" testId="person-hours">
              <HoursPanel hours={hours} selected={page.person.id} onSelect={() => {}} />
            </Section>
          )}
        </Box>
      )}
    </Page>
  );
}
