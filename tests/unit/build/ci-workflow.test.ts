// .github/workflows/ci.yml checked by a workflow linter (@action-validator/core: the SchemaStore
// workflow schema, compiled to WASM) and read as data for what it must do on each OS.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { validateWorkflow } from '@action-validator/core';

const root = join(__dirname, '../../..');
const src = readFileSync(join(root, '.github/workflows/ci.yml'), 'utf8');
interface Step { name?: string; run?: string; uses?: string; with?: Record<string, string>; if?: string }
const wf = load(src) as { jobs: Record<string, { strategy: { matrix: { include: { os: string; dist: string }[] } }; steps: Step[] }> };
const job = wf.jobs.build!;
const runs = job.steps.map((s) => s.run ?? '').join('\n');

describe('CI workflow', () => {
  it('passes the workflow linter', () => {
    expect(validateWorkflow(src).errors).toEqual([]);
  });
  it('the linter does catch a broken workflow (a step with both uses and run, a job without runs-on)', () => {
    expect(validateWorkflow('on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n        run: b\n').errors.length).toBeGreaterThan(0);
    expect(validateWorkflow('on: push\njobs:\n  a:\n    steps:\n      - run: b\n').errors.length).toBeGreaterThan(0);
  });
  it('runs on macOS, Windows and Ubuntu, each building its own installers', () => {
    expect(job.strategy.matrix.include.map((m) => [m.os, m.dist])).toEqual([
      ['ubuntu-latest', '--linux'],
      ['macos-latest', '--mac'],
      ['windows-latest', '--win'],
    ]);
    expect(runs).toContain('npx electron-builder --config build/electron-builder.yml ${{ matrix.dist }} --publish never');
  });
  it('installs, tests, then runs the Electron e2e suite where the binary is fetched, then uploads the installers', () => {
    const order = ['npm ci', 'bash scripts/test.sh', 'npx electron --version', 'node scripts/electron-native.mjs', 'vitest.electron.config.mts', 'npx electron-builder'];
    const at = order.map((needle) => job.steps.findIndex((s) => (s.run ?? '').includes(needle)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const upload = job.steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload).toBeGreaterThan(at[at.length - 1]!);
    const paths = job.steps[upload]!.with!.path!;
    for (const ext of ['dmg', 'zip', 'exe', 'AppImage', 'deb']) expect(paths).toContain(`dist/*.${ext}`);
  });
});
