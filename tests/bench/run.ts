// `npm run bench [filter]`: runs every tests/bench/*.bench.ts module in turn, prints one JSON line
// per figure, then a summary table. A module that throws is reported and the others still run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { meets, type BenchModule, type BenchResult } from './harness';

async function main(): Promise<void> {
  const filter = process.argv[2];
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const results: BenchResult[] = [];
  const failures: string[] = [];
  // Whole-core benches (their simulators, pools and timers outlive them a little) run last, so
  // they cannot slow the micro benches measured after them.
  const loaded: { file: string; mod: Partial<BenchModule> & { heavy?: boolean } }[] = [];
  for (const file of files) loaded.push({ file, mod: (await import(join(__dirname, file))) as Partial<BenchModule> & { heavy?: boolean } });
  loaded.sort((a, b) => Number(a.mod.heavy === true) - Number(b.mod.heavy === true));
  for (const { file, mod } of loaded) {
    if (typeof mod.run !== 'function') continue;
    if (filter !== undefined && !file.includes(filter) && !(mod.name ?? '').includes(filter)) continue;
    try {
      for (const r of await mod.run()) {
        results.push(r);
        process.stdout.write(JSON.stringify({ bench: r.bench, value: r.value, unit: r.unit, target: r.target, better: r.better }) + '\n');
      }
    } catch (e) {
      failures.push(file);
      process.stderr.write(`bench ${file} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    }
  }
  const rows = results.map((r) => {
    const ratio = r.better === 'lower' ? r.target / r.value : r.value / r.target;
    return [r.bench, `${r.value} ${r.unit}`, `${r.better === 'lower' ? '≤' : '≥'} ${r.target}`, Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '∞', meets(r) ? 'ok' : 'MISS'];
  });
  const head = ['bench', 'value', 'target', 'headroom', 'status'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  process.stdout.write('\n' + line(head) + '\n' + widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
  for (const r of rows) process.stdout.write(line(r) + '\n');
  if (failures.length > 0) {
    process.stdout.write(`\n${failures.length} bench module(s) failed: ${failures.join(', ')}\n`);
    process.exitCode = 1;
  }
  // Benches may leave pools or servers behind; the numbers are printed, so end the process.
  setTimeout(() => process.exit(), 100).unref();
}

void main();
