import type { PageRule } from '../../shared/schemas/profile.ts';
import { listRowElements, type ReadRow } from '../profiles/read-page.ts';
import { completeRow, readRow, type RowRead } from '../profiles/read-rows.ts';

/** What a sync changed: which rows there are (elements, codes), or the status, step or handler of one (what a list_seen signs). */
export type RowChange = { rows: boolean; fields: boolean };

/** A list_seen carries the first this many rows; only those need every field at once. */
export const LIST_SEEN_ROWS = 500;
/** Rows read between two looks at the clock. */
const ROWS_PER_CLOCK_CHECK = 32;
/** Node.DOCUMENT_POSITION_FOLLOWING, without the page's globals. */
const FOLLOWING = 4;

const sameRow = (a: RowRead, b: RowRead) => a.dossierCode === b.dossierCode && a.codeElement === b.codeElement;
const sameSigned = (a: RowRead, b: RowRead) =>
  a.fields.status === b.fields.status && a.fields.step === b.fields.step && a.fields.handler === b.fields.handler;
const sameRest = (a: RowRead, b: RowRead) =>
  a.complete === b.complete && a.fields.procedureCode === b.fields.procedureCode && a.fields.appointmentAt === b.fields.appointmentAt;

/**
 * A list page's rows, kept between scans: each row element with its reading, so a change to the
 * page re-reads only the rows it touched, and finds the rows again only when elements came or
 * went. Finding and reading many rows can stop at a deadline and be resumed, so a long list is
 * read over several tasks instead of one long one.
 *
 * Rows past the first LIST_SEEN_ROWS distinct ones are read partially (code, status, step, handler: all a
 * list_seen's signature needs); the rest of their fields is read when they move up, or when an
 * action is taken on them (`rowContaining`).
 *
 * A requery may read only the list's first `limit` rows (see capture/reach.ts): the rows below
 * are counted but not touched, changes inside them are ignored, and an action on one reads it then.
 */
