/** Inline SVG icons; aria-hidden because every control carries its own label. */
const svg = (d: string, size = 20) => (
  <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
    <path d={d} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
  </svg>
);

export const CloseIcon = () => svg('M6 6l12 12M18 6L6 18');
export const SendIcon = () => svg('M4 12l16-8-6 16-2.5-6.5L4 12z');
export const StopIcon = () => svg('M7 7h10v10H7z');
export const NewIcon = () => svg('M12 5v14M5 12h14');
export const PersonIcon = () => svg('M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0', 22);
export const InfoIcon = () => svg('M12 8h.01M11 12h1v5h1M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z', 18);
