// The one busy indicator. With a label it is announced (role=status); inside a button it is
// decoration next to the button's own busy text.
export function Spinner({ label, size = 'md' }: { label?: string; size?: 'sm' | 'md' }) {
  const ring = <span className={`spinner spinner--${size}`} aria-hidden="true" />;
  if (!label) return ring;
  return (
    <span className="spinner-status" role="status">
      {ring}
      <span className="spinner-status__label">{label}</span>
    </span>
  );
}