export function createRowTracker(doc: Document, clock: () => number = () => performance.now()) {
  let rule: PageRule | null = null;
  let dateFormat = '';
  let selector: string | null = null;
  /** Every element the row selector found; `elements`: the leading ones that were read. */
  let all: ArrayLike<Element> = [];
  let elements: Element[] = [];
  let known = new Map<Element, RowRead>();
  let nested = false;
  let rows: ReadRow[] = [];
  /** A requery under way: the rows found, the distinct rows so far, what changed so far. */
  let work: {
    rule: PageRule;
    dirty: ReadonlySet<Element> | 'all';
    found: ArrayLike<Element>;
    /** How many of `found` are read; `read`: those read so far. */
    end: number;
    read: Element[];
    selector: string | null;
    next: Map<Element, RowRead>;
    rows: ReadRow[];
    seen: Set<string>;
    index: number;
    change: RowChange;
  } | null = null;

  function reset() {
    rule = null;
    selector = null;
    all = [];
    elements = [];
    known = new Map();
    nested = false;
    rows = [];
    work = null;
  }

  /**
   * The row a changed node belongs to: the row element; null when it is in none (or in one not
   * read yet by a requery under way, which will read it as it is now); undefined when it is in an
   * element matching the row selector that is not a known row, so the rows must be found again.
   */
  function rowOf(el: Element): Element | null | undefined {
    const sel = work ? work.selector : selector;
    if (!sel) return null;
    let row: Element | null;
    try {
      row = el.closest(sel);
    } catch {
      return null;
    }
    if (!row) return null;
    // A row inside a row: a change may show in both, so from now on every change reads every row.
    if (!nested && row.parentElement?.closest(sel)) nested = true;
    if (nested) return undefined;
    // While rows are being read, one already read must be read again; one not read yet will be read as it is now.
    if (work) return work.next.has(row) ? row : null;
    if (known.has(row)) return row;
    return below(row) ? null : undefined;
  }

  /** Whether `node` lies at or after the first row left unread (a long list read in part, that row still on the page). */
  function below(node: Node): boolean {
    if (work) return false;
    const first = elements.length < all.length ? all[elements.length] : undefined;
    return !!first && first.isConnected && (first === node || (first.compareDocumentPosition(node) & FOLLOWING) !== 0);
  }

  /** Reads one row now, with every field: a row not read yet, or being read. */
  function readNow(row: Element, r: PageRule): ReadRow | undefined {
    const read = readRow(row, r, dateFormat);
    return read.dossierCode
      ? { dossierCode: read.dossierCode, fields: read.fields, element: row, codeElement: read.codeElement }
      : undefined;
  }

  /** Adds a row to a distinct list being built: the first row showing a code, complete while among the first ones. */
  function keep(list: ReadRow[], seen: Set<string>, el: Element, read: RowRead, r: PageRule) {
    if (!read.dossierCode || seen.has(read.dossierCode)) return;
    seen.add(read.dossierCode);
    if (list.length < LIST_SEEN_ROWS) completeRow(el, read, r, dateFormat);
    list.push({ dossierCode: read.dossierCode, fields: read.fields, element: el, codeElement: read.codeElement });
  }

  function rebuild() {
    const list: ReadRow[] = [];
    const seen = new Set<string>();
    for (const el of elements) {
      const read = known.get(el);
      if (read) keep(list, seen, el, read, rule!);
    }
    rows = list;
  }

  /** Reads the requery's remaining rows until the deadline; the change once all are read, else null. */
  function advance(deadline: number): RowChange | null {
    const w = work!;
    const { found, next, change } = w;
    while (w.index < w.end) {
      if (w.index % ROWS_PER_CLOCK_CHECK === 0 && w.index > 0 && clock() >= deadline) return null;
      const el = found[w.index++]!;
      w.read.push(el);
      const had = known.get(el);
      let read = had;
      if (!had || w.dirty === 'all' || w.dirty.has(el) || nested) {
        // Partial: `keep` reads the rest if the row is among the first ones.
        read = readRow(el, w.rule, dateFormat, false);
        if (!had || !sameRow(had, read)) change.rows = true;
        else if (!sameSigned(had, read)) change.fields = true;
      }
      next.set(el, read!);
      keep(w.rows, w.seen, el, read!, w.rule);
    }
    work = null;
    selector = w.selector;
    all = found;
    elements = w.read;
    known = next;
    rows = w.rows;
    return change;
  }

  return {
    /** The rows showing a code, each code once, in page order (a new array after every sync that read any). */
    get rows(): ReadRow[] {
      return rows;
    },
    /** How many elements the row selector finds, code or not, read or not. */
    get count(): number {
      return all.length;
    },
    /** The `i`th element the row selector found. */
    elementAt: (i: number): Element | null => all[i] ?? null,
    /** Rows lie inside rows: a change can then only be read by reading everything again. */
    get nested(): boolean {
      return nested;
    },
    /** A requery stopped at its deadline and waits for `resume`. */
    get busy(): boolean {
      return work !== null;
    },
    rule: () => rule,
    reset,

    /**
     * Finds the rows again and reads the first `limit`; known rows keep their reading unless
     * listed in `dirty` (or it is 'all'), new ones are read. Returns what changed, or null when
     * the deadline came first (then call `resume`).
     */
    requery(r: PageRule, format: string, dirty: ReadonlySet<Element> | 'all', deadline = Infinity, limit = Infinity): RowChange | null {
      if (r !== rule || format !== dateFormat) {
        reset();
        rule = r;
        dateFormat = format;
      }
      const found = listRowElements(doc, r);
      const end = Math.min(limit, found.elements.length);
      let moved = end !== elements.length || found.selector !== selector;
      for (let i = 0; !moved && i < end; i++) moved = found.elements[i] !== elements[i];
      work = {
        rule: r,
        dirty,
        found: found.elements,
        end,
        read: [],
        selector: found.selector,
        next: new Map(),
        rows: [],
        seen: new Set(),
        index: 0,
        change: { rows: moved, fields: false },
      };
      return advance(deadline);
    },

    /** Goes on with a requery that stopped at its deadline. */
    resume(deadline = Infinity): RowChange | null {
      return work ? advance(deadline) : { rows: false, fields: false };
    },

    /**
     * Re-reads only `dirty` rows; 'requery' when one of them is no longer a row of the page
     * (removed, or no longer matching the selector), so the rows must be found again.
     */
    refresh(dirty: ReadonlySet<Element>): RowChange | 'requery' {
      if (!rule || !selector || nested || work) return 'requery';
      const change: RowChange = { rows: false, fields: false };
      let touched = false;
      for (const el of dirty) {
        const had = known.get(el);
        if (!had) continue;
        let still = false;
        try {
          still = el.isConnected && el.matches(selector);
        } catch {
          still = false;
        }
        if (!still) return 'requery';
        const read = readRow(el, rule, dateFormat, had.complete);
        if (!sameRow(had, read)) change.rows = true;
        else if (!sameSigned(had, read)) change.fields = true;
        else if (sameRest(had, read)) continue;
        known.set(el, read);
        touched = true;
      }
      if (touched) rebuild();
      return change;
    },

    rowOf,
    below,

    /** The reading of the row that contains `el` (the first in page order, as the reader orders rows), with every field. */
    rowContaining(el: Element): ReadRow | undefined {
      const sel = work ? work.selector : selector;
      let row: Element | null = null;
      try {
        row = sel ? el.closest(sel) : null;
      } catch {
        row = null;
      }
      // Still reading the rows, or a row left unread below: read the clicked one now.
      if (work) return row ? readNow(row, work.rule) : undefined;
      if (row && rule && !nested && !known.has(row)) return readNow(row, rule);
      let found: ReadRow | undefined;
      if (!nested && selector) {
        if (!row) return undefined;
        found = rows.find((r) => r.element === row);
      }
      found ??= rows.find((r) => r.element.contains(el));
      const read = found && known.get(found.element);
      if (found && read && rule) completeRow(found.element, read, rule, dateFormat);
      return found;
    },
  };
}

export type RowTracker = ReturnType<typeof createRowTracker>;
