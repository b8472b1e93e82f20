import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A text box bound to a value kept elsewhere (the URL): shows each keystroke at once and hands
 * the trimmed text to `commit` once typing has paused for `delayMs`. When the kept value changes
 * by other means (Back, a link, "Clear filters"), the box follows it, unless a keystroke is still
 * waiting to be committed.
 */
export function useDraftText(value: string, commit: (text: string) => void, delayMs: number) {
  const [draft, setDraft] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  });

  useEffect(() => {
    if (timer.current === undefined) setDraft((current) => (current.trim() === value ? current : value));
  }, [value]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const change = useCallback(
    (next: string) => {
      setDraft(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = undefined;
        commitRef.current(next.trim());
      }, delayMs);
    },
    [delayMs],
  );

  /** Shows `text` and drops any keystroke still waiting (the kept value is being replaced). */
  const reset = useCallback((text: string) => {
    clearTimeout(timer.current);
    timer.current = undefined;
    setDraft(text);
  }, []);

  return { draft, change, reset };
}
