// The break-even clock's vocabulary, shared by the positions channel (api/channels/positions.ts)
// and the renderer, in a module without zod so the renderer's bundle does not carry the schemas.

/** How far funding has paid back the pair's entry cost (the trading fees it paid so far). */
export const BREAK_EVEN_STATES = ['paid-back', 'earning', 'never', 'unknown'] as const;
export type BreakEvenState = (typeof BREAK_EVEN_STATES)[number];
/** Beyond this many hours a break-even is shown as ">999 h": a number that large says nothing. */
export const BREAK_EVEN_MAX_HOURS = 999;
