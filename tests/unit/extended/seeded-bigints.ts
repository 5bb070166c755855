// Seeded random bigints for the signing tests, so a failure reproduces.

/** splitmix64: successive 64-bit values from `seed`. */
export function seeded(seed: bigint): () => bigint {
  let s = seed;
  return () => {
    s = (s + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
    return z ^ (z >> 31n);
  };
}

/** A 256-bit value from four draws. */
export function wide(next: () => bigint): bigint {
  return (next() << 192n) | (next() << 128n) | (next() << 64n) | next();
}
