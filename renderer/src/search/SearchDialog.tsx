// Search anywhere (Ctrl+K, or "/" outside a text field): people open their schedule page,
// activities are highlighted in the schedule, views open, and a typed date jumps the schedule to
// its block and day. Arrow keys move through the results, Enter opens one, Escape closes.
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Dialog from '@mui/material/Dialog';
import InputAdornment from '@mui/material/InputAdornment';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { api } from '../api';
import { useCan, useSession } from '../state/session';
import { blockOn } from '../lib/blocks';
import { formatDate } from '../lib/dates';
import { KIND_LABELS, ROLE_LABELS } from '../lib/labels';
import { useApiQuery } from '../lib/useApiQuery';
import { NAV_ITEMS } from '../lib/nav';
import { useAcademicYear } from '../state/program';
import { useRoute } from '../state/route';
import { search, type SearchPerson, type SearchResult } from './searchIndex';
import { createUserStore } from '../state/store';

export const useSearch = createUserStore<{ open: boolean; setOpen(open: boolean): void }>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));

/** Ctrl+K (Cmd+K) anywhere, or "/" when the keyboard is not in a text field. */
export function useSearchShortcut() {
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const inField =
        e.target instanceof HTMLElement &&
        (e.target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName));
      if (
        ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') ||
        (e.key === '/' && !inField && !e.ctrlKey && !e.metaKey && !e.altKey)
      ) {
        e.preventDefault();
        useSearch.getState().setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The top bar's search button: says the shortcut. */
export function SearchButton() {
  const setOpen = useSearch((s) => s.setOpen);
  return (
    <ButtonBase
      onClick={() => setOpen(true)}
      // Named by its visible word (a spoken name that differs from the text confuses voice control);
      // the shortcut is announced as one, and the tooltip says what can be found.
      aria-keyshortcuts="Control+K"
      title="Search people, activities, views or a date (Ctrl+K)"
      data-testid="search-open"
      sx={{
        px: 1.25,
        py: 0.75,
        borderRadius: 1,
        bgcolor: 'rgba(255,255,255,0.1)',
        color: 'inherit',
        gap: 1,
        '&:hover': { bgcolor: 'rgba(255,255,255,0.18)' },
        '&.Mui-focusVisible': { outline: '2px solid #fff' },
      }}
    >
      <SearchOutlined fontSize="small" />
      <Typography variant="body2">Search</Typography>
      <Box
        component="kbd"
        aria-hidden
        sx={{
          fontSize: 11,
          px: 0.5,
          borderRadius: 0.5,
          border: '1px solid rgba(255,255,255,0.4)',
          // Below 1200 px (1280×720 at 125 %) the program's name needs the room; the tooltip keeps the shortcut.
          display: { xs: 'none', lg: 'block' },
        }}
      >
        Ctrl K
      </Box>
    </ButtonBase>
  );
}

function personDetail(p: {
  kind: keyof typeof KIND_LABELS;
  pgy: number | null;
  facultyRole: keyof typeof ROLE_LABELS | null;
}): string {
  if (p.kind === 'resident') return p.pgy !== null ? `PGY-${p.pgy} resident` : 'Resident';
  if (p.kind === 'faculty') return p.facultyRole ? ROLE_LABELS[p.facultyRole] : 'Faculty';
  return KIND_LABELS[p.kind];
}

const KIND_WORDS: Record<SearchResult['kind'], string> = {
  date: 'Date',
  person: 'Person',
  activity: 'Activity',
  view: 'View',
};

export function SearchDialog() {
  const open = useSearch((s) => s.open);
  const setOpen = useSearch((s) => s.setOpen);
  const year = useAcademicYear();
  const route = useRoute((s) => s.open);
  const allowed = useSession((s) => s.status?.allowed);
  const seesPeople = useCan('people.list');
  const seesPages = useCan('people.schedule');
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const peopleQ = useApiQuery(open && seesPeople && year !== null ? `people:${year}` : null, () =>
    api()['people.list']({ academicYear: year! }),
  );
  const activitiesQ = useApiQuery(open ? 'activities' : null, () => api()['activities.list']({}));

  const people = useMemo<SearchPerson[]>(
    () => (peopleQ.data ?? []).map((p) => ({ id: p.id, name: p.name, detail: personDetail(p) })),
    [peopleQ.data],
  );
  const views = useMemo(
    () =>
      NAV_ITEMS.filter((i) => i.available && !i.personal && (!i.needs || allowed?.includes(i.needs))).map((i) => ({
        id: i.id,
        label: i.label,
        purpose: i.purpose,
      })),
    [allowed],
  );
  const results = useMemo(
    () =>
      year === null
        ? []
        : search(text, {
            people: seesPages ? people : [],
            activities: activitiesQ.data ?? [],
            views,
            academicYear: year,
            formatDate,
          }),
    [text, people, activitiesQ.data, views, year, seesPages],
  );

  useEffect(() => setActive(0), [text]);
  useEffect(() => {
    if (!open) setText('');
  }, [open]);

  async function choose(r: SearchResult) {
    setOpen(false);
    if (r.kind === 'person') route('person', { id: r.person.id });
    else if (r.kind === 'view') route(r.view.id as Parameters<typeof route>[0], {});
    else if (r.kind === 'activity') route('schedule', { highlight: r.activity.code });
    else {
      // The academic year holding the date (July to June), and its block.
      const ay = Number(r.date.slice(0, 4)) - (Number(r.date.slice(5, 7)) < 7 ? 1 : 0);
      const blocks = await api()
        ['blocks.list']({ academicYear: ay })
        .catch(() => []);
      const block = blockOn(blocks, r.date);
      route('schedule', { ay: String(ay), block: block ? String(block.number) : null, date: r.date });
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(results.length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter' && results[active]) {
      e.preventDefault();
      void choose(results[active]);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={() => setOpen(false)}
      fullWidth
      maxWidth="sm"
      aria-label="Search"
      slotProps={{ paper: { sx: { alignSelf: 'flex-start', mt: 10 } } }}
    >
      <Box sx={{ p: 1.5 }}>
        <TextField
          autoFocus
          fullWidth
          placeholder="A person, an activity code, a view, or a date such as 26 Nov"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          slotProps={{
            htmlInput: {
              'aria-label': 'Search',
              'aria-controls': 'search-results',
              'aria-activedescendant': results[active] ? `search-${results[active].key}` : undefined,
              role: 'combobox',
              'aria-expanded': results.length > 0,
              'data-testid': 'search-input',
            },
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchOutlined />
                </InputAdornment>
              ),
            },
          }}
        />
        <List
          id="search-results"
          role="listbox"
          aria-label="Results"
          dense
          sx={{ mt: 1, maxHeight: 380, overflow: 'auto' }}
        >
          {results.map((r, i) => (
            <ListItemButton
              key={r.key}
              id={`search-${r.key}`}
              role="option"
              aria-selected={i === active}
              selected={i === active}
              onClick={() => void choose(r)}
              onMouseMove={() => setActive(i)}
              data-testid="search-result"
              data-kind={r.kind}
            >
              <ListItemText
                primary={
                  r.kind === 'date'
                    ? r.label
                    : r.kind === 'person'
                      ? r.person.name
                      : r.kind === 'activity'
                        ? `${r.activity.code} · ${r.activity.name}`
                        : r.view.label
                }
                secondary={
                  r.kind === 'person'
                    ? r.person.detail
                    : r.kind === 'activity'
                      ? 'Show it in the schedule'
                      : r.kind === 'view'
                        ? 'Open the view'
                        : null
                }
              />
              <Typography variant="caption" color="text.secondary">
                {KIND_WORDS[r.kind]}
              </Typography>
            </ListItemButton>
          ))}
          {text.trim() && results.length === 0 && (
            <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 1 }}>
              Nothing matches “{text.trim()}”.
            </Typography>
          )}
        </List>
      </Box>
    </Dialog>
  );
}
