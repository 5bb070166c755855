// `npm start`'s first prestart step (scripts/start-check.mjs): without the Electron binary, or on
// a Node older than electron's engines range, one line pointing to `npm run serve`.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { satisfiesMin, startProblem } from '../../../scripts/start-check.mjs';

const ok = { nodeVersion: 'v22.12.0', electronVersion: '45.4.1', engines: '>= 22.12.0', binaryPresent: true };

describe('start-check', () => {
  it('compares versions against a ">= X.Y.Z" range', () => {
    expect(satisfiesMin('v22.12.0', '>= 22.12.0')).toBe(true);
    expect(satisfiesMin('v23.0.0', '>= 22.12.0')).toBe(true);
    expect(satisfiesMin('v22.11.9', '>= 22.12.0')).toBe(false);
    expect(satisfiesMin('v20.20.2', '>= 22.12.0')).toBe(false);
    expect(satisfiesMin('v20.20.2', '^20 || ^22')).toBe(true);
  });

  it('says nothing when both hold; one line naming npm run serve otherwise', () => {
    expect(startProblem(ok)).toBeNull();
    const noBinary = startProblem({ ...ok, binaryPresent: false });
    expect(noBinary).toContain('no Electron binary');
    expect(noBinary).toContain('npm run serve');
    const oldNode = startProblem({ ...ok, nodeVersion: 'v20.19.0' });
    expect(oldNode).toContain('needs Node >= 22.12.0');
    expect(oldNode).toContain('npm run serve');
    for (const l of [noBinary, oldNode]) expect(l!.split('\n')).toHaveLength(1);
  });

  it('run as a script here prints exactly one line when it refuses', () => {
    let out = '';
    let code = 0;
    try {
      out = execFileSync(process.execPath, [resolve(__dirname, '../../../scripts/start-check.mjs')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { status: number; stderr: string };
      code = err.status;
      out = err.stderr;
    }
    // This machine may or may not have the binary and the Node version: either no output and 0,
    // or one line and 1.
    if (code === 0) expect(out).toBe('');
    else {
      expect(code).toBe(1);
      expect(out.trim().split('\n')).toHaveLength(1);
      expect(out).toContain('npm run serve');
    }
  });
});
