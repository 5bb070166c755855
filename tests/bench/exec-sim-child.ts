// The simulator for exec.bench.ts in a process of its own, as the venues are to the app: its
// matching, pushes and signature checks (~2 ms of BigInt per Extended order verified) do not
// share the event loop of the hedge path being measured. Same options as the in-process
// harness (pair-harness.ts HARNESS_SIM_OPTIONS); the counterparty trades on the parent's
// 'take' message. Forked by exec-sim-process.ts.
import { startSimulator } from '../../src-core/venues/sim/server';
import { counterpartyTakeOn, HARNESS_SIM_OPTIONS, type SimEndpoints } from '../integration/execution/pair-harness';
import type { ExecSimReply, ExecSimRequest } from './exec-sim-process';

async function main(): Promise<void> {
  const sim = await startSimulator({ ...HARNESS_SIM_OPTIONS, controlPort: null });
  const counterparties = { lighter: sim.engine.createAccount('lighter', '999001', 10_000_000), extended: sim.engine.createAccount('extended', '999002', 10_000_000) };
  process.on('message', (raw) => {
    const m = raw as ExecSimRequest;
    let reply: ExecSimReply;
    try {
      counterpartyTakeOn(sim, counterparties[m.venue].id, m.venue, m.ourSide, m.price, m.steps);
      reply = { kind: 'reply', id: m.id, error: null };
    } catch (e) {
      reply = { kind: 'reply', id: m.id, error: e instanceof Error ? e.message : String(e) };
    }
    process.send?.(reply);
  });
  process.on('disconnect', () => {
    void sim.close().finally(() => process.exit(0));
  });
  const at: SimEndpoints = { lighter: sim.lighter, extended: sim.extended, demo: sim.demo };
  process.send?.({ kind: 'ready', at: { lighter: { restUrl: at.lighter.restUrl, wsUrl: at.lighter.wsUrl }, extended: { restUrl: at.extended.restUrl, wsUrl: at.extended.wsUrl }, demo: at.demo } });
}

main().catch((e: unknown) => {
  process.stderr.write(`exec-sim-child: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
