// A small set of line icons drawn inline (no icon font, no network: the CSP allows neither).
// Decorative by default; pass a label when an icon carries meaning on its own.

const PATHS = {
  training: 'M3 6.5 12 3l9 3.5-9 3.5-9-3.5Zm3 2v5c0 1.7 2.7 3.5 6 3.5s6-1.8 6-3.5v-5M21 6.5V12',
  reviews: 'M9 4h6v3H9V4Zm-3 1h2m8 0h2v15H6V5m3.5 9 2 2 4-4.5',
  records: 'M12 3 4.5 6v5.5c0 4.4 3.1 8.1 7.5 9.5 4.4-1.4 7.5-5.1 7.5-9.5V6L12 3Zm-3.2 9 2.3 2.3 4.3-4.6',
  settings:
    'M12 15.2a3.2 3.2 0 1 0 0-6.4 3.2 3.2 0 0 0 0 6.4Zm7.4-2.1.1-1.1-.1-1.1 2-1.6-2-3.4-2.4 1a7.5 7.5 0 0 0-1.9-1.1L14.8 3h-4l-.4 2.6c-.7.3-1.3.6-1.9 1.1l-2.4-1-2 3.4 2 1.6-.1 1.1.1 1.1-2 1.6 2 3.4 2.4-1c.6.5 1.2.8 1.9 1.1l.4 2.6h4l.3-2.6c.7-.3 1.3-.6 1.9-1.1l2.4 1 2-3.4-2-1.6Z',
  key: 'M14.5 9.5a4 4 0 1 1-2.3-3.6M14.5 9.5 20 15v3h-3v-2h-2v-2h-2l-1.4-1.4M8 9.5h.01',
  folder:
    'M3.5 6.5a1.5 1.5 0 0 1 1.5-1.5h4l2 2h8a1.5 1.5 0 0 1 1.5 1.5v9A1.5 1.5 0 0 1 19 19H5a1.5 1.5 0 0 1-1.5-1.5v-11Z',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7.5 8c.8-3.4 3.8-5.5 7.5-5.5s6.7 2.1 7.5 5.5',
  userPlus: 'M10 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8c.7-3.4 3.5-5.5 7-5.5 1.3 0 2.5.3 3.5.8M18 14v6m-3-3h6',
  check: 'm5 12.5 4.5 4.5L19 7.5',
  info: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-10v5.5M12 7.5h.01',
  warning: 'M12 4 2.8 19.5h18.4L12 4Zm0 6v4.5m0 2.5h.01',
  error: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-13.5v5.5m0 3h.01',
  success: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm-4-9.2 2.7 2.7L16.2 9',
  close: 'm6 6 12 12M18 6 6 18',
  chevronUpDown: 'm8 9.5 4-4 4 4m-8 5 4 4 4-4',
  signature:
    'M4 17.5c2.5-.4 3.4-9.8 5.2-9.8 1.5 0 .2 7.6 1.8 7.6 1.3 0 1.7-3.3 3-3.3 1 0 .9 2.3 2 2.3.8 0 1.4-.8 2-1.6M4 20.5h16',
  lock: 'M6.5 10.5h11v9.5h-11v-9.5Zm2.5 0V8a3 3 0 0 1 6 0v2.5',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-13.5V12l3 2',
  arrowLeft: 'M19 12H5m6-6-6 6 6 6',
  arrowRight: 'M5 12h14m-6-6 6 6-6 6',
  printer: 'M7 9V3.5h10V9M7 17.5H4.5V10h15v7.5H17M7 14h10v6.5H7V14Z',
  award: 'M12 14.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11Zm-3.2-1L7.5 21l4.5-2.5 4.5 2.5-1.3-7.5',
  book: 'M4 5.5C6.5 4.5 9.5 4.5 12 6c2.5-1.5 5.5-1.5 8-.5v13c-2.5-1-5.5-1-8 .5-2.5-1.5-5.5-1.5-8-.5v-13ZM12 6v13',
  circle: 'M12 20a8 8 0 1 0 0-16 8 8 0 0 0 0 16Z',
  progress: 'M12 20a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm0-16v16',
  bell: 'M6 16.5V11a6 6 0 1 1 12 0v5.5l1.5 2h-15l1.5-2ZM10 20.5a2 2 0 0 0 4 0',
  mail: 'M3.5 6h17v12h-17V6Zm0 .5 8.5 6.5 8.5-6.5',
  calendar: 'M4.5 6h15v14h-15V6Zm0 4h15M8.5 3.5v4m7-4v4',
  download: 'M12 4v11m-4.5-4.5L12 15l4.5-4.5M5 19.5h14',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, label, className }: { name: IconName; label?: string; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      strokeLinejoin="round"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
