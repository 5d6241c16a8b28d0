// One figure in a card: its name, the figure, and what it is made of. The Dashboard's counts and a
// draft's changes, churn and findings.
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export function Stat({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  testId?: string;
}) {
  return (
    <Card sx={{ flex: '1 1 180px', minWidth: 170 }} data-testid={testId}>
      <CardContent sx={{ py: 1.75, '&:last-child': { pb: 1.75 } }}>
        <Typography variant="overline" color="text.secondary" sx={{ lineHeight: 1.6 }}>
          {label}
        </Typography>
        <Typography variant="h4" component="p" sx={{ fontWeight: 650, lineHeight: 1.15 }}>
          {value}
        </Typography>
        {detail && (
          <Typography variant="body2" color="text.secondary" component="div" sx={{ mt: 0.5 }}>
            {detail}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
