import { type RefObject, useEffect, useState } from 'react';

/** Whether a horizontally scrolling box hides content before (left) or after (right) what it shows. */
export interface HiddenEdges {
  before: boolean;
  after: boolean;
}

const NONE: HiddenEdges = { before: false, after: false };

/**
 * Tracks which sides of a scroll box have content out of sight, on scroll and on resize of the
 * box or its content, so the page can shade the cut edge.
 */
export function useHorizontalOverflow(ref: RefObject<HTMLElement | null>): HiddenEdges {
  const [edges, setEdges] = useState<HiddenEdges>(NONE);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const update = () => {
      const hidden = box.scrollWidth - box.clientWidth;
      // A pixel of slack: zoomed pages report fractional widths.
      const before = hidden > 1 && box.scrollLeft > 1;
      const after = hidden > 1 && box.scrollLeft < hidden - 1;
      setEdges((prev) => (prev.before === before && prev.after === after ? prev : { before, after }));
    };
    update();
    box.addEventListener('scroll', update, { passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(update);
    resize?.observe(box);
    if (box.firstElementChild) resize?.observe(box.firstElementChild);
    return () => {
      box.removeEventListener('scroll', update);
      resize?.disconnect();
    };
  }, [ref]);
  return edges;
}
