/**
 * A function that computes its answer for a key once and then returns the same answer (the same object) for that
 * key: for values made on demand and kept while their inputs stay the same (hold it in a useMemo keyed by them).
 */
export function memoized<K, V>(make: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    if (made.has(key)) return made.get(key)!;
    const value = make(key);
    made.set(key, value);
    return value;
  };
}
