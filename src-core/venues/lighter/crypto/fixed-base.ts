// k·P for a fixed point P with a precomputed comb: 40 positions of 8-bit signed digits, each with
// 128 affine multiples, so a multiplication is at most 40 mixed additions and no doubling (the
// reference does 319 doublings and 64 additions). A comb is ≈ 0.8 MB and takes ~0.1 s to build:
// one for the generator (signing), one per registered key where a verifier wants speed.
// JavaScript gives no constant-time guarantee; see signer.ts.
import { affineNegate, generator, neutral, pointAdd, pointAddAffine, pointDouble, batchToAffine, POINT_LEN } from './ecgfp5';
import { recodeSigned } from './scalar';

const WINDOW = 8;
const POSITIONS = 40; // 320 bits / 8
const ENTRIES = 1 << (WINDOW - 1); // digits in −127..128
const AFF = 20;

/** Signed base-256 digits of k (0 ≤ k < 2^319), each in −127..128, least significant first. */
export function recode(k: bigint): Int16Array {
  return recodeSigned(k, WINDOW, POSITIONS);
}

const NEG = new Float64Array(AFF);

export class Comb {
  private readonly table: Float64Array;

  constructor(point: Float64Array) {
    this.table = new Float64Array(POSITIONS * ENTRIES * AFF);
    const base = Float64Array.from(point);
    for (let pos = 0; pos < POSITIONS; pos++) {
      const multiples: Float64Array[] = [Float64Array.from(base)];
      for (let j = 1; j < ENTRIES; j++) {
        const q = new Float64Array(POINT_LEN);
        pointAdd(q, multiples[j - 1]!, 0, base, 0);
        multiples.push(q);
      }
      batchToAffine(multiples, this.table, pos * ENTRIES * AFF);
      for (let j = 0; j < WINDOW; j++) pointDouble(base, base);
    }
  }

  mul(k: bigint): Float64Array {
    const t = this.table;
    const digits = recode(k);
    const acc = neutral();
    for (let pos = 0; pos < POSITIONS; pos++) {
      const d = digits[pos]!;
      if (d === 0) continue;
      const off = (pos * ENTRIES + Math.abs(d) - 1) * AFF;
      if (d > 0) pointAddAffine(acc, acc, t, off);
      else {
        affineNegate(t, off, NEG, 0);
        pointAddAffine(acc, acc, NEG, 0);
      }
    }
    return acc;
  }
}

let generatorComb: Comb | null = null;

export function warm(): void {
  generatorComb ??= new Comb(generator());
}

export function mulGenerator(k: bigint): Float64Array {
  warm();
  return generatorComb!.mul(k);
}
