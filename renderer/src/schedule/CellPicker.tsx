// The searchable picker that opens at the active cell: activities for half-day slots, people for
// call nights. Typing on the grid opens it with the typed text; Enter applies the best match
// (typeAhead.ts ranks exact codes first), Escape closes it and gives the keyboard back to the grid.
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import ClickAwayListener from '@mui/material/ClickAwayListener';
import Paper from '@mui/material/Paper';
import Popper from '@mui/material/Popper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { rankOptions, type PickOption } from './typeAhead';

export interface PickerOption extends PickOption {
  /** Swatch colours (activities). */
  bg?: string;
  fg?: string;
  /** Why the option cannot be used for this selection (e.g. "not done in the PM"). */
  disabledReason?: string | null;
  /** A secondary line (category, role). */
  hint?: string;
}

interface CellPickerProps {
  anchor: HTMLElement;
  title: string;
  placeholder: string;
  options: PickerOption[];
  initialText: string;
  onPick(option: PickerOption): void;
  onClose(): void;
}

export function CellPicker({ anchor, title, placeholder, options, initialText, onPick, onClose }: CellPickerProps) {
  const [text, setText] = useState(initialText);
  return (
    <Popper
      open
      anchorEl={anchor}
      placement="bottom-start"
      sx={{ zIndex: 1300 }}
      modifiers={[{ name: 'offset', options: { offset: [0, 4] } }]}
    >
      <ClickAwayListener onClickAway={onClose}>
        <Paper
          elevation={8}
          sx={{ width: 340, p: 1.25, border: '1px solid', borderColor: 'divider' }}
          data-testid="cell-picker"
        >
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mb: 0.75, px: 0.25 }}>
            {title}
          </Typography>
          <Autocomplete<PickerOption, false, false, false>
            open
            disablePortal
            autoHighlight
            openOnFocus
            options={options}
            inputValue={text}
            onInputChange={(_, value, reason) => reason !== 'reset' && setText(value)}
            filterOptions={(opts, state) => rankOptions(opts, state.inputValue)}
            getOptionLabel={(o) => o.code}
            getOptionKey={(o) => o.value}
            getOptionDisabled={(o) => !!o.disabledReason}
            isOptionEqualToValue={(a, b) => a.value === b.value}
            value={null}
            onChange={(_, option) => option && onPick(option)}
            onClose={(_, reason) => reason === 'escape' && onClose()}
            noOptionsText={`Nothing matches “${text}”`}
            slotProps={{
              listbox: { sx: { maxHeight: 300 } },
              popper: {
                sx: { position: 'relative !important', transform: 'none !important', width: '100% !important' },
              },
              paper: { elevation: 0, sx: { border: 'none', mt: 0.5 } },
            }}
            renderInput={(params) => (
              <TextField
                {...params}
                autoFocus
                placeholder={placeholder}
                slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'aria-label': title } }}
              />
            )}
            renderOption={(props, o) => {
              const { key, ...rest } = props as typeof props & { key: string };
              return (
                <Box component="li" key={key} {...rest} data-option={o.value} sx={{ gap: 1.25, alignItems: 'center' }}>
                  <Box
                    component="span"
                    sx={{
                      minWidth: 44,
                      px: 0.5,
                      height: 22,
                      borderRadius: '3px',
                      display: 'inline-grid',
                      placeItems: 'center',
                      fontSize: 11,
                      fontWeight: 700,
                      bgcolor: o.bg ?? 'action.selected',
                      color: o.fg ?? 'text.primary',
                      flexShrink: 0,
                    }}
                  >
                    {o.code}
                  </Box>
                  <Box sx={{ minWidth: 0 }}>
                    <Typography variant="body2" noWrap>
                      {o.name}
                    </Typography>
                    {(o.disabledReason || o.hint) && (
                      <Typography
                        variant="caption"
                        color={o.disabledReason ? 'error' : 'text.secondary'}
                        noWrap
                        component="div"
                      >
                        {o.disabledReason ?? o.hint}
                      </Typography>
                    )}
                  </Box>
                </Box>
              );
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                onClose();
              }
            }}
          />
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 0.75, px: 0.25 }}>
            Enter applies the highlighted choice · Esc cancels
          </Typography>
        </Paper>
      </ClickAwayListener>
    </Popper>
  );
}
