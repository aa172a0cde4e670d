/** Short, readable failure text for long difference lists: counts by group, then a few examples. */
export function summarize<T>(items: readonly T[], groupOf: (item: T) => string, show: (item: T) => string, examples = 6): string {
  if (items.length === 0) return '';
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(groupOf(item), [...(groups.get(groupOf(item)) ?? []), item]);
  const lines = [...groups].map(
    ([group, list]) =>
      `  ${group}: ${list.length}\n${list
        .slice(0, examples)
        .map((x) => `    - ${show(x)}`)
        .join('\n')}`,
  );
  return `${items.length} difference(s)\n${lines.join('\n')}`;
}

/** Groups of differences (reason → texts) as one string; empty when there are none. */
export function summarizeGroups(groups: ReadonlyMap<string, readonly string[]>, examples = 6): string {
  const items = [...groups].flatMap(([reason, list]) => list.map((text) => ({ reason, text })));
  return summarize(
    items,
    (x) => x.reason,
    (x) => x.text,
    examples,
  );
}

export const hours = (seconds: number) => Math.round(seconds / 36) / 100;
