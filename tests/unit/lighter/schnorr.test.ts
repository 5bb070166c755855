// Poseidon2, ECgFp5 and Schnorr against the published vectors of Lighter's Go library
// (elliottech/poseidon_crypto tests), plus the properties a verifier relies on.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { setBig, toBig } from '../../../src-core/venues/lighter/crypto/goldilocks';
import { fp5FromBigs, fp5ToBytes } from '../../../src-core/venues/lighter/crypto/fp5';
import { permute, hashNToMNoPad } from '../../../src-core/venues/lighter/crypto/poseidon2';
import { decode, encode, generator, pointAdd, pointEqual, pointMul, neutral } from '../../../src-core/venues/lighter/crypto/ecgfp5';
import { mulGenerator, recode } from '../../../src-core/venues/lighter/crypto/fixed-base';
import { ORDER, scalarFromLimbs, scalarToBytes } from '../../../src-core/venues/lighter/crypto/scalar';
import { publicKeyBytes, sign, verify } from '../../../src-core/venues/lighter/crypto/schnorr';

const state = (v: readonly bigint[]): Float64Array => {
  const s = new Float64Array(v.length * 2);
  v.forEach((x, i) => setBig(s, 2 * i, x));
  return s;
};
const bigs = (s: Float64Array, n: number): bigint[] => Array.from({ length: n }, (_, i) => toBig(s, 2 * i));
const limbs = (b: Uint8Array, off: number): bigint[] => Array.from({ length: 5 }, (_, i) => new DataView(b.buffer, b.byteOffset).getBigUint64(off + 8 * i, true));

describe('Poseidon2 (Goldilocks, Plonky2 parameters)', () => {
  it('permutes the published input to the published output', () => {
    const s = state([5417613058500526590n, 2481548824842427254n, 6473243198879784792n, 1720313757066167274n, 2806320291675974571n, 7407976414706455446n, 1105257841424046885n, 7613435757403328049n, 3376066686066811538n, 5888575799323675710n, 6689309723188675948n, 2468250420241012720n]);
    permute(s);
    expect(bigs(s, 12)).toEqual([5364184781011389007n, 15309475861242939136n, 5983386513087443499n, 886942118604446276n, 14903657885227062600n, 7742650891575941298n, 1962182278500985790n, 10213480816595178755n, 3510799061817443836n, 4610029967627506430n, 7566382334276534836n, 2288460879362380348n]);
  });

  it('hashes 12 elements to 12 outputs (two absorptions, two squeezes) as published', () => {
    const input = state([2963773914414780088n, 8389525300242074234n, 3700959901615818008n, 6116199383751757212n, 3418607418699599889n, 8793277256263635044n, 448623437464918480n, 1857310021116627925n, 6145634616307237342n, 1548353948794474539n, 2318110128254703527n, 8347759953730634762n]);
    const out = new Float64Array(24);
    hashNToMNoPad(input, 12, 12, out, 0);
    expect(bigs(out, 12)).toEqual([3627923032009111551n, 1460752551327577353n, 1084214837491058067n, 1841622875286057462n, 3996252440506437984n, 1276718204392552803n, 8564515621134952155n, 9252927025993202701n, 1147435538714642916n, 16407277821156164797n, 11997661877740155273n, 12485021000320141292n]);
  });
});

// (sk, hashed message, nonce k) → (s, e), from the Go library's comparative Schnorr test.
const VECTORS = [
  {
    sk: [12235002942052073545n, 1175977464658719998n, 8536934969147463310n, 6524687619313720391n, 2922072024880609112n],
    m: [8398652514106806347n, 11069112711939986896n, 9732488227085561369n, 18076754337204438535n, 17155407358725346236n],
    k: [5245666847777449560n, 15178169970799106939n, 4403065012435293749n, 15306540389399388999n, 8935555081913173844n],
    s: [6950590877883398434n, 17178336263794770543n, 11012823478139181320n, 16445091359523510936n, 5882925226143600273n],
    e: [4544744459434870309n, 4180764085957612004n, 3024669018778978615n, 15433417688859446606n, 6775027260348937828n],
  },
  {
    sk: [14609471659974493146n, 15558617123161593410n, 853367204868339037n, 17594253198278631904n, 368396584122947478n],
    m: [14569490467507212064n, 2707063505563578676n, 7506743487465742335n, 12569771346154554175n, 4305083698940175790n],
    k: [1980123857560067020n, 10696795398834097509n, 3211831869376171671n, 6194822139276031840n, 3482023782412490864n],
    s: [15189311883262425203n, 16924634885527914505n, 11098200095411565797n, 11441434601417451505n, 2245797172600273048n],
    e: [4905460437060282008n, 9275377852059362729n, 10383772785796962929n, 6858067464918579610n, 7078247668913970626n],
  },
  {
    sk: [846395111423676945n, 1354180063821346280n, 5751371120309175011n, 4898038106472090654n, 1076345918732914302n],
    m: [17529153479246803593n, 1743712677205511695n, 4834285972617397460n, 5486672566342530358n, 7254989001695704129n],
    k: [10299597990997564957n, 8547298489021408803n, 12250978550108858722n, 5282281975236198197n, 5328603554431393061n],
    s: [1747989245728027396n, 18083435619737379521n, 18276259610811995786n, 15101757397705334408n, 5007814817019340642n],
    e: [4911725746357568132n, 12205663641120664338n, 16433506899074513700n, 14763562571101437023n, 2547950465160283358n],
  },
];

