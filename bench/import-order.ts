// The order bench:import sends the corpus in, shared with bench/profile-import.ts so both see the same documents.

/** A fixed pseudo-random order (mulberry32), so every tenth holds a like mix of small and huge specs. */
export function shuffled<T>(items: T[], seed = 18): T[] {
  const out = [...items];
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
