// Drafts: every change to the schedule goes through a draft, is checked, and is published in one
// step that can be rolled back. Tabs: open and past drafts, published versions, the audit log;
// `draft=<id>` opens one draft's comparison with the published schedule.
import AddOutlined from '@mui/icons-material/AddOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { api } from '../api';
import { useCan } from '../state/session';
import type { ComponentType } from 'react';
import { useApiQuery } from '../lib/useApiQuery';
import { useNotify } from '../state/notify';
import { useRoute } from '../state/route';
import { Page } from '../ui/Page';
import { DraftDetail, type ReviewPanelProps } from './DraftDetail';
import { DraftList } from './DraftList';
import { PublicationList } from './PublicationList';
import { draftIdFromQuery, manualDraftName } from '../draft/session';

type TabId = 'drafts' | 'published' | 'audit';
const TABS: TabId[] = ['drafts', 'published', 'audit'];

/** What the Drafts view shows from other features, handed in by the app layer (shell/DraftsPage). */
export interface DraftsViewParts {
  /** The Generate… button. */
  GenerateButton: ComponentType;
  /** The audit log (its tab). */
  AuditLog: ComponentType;
  /** A draft's review: send it to reviewers, import their comments. */
  ReviewPanel: ComponentType<ReviewPanelProps>;
}

export function DraftsView({ GenerateButton, AuditLog, ReviewPanel }: DraftsViewParts) {
  const query = useRoute((s) => s.query);
  const setQuery = useRoute((s) => s.setQuery);
  const openView = useRoute((s) => s.open);
  const draftId = draftIdFromQuery(query.draft);
  const tab: TabId = TABS.includes(query.tab as TabId) ? (query.tab as TabId) : 'drafts';
  const open = useApiQuery('drafts:open', () => api()['drafts.list']({ status: 'open' }));
  const readsAudit = useCan('audit.query');
  const mayDraft = useCan('drafts.create');

  if (draftId !== null) return <DraftDetail draftId={draftId} ReviewPanel={ReviewPanel} />;

  async function newDraft() {
    try {
      const d = await api()['drafts.create']({ name: manualDraftName(), note: null });
      openView('schedule', { draft: String(d.id) });
    } catch (err) {
      useNotify.getState().fail(err, 'Could not start a draft');
    }
  }

  return (
    <Page
      title="Drafts"
      subtitle={
        'Changes are made in drafts, checked against the rules, and published in one step that can be ' + 'rolled back.'
      }
      actions={
        <>
          <GenerateButton />
          {mayDraft && (
            <Button variant="contained" startIcon={<AddOutlined />} onClick={() => void newDraft()}>
              New draft
            </Button>
          )}
        </>
      }
    >
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs
          value={tab}
          onChange={(_, t: TabId) =>
            setQuery({ tab: t === 'drafts' ? null : t, person: null, from: null, to: null, action: null, status: null })
          }
        >
          <Tab
            value="drafts"
            label={`Drafts${open.data ? ` (${open.data.length} open)` : ''}`}
            data-testid="tab-drafts"
          />
          <Tab value="published" label="Published versions" data-testid="tab-published" />
          {readsAudit && <Tab value="audit" label="Audit log" data-testid="tab-audit" />}
        </Tabs>
      </Box>
      {tab === 'drafts' && <DraftList />}
      {tab === 'published' && <PublicationList />}
      {tab === 'audit' && readsAudit && <AuditLog />}
    </Page>
  );
}
