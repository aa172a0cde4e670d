import { useCallback, useEffect, useState } from 'preact/hooks';

export type Loaded<T> = { data: T | null; error: Error | null; loading: boolean; reload: () => void };

/**
 * Runs `load` whenever `key` changes. An answer that arrives after the key moved on is dropped,
 * so a slow response never overwrites a newer screen.
 */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ key: string | null; data: T | null; error: Error | null }>({ key: null, data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ key: s.key, data: s.key === key ? s.data : null, error: null }));
    load().then(
      (data) => live && setState({ key, data, error: null }),
      (error: Error) => live && setState({ key, data: null, error }),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; the key says when it means something new.
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const fresh = state.key === key;
  return {
    data: fresh ? state.data : null,
    error: fresh ? state.error : null,
    loading: key !== null && (!fresh || (state.data === null && state.error === null)),
    reload,
  };
}
