/** A refused command's message where the person acted, announced to screen readers; nothing without one. */
export function CommandError({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p className="kern-error" role="alert">
      <span className="kern-body">{error}</span>
    </p>
  );
}
