import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** A message counts as seen once this much of it (or of the viewport, for one taller than it) was on screen. */
const SEEN_RATIO = 0.5;

/**
 * Read marks that move only as far as the reader has actually seen: an IntersectionObserver on the timeline tells
 * which messages are on screen; while the tab is visible, the newest of them is reported (and when the tab
 * becomes visible again, whatever is on screen then). Returns `refFor(seq)`, a stable ref callback per message.
 */
export function useSeenMessages(scroller: RefObject<HTMLElement | null>, onSeen: (seq: number) => void) {
  const onSeenRef = useRef(onSeen);
  onSeenRef.current = onSeen;
  const observer = useRef<IntersectionObserver | null>(null);
  const seqOf = useRef(new Map<Element, number>());
  const onScreen = useRef(new Set<number>());
  const refs = useRef(new Map<number, (el: Element | null) => void>());
  const elements = useRef(new Map<number, Element>());

  const report = useCallback(() => {
    if (document.visibilityState !== 'visible' || onScreen.current.size === 0) return;
    onSeenRef.current(Math.max(...onScreen.current));
  }, []);

  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined' || !scroller.current) return;
    const io = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const seq = seqOf.current.get(entry.target);
          if (seq == null) continue;
          const rootHeight = entry.rootBounds?.height ?? Infinity;
          const seen = entry.isIntersecting && (entry.intersectionRatio >= SEEN_RATIO || entry.intersectionRect.height >= rootHeight * SEEN_RATIO);
          if (seen) onScreen.current.add(seq);
          else onScreen.current.delete(seq);
        }
        report();
      },
      { root: scroller.current, threshold: [0, SEEN_RATIO, 1] },
    );
    observer.current = io;
    for (const el of elements.current.values()) io.observe(el);
    document.addEventListener('visibilitychange', report);
    window.addEventListener('focus', report);
    return () => {
      io.disconnect();
      observer.current = null;
      document.removeEventListener('visibilitychange', report);
      window.removeEventListener('focus', report);
    };
  }, [scroller, report]);

  return useCallback((seq: number) => {
    let ref = refs.current.get(seq);
    if (!ref) {
      ref = (el: Element | null) => {
        const previous = elements.current.get(seq);
        if (previous) {
          observer.current?.unobserve(previous);
          seqOf.current.delete(previous);
          elements.current.delete(seq);
          onScreen.current.delete(seq);
        }
        if (el) {
          elements.current.set(seq, el);
          seqOf.current.set(el, seq);
          observer.current?.observe(el);
        }
      };
      refs.current.set(seq, ref);
    }
    return ref;
  }, []);
}
