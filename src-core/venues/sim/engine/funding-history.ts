// The venue's funding archive before the simulator started: a deterministic synthetic history
// around each market's snapshot rate (seeded per venue, symbol and hour), so a backfill of 30
// days has something realistic to read and the same seed always gives the same history.
import type { SimMarket } from '../universe/universe';
import { hashSeed, Rng } from './rng';

export function syntheticHistory(seed: number, m: SimMarket, fromMs: number, toMs: number, intervalMs: number): { timeMs: number; hourlyRate: number }[] {
  const out: { timeMs: number; hourlyRate: number }[] = [];
  const first = Math.ceil(fromMs / intervalMs) * intervalMs;
  for (let t = first; t <= toMs; t += intervalMs) {
    const r = new Rng(hashSeed(`${seed}:${m.venue}:${m.symbol}:${t}`));
    const wave = Math.sin(t / (intervalMs * 37)) * Math.abs(m.seedHourlyRate) * 0.8;
    out.push({ timeMs: t, hourlyRate: m.seedHourlyRate + wave + r.normal() * 0.000015 });
  }
  return out;
}
