/** The Trellis mark: a small lattice with a leaf. Decorative; the word "Trellis" next to it names it. */
export function LogoMark({ className = "h-6 w-6" }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={className} aria-hidden="true" focusable="false">
      <path d="M4 20 20 4M4 12l8 8M12 4l8 8M4 4l16 16" stroke="#065f46" strokeWidth="1.6" fill="none" />
      <path d="M14 10c3-4 7-4 7-4s0 4-4 7c-2 1.5-3 1-3 1s-1.5-1.5 0-4Z" fill="#10b981" />
    </svg>
  );
}
