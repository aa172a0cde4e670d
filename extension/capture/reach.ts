/** A long list's rows are read this many at first, then this many more at a time. */
export const ROWS_AT_FIRST = 50;
export const MORE_ROWS = 50;

/**
 * How far down a long list the rows are read: the first ROWS_AT_FIRST, then MORE_ROWS more each
 * time the official scrolls to within a screen of the row half a batch before the last one read.
 * The badges and the list_seen observation then cover the rows the official had in front of them,
 * and a 1,000-row list costs no more at load than a 50-row one. An IntersectionObserver tells
 * when that row comes near: no scroll handler, no forced layout. Where there is none (a test's
 * DOM), every row is read.
 */
export function createReach(win: Window, onMore: () => void) {
  const Observer = (win as Window & typeof globalThis).IntersectionObserver;
  let limit = Observer ? ROWS_AT_FIRST : Infinity;
  let watched: Element | null = null;
  const observer = Observer
    ? new Observer(
        (entries) => {
          if (!entries.some((e) => e.isIntersecting && e.target === watched)) return;
          observer!.disconnect();
          watched = null;
          limit += MORE_ROWS;
          onMore();
        },
        { rootMargin: '100% 0px' },
      )
    : null;

  return {
    /** How many leading rows to read. */
    get limit(): number {
      return limit;
    },
    /**
     * After a reading: `count` rows found, `elementAt` gives them. While rows are left unread,
     * watches the row half a batch before the end of those read.
     */
    follow(count: number, elementAt: (i: number) => Element | null) {
      const target = observer && count > limit ? elementAt(Math.max(0, limit - MORE_ROWS / 2)) : null;
      if (target === watched) return;
      observer?.disconnect();
      watched = target;
      if (target) observer!.observe(target);
    },
    /** A new page or list: back to the first rows. */
    reset() {
      if (Observer) limit = ROWS_AT_FIRST;
      this.follow(0, () => null);
    },
    stop() {
      observer?.disconnect();
      watched = null;
    },
  };
}
