/** The extension's own hosts on the page: changes to them are never a change of the page. */
const OWN = new Set(['dossier-pulse-pill', 'dossier-pulse-overlay']);

export const isOwn = (node: Node): boolean => node.nodeType === 1 && OWN.has((node as Element).localName);

/** What a batch of DOM mutations can have changed, for a list page's watcher. */
export type MutationSummary = {
  /** Known rows with something changed inside them. */
  rows: Set<Element>;
  /** Elements came or went outside known rows: rows may have been added, removed or reordered. */
  structural: boolean;
  /** Anything changed outside known rows and the extension's own elements (the user, the ready marker…). */
  outside: boolean;
};

export const emptySummary = (): MutationSummary => ({ rows: new Set(), structural: false, outside: false });

const hasPageElement = (nodes: NodeList) => {
  for (let i = 0; i < nodes.length; i++) if (nodes[i]!.nodeType === 1 && !isOwn(nodes[i]!)) return true;
  return false;
};

const onlyOwn = (r: MutationRecord) => {
  if (r.addedNodes.length + r.removedNodes.length === 0) return false;
  for (let i = 0; i < r.addedNodes.length; i++) if (!isOwn(r.addedNodes[i]!)) return false;
  for (let i = 0; i < r.removedNodes.length; i++) if (!isOwn(r.removedNodes[i]!)) return false;
  return true;
};

/**
 * Sorts mutation records into `into`, and counts those that concern the page: the known row each change is inside (`rowOf`: the row, null
 * for none, undefined for an element matching the row selector that is not known yet), whether
 * elements came or went outside rows, whether anything outside rows changed at all. Records that
 * only insert or remove the extension's own elements count for nothing. Text changes outside
 * rows cannot add rows (selectors do not match text), so they are not structural, and neither are
 * nodes added or removed right after a node lying `below` the rows read of a long list.
 */
export function summarizeMutations(
  records: readonly MutationRecord[],
  rowOf: (el: Element) => Element | null | undefined,
  into: MutationSummary,
  below: (node: Node) => boolean = () => false,
): number {
  let lastTarget: Node | null = null;
  let lastRow: Element | null | undefined = null;
  let counted = 0;
  for (const r of records) {
    if (r.type === 'childList' && onlyOwn(r)) continue;
    const target = r.target;
    const el = target.nodeType === 1 ? (target as Element) : target.parentElement;
    if (!el) {
      // The document itself, or a node already taken out of it.
      counted++;
      into.outside = true;
      into.structural = true;
      continue;
    }
    if (isOwn(el)) continue;
    counted++;
    // Re-renders touch the same parent many times in a row: ask once.
    if (el !== lastTarget) {
      lastTarget = el;
      lastRow = rowOf(el);
    }
    if (lastRow) {
      into.rows.add(lastRow);
      continue;
    }
    into.outside = true;
    if (lastRow === undefined) into.structural = true;
    else if (
      r.type === 'childList' &&
      (hasPageElement(r.addedNodes) || hasPageElement(r.removedNodes)) &&
      !(r.previousSibling && below(r.previousSibling))
    )
      into.structural = true;
  }
  return counted;
}
