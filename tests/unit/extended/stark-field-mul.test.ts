// Stark-field multiplication in WebAssembly (stark-field-mul.ts) against BigInt arithmetic:
// products of bigints of every magnitude and sign, and chains of slot operations, including
// zeros that come out of the loose reduction as p and must read back as 0.
import { describe, expect, it } from 'vitest';
import { createStarkFieldWasm, FIELD_SLOTS } from '../../../src-core/venues/extended/signing/stark-field-mul';

const P = 2n ** 251n + 17n * 2n ** 192n + 1n;
const mod = (x: bigint): bigint => ((x % P) + P) % P;

/** splitmix64, so a failure reproduces. */
function seeded(seed: bigint): () => bigint {
  let s = seed;
  return () => {
    s = (s + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
    return z ^ (z >> 31n);
  };
}

function randomValue(next: () => bigint): bigint {
  const wide = (next() << 192n) | (next() << 128n) | (next() << 64n) | next();
  switch (Number(next() % 5n)) {
    case 0:
      return wide % P;
    case 1:
      return wide; // [0, 2^256)
    case 2:
      return -(wide % (3n * P));
    case 3:
      return (wide << 64n) | next();
    default:
      return [0n, 1n, P - 1n, P, P + 1n, 2n ** 256n - 1n, 2n ** 256n, -1n, -P][Number(next() % 9n)]!;
  }
}

describe('Stark-field multiplication in WebAssembly', () => {
  it('mulmod equals (a·b) mod p for 3,000 random pairs of every magnitude and sign', () => {
    const f = createStarkFieldWasm();
    const next = seeded(251n);
    for (let i = 0; i < 3000; i++) {
      const a = randomValue(next);
      const b = randomValue(next);
      expect(f.mulmod(a, b), `${a} · ${b}`).toBe(mod(a * b));
    }
  });

  it('slot operations equal BigInt arithmetic mod p along random chains, values read back canonical', () => {
    const f = createStarkFieldWasm();
    const next = seeded(17n);
    const model: bigint[] = [];
    for (let s = 0; s < 6; s++) {
      const x = randomValue(next);
      f.set(s, x);
      model[s] = mod(x);
    }
    for (let i = 0; i < 3000; i++) {
      const [dst, a, b] = [next() % 6n, next() % 6n, next() % 6n].map(Number) as [number, number, number];
      const kind = Number(next() % 3n);
      if (kind === 0) f.mul(dst, a, b);
      else if (kind === 1) f.add(dst, a, b);
      else f.sub(dst, a, b);
      model[dst] = mod(kind === 0 ? model[a]! * model[b]! : kind === 1 ? model[a]! + model[b]! : model[a]! - model[b]!);
      expect(f.get(dst), `step ${i}`).toBe(model[dst]);
    }
  });

  it('reads a zero made by the loose reduction (x − x, p itself) as 0, and p − 1 + 1 as 0', () => {
    const f = createStarkFieldWasm();
    f.set(0, 12345n);
    f.sub(1, 0, 0);
    expect(f.get(1)).toBe(0n);
    f.set(2, P);
    expect(f.get(2)).toBe(0n);
    f.set(3, P - 1n);
    f.set(4, 1n);
    f.add(5, 3, 4);
    expect(f.get(5)).toBe(0n);
    f.mul(6, 5, 0);
    expect(f.get(6)).toBe(0n);
    expect(f.mulmod(P, 7n)).toBe(0n);
  });

  it('refuses slot numbers outside its memory', () => {
    const f = createStarkFieldWasm();
    expect(() => f.get(-1)).toThrow(RangeError);
    expect(() => f.set(FIELD_SLOTS, 1n)).toThrow(RangeError);
    expect(() => f.mul(0, 1, 1.5)).toThrow(RangeError);
    f.set(FIELD_SLOTS - 1, 9n);
    expect(f.get(FIELD_SLOTS - 1)).toBe(9n);
  });
});
