// The message protocol between the Electron main thread and the core's worker thread
// (host/worker/entry.ts). Main sends requests, the worker answers each with a Result under the
// request's id, forwards every EventHub event, and says once that it is ready. Every message is
// checked on arrival against these schemas: a message that does not parse is answered
// BAD_REQUEST (when its id is readable) and changes nothing.
import { z } from 'zod';
import { TRADING_STATES } from '../../domain/enums';
import { API_ERROR_CODES } from '../../api/envelope';

/** What main passes the worker (workerData): plain data only, it crosses a thread. */
export const workerOptionsSchema = z.strictObject({
  dataDir: z.string().min(1),
  mode: z.enum(['sim', 'paper', 'live']),
  transport: z.enum(['ipc', 'ws', 'in-process']).optional(),
  nativeBinding: z.string().min(1).optional(),
  /** The embedded simulator's fault endpoint port (`npm start -- --control-port`). */
  simulatorControlPort: z.number().int().min(0).max(65_535).optional(),
  /** Sim mode on a simulator in another process (benches, tests): host/venues.ts ExternalSimulator. */
  externalSimulator: z
    .strictObject({
      seed: z.number().int(),
      lighter: z.strictObject({ restUrl: z.string(), wsUrl: z.string() }),
      extended: z.strictObject({ restUrl: z.string(), wsUrl: z.string() }),
    })
    .optional(),
  /** 'silent' records nothing (benches); the default is info, to the worker's stderr. */
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
});
export type CoreWorkerOptions = z.infer<typeof workerOptionsSchema>;

const id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const workerRequestSchema = z.discriminatedUnion('op', [
  z.strictObject({ id, op: z.literal('call'), kind: z.enum(['query', 'command']), channel: z.string().min(1).max(128), payload: z.unknown() }),
  z.strictObject({ id, op: z.literal('exposure') }),
  z.strictObject({ id, op: z.literal('tighten'), state: z.enum(TRADING_STATES), reason: z.string().max(4_096) }),
  z.strictObject({ id, op: z.literal('suspend') }),
  z.strictObject({ id, op: z.literal('resume') }),
  z.strictObject({ id, op: z.literal('close') }),
  /** The worker's own event-loop delay since the last reset (benches): {p50Ms, p99Ms, maxMs}. */
  z.strictObject({ id, op: z.literal('loopDelay'), reset: z.boolean() }),
]);
export type WorkerRequest = z.infer<typeof workerRequestSchema>;
/** A request as main builds it (the id is the proxy's). */
export type WorkerRequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

const tradingStateRecord = z.strictObject({ state: z.enum(TRADING_STATES), reason: z.string(), changedAtMs: z.number() });

const resultSchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({
    ok: z.literal(false),
    error: z.strictObject({ code: z.enum(API_ERROR_CODES), message: z.string(), issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).readonly().optional() }),
  }),
]);

export const workerMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready'), tradingState: tradingStateRecord, simulatorLines: z.array(z.string()) }),
  /** createCore threw: the worker ends after this. */
  z.strictObject({ type: z.literal('failed'), error: z.string() }),
  /** An exception or rejection nobody handled in the worker: main's crash guard decides (main/crash-policy.ts). */
  z.strictObject({ type: z.literal('crash'), kind: z.enum(['uncaught-exception', 'unhandled-rejection']), detail: z.string() }),
  z.strictObject({ type: z.literal('reply'), id: id.nullable(), result: resultSchema }),
  // The payload was validated against the contract when it was emitted (api/events.ts): main
  // checks the envelope only, so it does not parse every screener update a second time.
  z.strictObject({ type: z.literal('event'), event: z.string().min(1).max(128), payload: z.unknown() }),
]);
export type WorkerMessage = z.infer<typeof workerMessageSchema>;
