// A view a later release builds: says plainly what it will do, and shows no data.
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { NavItem } from '../lib/nav';
import { Page } from '../ui/Page';

export function ComingSoonView({ item }: { item: NavItem }) {
  const Icon = item.icon;
  return (
    <Page title={item.label}>
      <Card sx={{ maxWidth: 720 }} data-testid="not-available">
        <CardContent sx={{ display: 'flex', gap: 2.5, p: 3 }}>
          <Icon sx={{ fontSize: 40, color: 'text.secondary', mt: 0.5 }} />
          <div>
            <Typography variant="h6" gutterBottom>
              What this view will do
            </Typography>
            <Typography variant="body1" color="text.secondary" sx={{ mb: 2 }}>
              {item.purpose}
            </Typography>
            <Alert severity="info" variant="outlined">
              {item.label} is not available yet in this version. Nothing here is computed or stored.
            </Alert>
          </div>
        </CardContent>
      </Card>
    </Page>
  );
}
