// Settings: the program's configuration, one section at a time (the list on the left, kept in
// the URL). Every save is audited and re-checks the published schedule of the year in view.
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Box from '@mui/material/Box';
import { useAcademicYear, useProgram } from '../state/program';
import { useRoute } from '../state/route';
import { Page } from '../ui/Page';
import { RecheckBanner } from './RecheckBanner';
import { SETTINGS_SECTIONS } from './sections';

export function SettingsView() {
  const info = useProgram((s) => s.info);
  const year = useAcademicYear();
  const sectionId = useRoute((s) => s.query.section);
  const setQuery = useRoute((s) => s.setQuery);
  const section = SETTINGS_SECTIONS.find((s) => s.id === sectionId) ?? SETTINGS_SECTIONS[0];
  if (!info || year === null) return null;
  const Section = section.component;
  return (
    <Page
      title="Settings"
      subtitle={
        'The program’s calendar, rules and policies. Every change is recorded in the audit log and re-checks ' +
        'the schedule.'
      }
    >
      <Box sx={{ display: 'flex', gap: 3, alignItems: 'flex-start', minWidth: 0 }}>
        <Box
          component="nav"
          aria-label="Settings sections"
          sx={{ width: 210, flexShrink: 0, position: 'sticky', top: 0 }}
        >
          <List dense disablePadding>
            {SETTINGS_SECTIONS.map((s) => (
              <ListItem key={s.id} disablePadding>
                <ListItemButton
                  selected={s.id === section.id}
                  aria-current={s.id === section.id ? 'page' : undefined}
                  onClick={() => setQuery({ section: s.id })}
                  sx={{ borderRadius: 1.5, mb: 0.25 }}
                >
                  <ListItemText
                    primary={s.title}
                    slotProps={{ primary: { sx: { fontSize: 13.5, fontWeight: s.id === section.id ? 650 : 500 } } }}
                  />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        </Box>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <RecheckBanner />
          <Section key={section.id} info={info} academicYear={year} />
        </Box>
      </Box>
    </Page>
  );
}
