// Sizes of the shell's fixed parts.
export const TOP_BAR_HEIGHT = 52;
export const NAV_WIDTH = 212;
/** The navigation rail collapsed to its icons (the labels show on hover and to screen readers). */
export const NAV_COLLAPSED_WIDTH = 56;
