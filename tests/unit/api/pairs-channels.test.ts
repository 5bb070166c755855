// The pairs channels' schemas: what each accepts and, for every field, the refusal named by its
// path. Money is an exact decimal string in the repo's format; venues come from VENUES and differ;
// a pairSeq is a non-negative safe integer (0 is a pair).
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../../src-core/api/contract';
import { ATTEMPTS_MAX_LIMIT, MAX_DECIMAL_INPUT_LENGTH } from '../../../src-core/api/channels/pairs';
import { tradingSettingsSchema } from '../../../src-core/config/trading';

const q = contract.queries;
const c = contract.commands;
const e = contract.events;

/** The dotted paths of the issues, or 'ok'. */
function refused(schema: z.ZodType, value: unknown): string[] | 'ok' {
  const r = schema.safeParse(value);
  if (r.success) return 'ok';
  return r.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown:${i.keys.join(',')}` : i.path.map(String).join('.')));
}

const request = { symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' } as const;

describe('pairs.open and pairs.preview payloads', () => {
  const schemas = [c['pairs.open'].input, q['pairs.preview'].input];

  it('accept a symbol, two different venues and an optional exact notional', () => {
    for (const s of schemas) {
      expect(refused(s, request)).toBe('ok');
      expect(refused(s, { symbol: '1000PEPE', longVenue: 'extended', shortVenue: 'lighter' })).toBe('ok');
      expect(refused(s, { ...request, symbol: 'A'.repeat(20) })).toBe('ok');
      for (const n of ['350', '0.01', '12.50', '10000000', '10000000.000']) expect(refused(s, { ...request, notionalUsd: n })).toBe('ok');
      expect(s.parse({ ...request, notionalUsd: '12.50' })).toEqual({ ...request, notionalUsd: '12.50' });
    }
  });

  it('names symbol for anything but 1–20 capital letters or digits', () => {
    for (const s of schemas) {
      for (const symbol of ['', 'eth', 'Eth', 'ETH-USD', 'ETH/USD', 'ETH ', ' ETH', 'A'.repeat(21), 'ETH\u202E', 'ÉTH', 'ETH\n', 7, null]) {
        expect(refused(s, { ...request, symbol })).toEqual(['symbol']);
      }
    }
  });

  it('names longVenue / shortVenue for a venue not in VENUES', () => {
    for (const s of schemas) {
      expect(refused(s, { ...request, longVenue: 'binance' })).toEqual(['longVenue']);
      expect(refused(s, { ...request, shortVenue: 'Lighter' })).toEqual(['shortVenue']);
      expect(refused(s, { ...request, longVenue: undefined })).toEqual(['longVenue']);
    }
  });

  it('refuses the same venue on both legs, naming shortVenue', () => {
    for (const s of schemas) {
      for (const v of ['lighter', 'extended']) {
        const r = s.safeParse({ ...request, longVenue: v, shortVenue: v });
        expect(r.success).toBe(false);
        if (!r.success) expect(r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['shortVenue', 'shortVenue must differ from longVenue']]);
      }
    }
  });

  it('names notionalUsd for a non-exact, non-positive or too large notional', () => {
    const max = tradingSettingsSchema.shape.notionalPerPairUsd.maxValue;
    expect(max).toBe(10_000_000);
    const bad = ['0', '0.000', '-5', '+0', '1e3', '1E3', ' 350', '350 ', '3,500', '.5', '5.', 'NaN', 'Infinity', '', '0x10', '10000000.01', '10000001', '1'.repeat(MAX_DECIMAL_INPUT_LENGTH + 1), 350, null];
    // Each is refused with one issue; none may throw out of the parse (the decimal math throws on
    // text the pattern refused, so it must never see it).
    for (const s of schemas) for (const n of bad) expect(refused(s, { ...request, notionalUsd: n })).toEqual(['notionalUsd']);
    const messages = (n: unknown) => (s0 => (s0.success ? [] : s0.error.issues.map((i) => i.message)))(schemas[0]!.safeParse({ ...request, notionalUsd: n }));
    expect(messages('1e3')).toEqual(['must be an exact decimal string such as "350"']);
    expect(messages('-5')).toEqual(['must be positive']);
    expect(messages('0')).toEqual(['must be positive']);
    expect(messages('10000000.01')).toEqual(['must be at most 10000000']);
    expect(messages('1'.repeat(MAX_DECIMAL_INPUT_LENGTH + 1))).toEqual([`must be at most ${MAX_DECIMAL_INPUT_LENGTH} characters`]);
    // The longest accepted text is MAX_DECIMAL_INPUT_LENGTH characters.
    expect(refused(schemas[0]!, { ...request, notionalUsd: `1.${'0'.repeat(MAX_DECIMAL_INPUT_LENGTH - 2)}` })).toBe('ok');
  });

  it('refuses unknown keys (including __proto__) and missing fields', () => {
    for (const s of schemas) {
      expect(refused(s, { ...request, extra: 1 })).toEqual(['unknown:extra']);
      expect(refused(s, JSON.parse('{"symbol":"ETH","longVenue":"lighter","shortVenue":"extended","__proto__":{"x":1}}'))).toEqual(['unknown:__proto__']);
      expect(refused(s, { symbol: 'ETH', longVenue: 'lighter' })).toEqual(['shortVenue']);
      expect(refused(s, {})).toEqual(['symbol', 'longVenue', 'shortVenue']);
      for (const v of [null, undefined, 'ETH', [], 1]) expect(refused(s, v)).not.toBe('ok');
    }
  });
});

describe('pairSeq payloads (pairs.detail, pairs.cancelEntry)', () => {
  const schemas = [q['pairs.detail'].input, c['pairs.cancelEntry'].input];
  it('accept any non-negative safe integer, 0 included', () => {
    for (const s of schemas) for (const pairSeq of [0, 1, 16_777_215, Number.MAX_SAFE_INTEGER]) expect(refused(s, { pairSeq })).toBe('ok');
  });
  it('name pairSeq for negatives, fractions, unsafe integers and non-numbers', () => {
    for (const s of schemas) {
      for (const pairSeq of [-1, 0.5, 1.5, Number.MAX_SAFE_INTEGER + 1, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY, '1', null, undefined, true]) {
        expect(refused(s, { pairSeq })).toEqual(['pairSeq']);
      }
      expect(refused(s, { pairSeq: 1, symbol: 'ETH' })).toEqual(['unknown:symbol']);
    }
  });
});

describe('pairs.list and pairs.attempts payloads', () => {
  it('pairs.list takes nothing or {}', () => {
    expect(refused(q['pairs.list'].input, undefined)).toBe('ok');
    expect(refused(q['pairs.list'].input, {})).toBe('ok');
    expect(refused(q['pairs.list'].input, { state: 'open' })).toEqual(['unknown:state']);
  });
  it('pairs.attempts takes an optional limit in 1..ATTEMPTS_MAX_LIMIT', () => {
    const s = q['pairs.attempts'].input;
    expect(ATTEMPTS_MAX_LIMIT).toBe(500);
    for (const v of [undefined, {}, { limit: 1 }, { limit: 500 }]) expect(refused(s, v)).toBe('ok');
    for (const limit of [0, -1, 501, 1.5, '5', null]) expect(refused(s, { limit })).toEqual(['limit']);
    expect(refused(s, { limit: 5, offset: 2 })).toEqual(['unknown:offset']);
  });
});

const pnl = { realizedPnlUsd: '-1.25', fundingReceivedUsd: '3.5', fundingPaidUsd: '0', feesUsd: '0.4', netUsd: '1.85' };
const row = {
  pairSeq: 0,
  symbol: 'ETH',
  longVenue: 'lighter',
  shortVenue: 'extended',
  state: 'open',
  targetSize: '0.5',
  legs: [
    { leg: 0, venue: 'lighter', positionSide: 'long', filledSize: '0.5', positionSize: '0.5' },
    { leg: 1, venue: 'extended', positionSide: 'short', filledSize: '0.5', positionSize: '-0.5' },
  ],
  entryLongHourlyRate: -0.00001,
  entryShortHourlyRate: 0.00004,
  entryApy: 0.44,
  createdAtMs: 1_000,
  openedAtMs: 2_000,
  closedAtMs: null,
  closeReason: null,
  pnl,
};

describe('pairs events', () => {
  const fill = { venue: 'lighter', venueFillId: 'f1', symbol: 'ETH', side: 'buy', size: '0.5', price: '3000.10', feeUsd: '-0.01', isMaker: true, pairSeq: 0, leg: 0, timeMs: 5 };
  const order = { intentId: 1, pairSeq: 0, leg: 1, purpose: 'hedge', attempt: 2, venue: 'extended', symbol: 'ETH', side: 'sell', size: '0.5', price: '2999.9', state: 'partially-filled', filledSize: '0.2', atMs: 9 };

  it('fills.new: a fill of ours with exact money; each bad field named', () => {
    expect(refused(e['fills.new'], fill)).toBe('ok');
    const bad: [string, unknown][] = [
      ['venue', 'binance'], ['symbol', 'eth'], ['side', 'long'], ['size', 0.5], ['size', '5e-1'], ['price', '3,000'], ['feeUsd', ''],
      ['isMaker', 1], ['pairSeq', -1], ['pairSeq', null], ['leg', 2], ['timeMs', -1], ['timeMs', 1.5], ['venueFillId', 1],
    ];
    for (const [key, value] of bad) expect(refused(e['fills.new'], { ...fill, [key]: value })).toEqual([key]);
    expect(refused(e['fills.new'], { ...fill, clientOrderId: 'x' })).toEqual(['unknown:clientOrderId']);
  });

  it('orders.update: intent and FSM state; each bad field named', () => {
    expect(refused(e['orders.update'], order)).toBe('ok');
    const bad: [string, unknown][] = [['state', 'open'], ['purpose', 'close'], ['attempt', -1], ['filledSize', '1e1'], ['leg', '0'], ['pairSeq', 0.5], ['intentId', -1], ['side', 'BUY']];
    for (const [key, value] of bad) expect(refused(e['orders.update'], { ...order, [key]: value })).toEqual([key]);
  });

  it('pairs.update: a pair row, strict down to its legs and PnL', () => {
    expect(refused(e['pairs.update'], row)).toBe('ok');
    expect(refused(e['pairs.update'], { ...row, state: 'done' })).toEqual(['state']);
    expect(refused(e['pairs.update'], { ...row, pnl: { ...pnl, netUsd: 1.85 } })).toEqual(['pnl.netUsd']);
    expect(refused(e['pairs.update'], { ...row, pnl: { ...pnl, unrealizedUsd: '1' } })).toEqual(['unknown:unrealizedUsd']);
  });
});
