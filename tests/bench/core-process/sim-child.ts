// The simulator in its own process for core.rss_mb, so the figure is the core's footprint and not
// the venues': starts both faces on loopback ports chosen by the OS, tells the parent where they
// are (IPC), reports its own peak RSS when asked, and exits when the parent goes.
import { startSimulator } from '../../../src-core/venues/sim/server';

async function main(): Promise<void> {
  const seed = Number(process.argv[2] ?? '9');
  const syntheticMarketCount = Number(process.argv[3] ?? '0');
  const sim = await startSimulator({ seed, controlPort: null, syntheticMarketCount });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
  process.on('message', (m) => {
    if (m === 'rss') process.send?.({ kind: 'rss', peakRssBytes: peak });
  });
  process.on('disconnect', () => {
    clearInterval(sampler);
    void sim.close().finally(() => process.exit(0));
  });
  process.send?.({
    kind: 'ready',
    endpoints: { seed, lighter: { restUrl: sim.lighter.restUrl, wsUrl: sim.lighter.wsUrl }, extended: { restUrl: sim.extended.restUrl, wsUrl: sim.extended.wsUrl } },
    commonSymbolCount: sim.engine.commonSymbols().length,
  });
}

void main();
