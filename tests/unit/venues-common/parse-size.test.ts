// parseSize's fast path (plain decimals of at most 12 fraction digits) must give exactly what the
// general parser gives, for every shape a book frame can carry and the ones it should not.
import { describe, expect, it } from 'vitest';
import { parseSize } from '../../../src-core/venues/common/book-state';
import { toScaledInt } from '../../../src-core/domain/decimal';

const outcome = (f: () => bigint): bigint | string => {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
};

describe('parseSize', () => {
  it('equals toScaledInt(text, 12, floor) on plain, signed, long, padded and malformed sizes', () => {
    const texts = ['0', '5', '-5', '0.1', '-0.1', '-0', '-0.000', '00.5', '12.340000000000', '0.000000000001', '123456789012345678.123456789012'];
    const general = ['1.0000000000009', '-1.0000000000009', '-0.0000000000001', ' 3.5', '+2.5', '7.', '.5', '1e3', '', 'abc'];
    for (const text of [...texts, ...general]) expect([text, outcome(() => parseSize(text))]).toEqual([text, outcome(() => toScaledInt(text, 12, 'floor'))]);
  });

  it('scales a plain size to 12 decimals exactly', () => {
    expect(parseSize('1.5')).toBe(1_500_000_000_000n);
    expect(parseSize('-0.000000000001')).toBe(-1n);
    expect(parseSize('90071992547409931')).toBe(90071992547409931n * 10n ** 12n);
  });
});
