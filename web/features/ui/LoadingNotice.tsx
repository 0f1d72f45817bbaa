/**
 * What a section shows while its server page loads (its `loading.tsx`). Only
 * sections without pages for one ID have one: a loading boundary above such a
 * page starts the response (200) before the page can answer 404 for an
 * unknown ID, so those pages render whole instead.
 */
export function LoadingNotice() {
  return (
    <p className="muted" role="status">
      Loading…
    </p>
  );
}
