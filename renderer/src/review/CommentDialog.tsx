// Add a comment anchored to a cell range, a person, a finding or the whole draft.
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';

export function CommentDialog({
  about,
  onAdd,
  onClose,
}: {
  about: string;
  onAdd(text: string): void;
  onClose(): void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setError('Write the comment');
    onAdd(text.trim());
  };
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      component="form"
      onSubmit={submit}
      aria-labelledby="comment-title"
    >
      <DialogTitle id="comment-title">Add a comment</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 1.5 }} data-testid="comment-about">
          On {about}
        </Typography>
        <TextField
          label="Comment"
          autoFocus
          fullWidth
          multiline
          minRows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={!!error}
          helperText={error}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained">
          Add
        </Button>
      </DialogActions>
    </Dialog>
  );
}
