/** A string-keyed memo that forgets everything once it holds `max` entries: bounded memory, no bookkeeping per hit. */
export function boundedMemo<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get: (key: string) => map.get(key),
    set(key: string, value: V) {
      if (map.size >= max) map.clear();
      map.set(key, value);
    },
  };
}
