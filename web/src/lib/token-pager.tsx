import { useState } from 'react';

/**
 * Paging by continuation tokens, as the API gives them: a stack of the tokens of the pages
 * visited, so Previous goes back one page and a filter change starts again at the first.
 */
export function useTokenPages() {
  const [tokens, setTokens] = useState<string[]>([]);
  return {
    /** The token of the page shown; undefined on the first page. */
    token: tokens[tokens.length - 1],
    page: tokens.length + 1,
    next: (token: string) => setTokens((t) => [...t, token]),
    previous: () => setTokens((t) => t.slice(0, -1)),
    reset: () => setTokens([]),
  };
}

/** Previous / Page N / Next under a list, shown once there is more than one page. */
export function TokenPager({
  pages,
  next,
  waiting,
  label,
}: {
  pages: ReturnType<typeof useTokenPages>;
  /** The next page's token, or null on the last page. */
  next: string | null;
  /** True while the page shown is the previous one kept on screen (the new one is loading). */
  waiting: boolean;
  label: string;
}) {
  if (pages.page === 1 && !next) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button" disabled={pages.page === 1} onClick={pages.previous}>
        Previous
      </button>
      <span>Page {pages.page}</span>
      <button
        type="button"
        className="button"
        disabled={!next || waiting}
        onClick={() => next && pages.next(next)}
      >
        Next
      </button>
    </nav>
  );
}
