// Text for screen readers only: a 1 px box that takes no room. (MUI's `width: 1` means 100 %,
// which made such boxes as wide as the page and the page scroll sideways.)
export const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  border: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
