// The send-outcome classifier: only a definitive refusal is `rejected`; everything after which
// the request may have been applied is `unknown` (resolve by query, never re-send).
import { describe, expect, it } from 'vitest';
import { classifyReply, sendAction, type ReplyVerdict } from '../../../src-core/venues/common/outcome';
import { VenueError } from '../../../src-core/venues/common/errors';

const now = () => 1_000;
const reasonOf = (code: string | null) => (code === '21120' ? ('post-only-would-cross' as const) : ('other' as const));
const reader = (v: ReplyVerdict) => () => v;

describe('send-outcome classifier', () => {
  it('2xx with an acknowledgement is accepted with its stage and tx hash', () => {
    expect(classifyReply({ status: 200, body: {} }, { read: reader({ kind: 'accepted', stage: 'queued', venueOrderId: '9' }), reasonOf, txHash: 'ab', now })).toEqual({ kind: 'accepted', stage: 'queued', venueOrderId: '9', txHash: 'ab', ackAtMs: 1_000 });
  });

  it('regression: a readable-but-unexpected 2xx reply is unknown, never rejected', () => {
    const o = classifyReply({ status: 200, body: { surprise: true } }, { read: reader({ kind: 'unreadable' }), reasonOf, txHash: 'cd', now });
    expect(o).toEqual({ kind: 'unknown', cause: 'HTTP 200: unreadable acknowledgement', txHash: 'cd' });
  });

  it('5xx is unknown even with an error body (a gateway can fail after the apply)', () => {
    expect(classifyReply({ status: 502, body: '<html>' }, { read: reader({ kind: 'rejected', venueCode: '1', venueMessage: 'x' }), reasonOf, now }).kind).toBe('unknown');
  });

  it('an acknowledgement under a non-2xx status is not trusted as accepted', () => {
    expect(classifyReply({ status: 302, body: {} }, { read: reader({ kind: 'accepted', stage: 'live', venueOrderId: null }), reasonOf, now }).kind).toBe('unknown');
  });

  it('429 is rate-limited and retryable; a venue refusal maps its reason and is not retryable', () => {
    expect(classifyReply({ status: 429, body: null }, { read: reader({ kind: 'unreadable' }), reasonOf, now })).toMatchObject({ kind: 'rejected', reason: 'rate-limited', retryable: true });
    expect(classifyReply({ status: 400, body: {} }, { read: reader({ kind: 'rejected', venueCode: '21120', venueMessage: 'post only' }), reasonOf, now })).toEqual({ kind: 'rejected', reason: 'post-only-would-cross', retryable: false, venueCode: '21120', venueMessage: 'post only' });
  });

  it('a 4xx without a readable body is still a refusal', () => {
    expect(classifyReply({ status: 403, body: '<html>' }, { read: reader({ kind: 'unreadable' }), reasonOf, now })).toMatchObject({ kind: 'rejected', reason: 'other', venueCode: '403' });
  });

  it('not-sent is retryable; an ambiguous network failure is unknown', async () => {
    const spec = { read: reader({ kind: 'unreadable' }), reasonOf, now, txHash: 'ef' };
    await expect(sendAction({ ...spec, send: () => Promise.reject(new VenueError('not-sent', 'ECONNREFUSED')) })).resolves.toMatchObject({ kind: 'rejected', reason: 'not-sent', retryable: true });
    await expect(sendAction({ ...spec, send: () => Promise.reject(new VenueError('ambiguous', 'socket hang up')) })).resolves.toEqual({ kind: 'unknown', cause: 'socket hang up', txHash: 'ef' });
    await expect(sendAction({ ...spec, send: () => Promise.reject(new Error('boom')) })).resolves.toMatchObject({ kind: 'unknown' });
  });
});
