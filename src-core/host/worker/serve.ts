// The worker's side of the protocol (host/worker/protocol.ts): answers main's requests on the
// core it runs and forwards every event. A request that does not parse is answered BAD_REQUEST
// under its id when the id is readable, and nothing is called.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { err, ok, type Result } from '../../api/envelope';
import { readableId } from '../../api/wire';
import type { Core } from '../core';
import { workerRequestSchema, type WorkerMessage, type WorkerRequest } from './protocol';

export type Post = (m: WorkerMessage) => void;

const LOOP_DELAY_RESOLUTION_MS = 10;
let delay: IntervalHistogram | undefined;

async function answer(core: Core, r: WorkerRequest): Promise<Result<unknown>> {
  switch (r.op) {
    case 'call':
      return core.dispatcher.call(r.kind, r.channel, r.payload);
    case 'exposure':
      return ok(core.exposure());
    case 'tighten':
      return ok(core.tighten(r.state, r.reason));
    case 'suspend':
      core.power.suspend();
      return ok(null);
    case 'resume':
      return ok(await core.power.resume());
    case 'close':
      await core.close();
      return ok(null);
    case 'loopDelay': {
      // Started on the first ask, so a worker nobody measures carries no sampling timer.
      delay ??= monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
      delay.enable();
      // The histogram counts the timer's own period too: the figure is the lag beyond it.
      const ms = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_DELAY_RESOLUTION_MS);
      const v = delay.count === 0 ? null : { p50Ms: ms(delay.percentile(50)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max) };
      if (r.reset) delay.reset();
      return ok(v);
    }
  }
}

/** Starts forwarding the core's events; returns the handler for main's messages. */
export function serveCore(core: Core, post: Post): (raw: unknown) => Promise<void> {
  core.events.subscribeAll((event, payload) => post({ type: 'event', event, payload }));
  return async (raw) => {
    const parsed = workerRequestSchema.safeParse(raw);
    if (!parsed.success) {
      post({ type: 'reply', id: readableId(raw), result: err('BAD_REQUEST', `not a core request: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ')}`.slice(0, 500)) });
      return;
    }
    let result: Result<unknown>;
    try {
      result = await answer(core, parsed.data);
    } catch (e) {
      result = err('INTERNAL', e instanceof Error ? e.message : String(e));
    }
    post({ type: 'reply', id: parsed.data.id, result });
  };
}