describe('Schnorr over ECgFp5', () => {
  it.each(VECTORS.map((v, i) => [i, v] as const))('reproduces the reference signature %i exactly for a fixed nonce', (_i, v) => {
    const sk = scalarFromLimbs(v.sk);
    const m = fp5FromBigs(v.m);
    const sig = sign(m, sk, scalarFromLimbs(v.k));
    expect(limbs(sig, 0)).toEqual(v.s);
    expect(limbs(sig, 40)).toEqual(v.e);
    expect(verify(publicKeyBytes(sk), m, sig)).toBe(true);
  });

  it('verifies its own random-nonce signatures and rejects any tampering', () => {
    const sk = scalarFromLimbs(VECTORS[0]!.sk);
    const pk = publicKeyBytes(sk);
    const m = fp5FromBigs(VECTORS[0]!.m);
    const sig = sign(m, sk);
    const sig2 = sign(m, sk);
    expect(Buffer.from(sig).equals(Buffer.from(sig2))).toBe(false); // fresh nonce each time
    expect(verify(pk, m, sig)).toBe(true);
    for (const byte of [0, 17, 39, 40, 63, 79]) {
      const bad = Uint8Array.from(sig);
      bad[byte]! ^= 1;
      expect(verify(pk, m, bad)).toBe(false);
    }
    expect(verify(pk, fp5FromBigs([1n, 0n, 0n, 0n, 0n]), sig)).toBe(false);
    expect(verify(publicKeyBytes(scalarFromLimbs(VECTORS[1]!.sk)), m, sig)).toBe(false);
    expect(verify(pk, m, sig.subarray(0, 79))).toBe(false);
    // s + n names the same scalar but is not canonical: refused (no malleability)
    const sPlusN = scalarToBytes(scalarFromLimbs(limbs(sig, 0)) + ORDER);
    const mall = Uint8Array.from(sig);
    mall.set(sPlusN.subarray(0, 40), 0);
    expect(verify(pk, m, mall)).toBe(false);
    // w = 1 encodes no point (x² − (w² − a)x + b has no root): such a key is refused
    expect(decode(fp5FromBigs([1n, 0n, 0n, 0n, 0n]))).toBeNull();
    expect(verify(fp5ToBytes(fp5FromBigs([1n, 0n, 0n, 0n, 0n]), 0), m, sig)).toBe(false);
    // a point that is not this key
    expect(decode(fp5FromBigs([4n, 0n, 0n, 0n, 0n]))).not.toBeNull();
    expect(verify(fp5ToBytes(fp5FromBigs([4n, 0n, 0n, 0n, 0n]), 0), m, sig)).toBe(false);
  });
});

describe('ECgFp5 group', () => {
  const scalar = fc.bigInt({ min: 0n, max: ORDER - 1n });

  it('the comb, the windowed multiplier and the group law agree', () => {
    fc.assert(
      fc.property(scalar, scalar, (a, b) => {
        const aG = mulGenerator(a);
        expect(pointEqual(aG, pointMul(generator(), a))).toBe(true);
        const sum = new Float64Array(40);
        pointAdd(sum, aG, 0, mulGenerator(b), 0);
        expect(pointEqual(sum, mulGenerator((a + b) % ORDER))).toBe(true);
      }),
      { numRuns: 8 },
    );
  });

  it('has order n, and encodes/decodes every point canonically', () => {
    expect(pointEqual(mulGenerator(ORDER - 1n), pointMul(generator(), ORDER - 1n))).toBe(true);
    const nG = pointMul(generator(), ORDER);
    expect(pointEqual(nG, neutral())).toBe(true);
    expect(Array.from(encode(neutral()))).toEqual(new Array(10).fill(0));
    for (const k of [1n, 2n, 12345n, ORDER - 1n, ORDER / 3n]) {
      const p = mulGenerator(k);
      const w = encode(p);
      const back = decode(w)!;
      expect(pointEqual(back, p)).toBe(true);
      expect(Array.from(encode(back))).toEqual(Array.from(w));
    }
  });

  it('recodes scalars into signed digits that sum back to the scalar', () => {
    fc.assert(
      fc.property(scalar, (k) => {
        const d = recode(k);
        let v = 0n;
        for (let i = d.length - 1; i >= 0; i--) v = (v << 8n) + BigInt(d[i]!);
        expect(v).toBe(k);
        expect(Math.max(...d)).toBeLessThanOrEqual(128);
        expect(Math.min(...d)).toBeGreaterThanOrEqual(-127);
      }),
    );
  });
});
