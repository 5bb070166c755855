// Trading-port contract scenarios against the Extended adapter and the simulator's Extended face
// (SDK wire path: book deltas without `c`, funding payments without `id`).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { EXTENDED_SPEC } from './extended-spec';
import { SCENARIOS } from './scenarios';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(EXTENDED_SPEC);
});
afterAll(async () => {
  await h?.close();
});

describe('trading port: Extended', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) it(name, () => scenario(h), 30_000);
});
