// Shows the view the route names. Views are fetched on first use (shell/views.ts): while one is
// fetched the page says so (after a moment, so a quick fetch shows nothing), and a fetch that
// fails says which view could not be opened, with a way to try again.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import { Component, type ReactNode, Suspense, useEffect, useState } from 'react';
import { useSession } from '../state/session';
import type { ViewId } from '../state/routeHash';
import { useRoute } from '../state/route';
import { ComingSoonView } from './ComingSoonView';
import { type NavItem, navItem } from '../lib/nav';
import { NotForYourRole } from './NotForYourRole';
import { preloadStartView, retryView, viewComponent } from './views';

preloadStartView();

/** How long a view may take to arrive before the page says it is opening it. */
const QUIET_MS = 300;

function OpeningView({ label }: { label: string }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), QUIET_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <Box role="status" aria-live="polite" aria-busy="true" sx={{ px: 3, pt: 2.5 }} data-testid="view-opening">
      {shown && <LinearProgress aria-label={`Opening ${label}`} sx={{ maxWidth: 480 }} />}
    </Box>
  );
}

interface FailedProps {
  item: NavItem;
  children: ReactNode;
}

/** A view whose code could not be fetched (a damaged installation): said in words, retryable. */
class ViewFailed extends Component<FailedProps, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(previous: FailedProps) {
    // Another view was opened: the one that failed is fetched afresh when it is opened again.
    if (previous.item.id !== this.props.item.id && this.state.error) {
      retryView(previous.item.id);
      this.setState({ error: null });
    }
  }
  retry = () => {
    retryView(this.props.item.id);
    this.setState({ error: null });
  };
  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Box sx={{ p: 3, maxWidth: 720 }}>
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={this.retry}>
              Try again
            </Button>
          }
        >
          <AlertTitle>{this.props.item.label} could not be opened</AlertTitle>
          {error.message}
        </Alert>
      </Box>
    );
  }
}

function ViewOf({ item }: { item: NavItem }) {
  const View = viewComponent(item.id);
  return View ? <View /> : <ComingSoonView item={item} />;
}

/** One view, fetched if it has not been yet (the start page shows the review view this way too). */
export function ShownView({ view }: { view: ViewId }) {
  const item = navItem(view);
  return (
    <ViewFailed item={item}>
      <Suspense fallback={<OpeningView label={item.label} />}>
        <ViewOf item={item} />
      </Suspense>
    </ViewFailed>
  );
}

export function ViewOutlet() {
  const view = useRoute((s) => s.view);
  const allowed = useSession((s) => s.status?.allowed);
  const item = navItem(view);
  if (item.needs && !allowed?.includes(item.needs)) return <NotForYourRole item={item} />;
  return <ShownView view={view} />;
}
