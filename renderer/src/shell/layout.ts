// Sizes of the shell's fixed parts.
export const TOP_BAR_HEIGHT = 52;
export const NAV_WIDTH = 212;
