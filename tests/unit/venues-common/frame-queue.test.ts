// The book frames' queue (common/frame-queue.ts): every frame runs, in arrival order, in slices
// bounded by time with a turn of the event loop between them, and the slice-end work (announcing
// changed books) runs once per slice after the slice's frames.
import { describe, expect, it } from 'vitest';
import { FrameQueue } from '../../../src-core/venues/common/frame-queue';
import { pollUntil } from '../../helpers/wait';

/** A clock that moves 1 ms each time the queue reads it: slices end after a known count. */
function steppingClock(): () => number {
  let t = 0;
  return () => t++;
}

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('FrameQueue', () => {
  it('runs every frame in arrival order across slices, yielding to the loop between slices', async () => {
    const q = new FrameQueue(3, steppingClock());
    const ran: number[] = [];
    for (let i = 0; i < 10; i++) q.push(() => ran.push(i));
    expect(ran).toEqual([]);
    await turn();
    // The first slice ended on its time budget: the loop got a turn before the rest.
    expect(ran.length).toBeGreaterThan(0);
    expect(ran.length).toBeLessThan(10);
    await pollUntil(() => ran.length === 10, { what: 'every frame to run' });
    expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(q.length).toBe(0);
  });

  it('runs a slice-end hook once per slice, after that slice\'s frames', async () => {
    const q = new FrameQueue(1_000, steppingClock());
    const log: string[] = [];
    const announce = () => log.push('announce');
    for (let i = 0; i < 3; i++)
      q.push(() => {
        log.push(`frame ${i}`);
        q.atSliceEnd(announce);
      });
    await pollUntil(() => log.length === 4, { what: 'the slice and its hook' });
    expect(log).toEqual(['frame 0', 'frame 1', 'frame 2', 'announce']);
  });

  it('keeps running the queue after a frame or a hook throws', async () => {
    const q = new FrameQueue(1_000, steppingClock());
    const ran: number[] = [];
    q.push(() => {
      throw new Error('bad frame');
    });
    q.push(() => ran.push(1));
    q.atSliceEnd(() => {
      throw new Error('bad hook');
    });
    q.atSliceEnd(() => ran.push(2));
    await pollUntil(() => ran.length === 2, { what: 'the frame and hook after the throws' });
    expect(ran).toEqual([1, 2]);
  });
});
