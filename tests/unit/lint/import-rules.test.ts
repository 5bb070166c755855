// Each boundary rule is proven to fire on a fixture (and not to fire where it is allowed). The
// fixtures are linted as if they sat at their mirrored path in the real tree.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = resolve(__dirname, '../../..');
const FIXTURES = join(ROOT, 'tests/lint-fixtures');
const eslint = new ESLint({ cwd: ROOT });

async function lintAs(fixture: string): Promise<string[]> {
  const code = readFileSync(join(FIXTURES, fixture), 'utf8');
  // Lint the fixture's text under its mirrored real path, so the path-scoped rules apply.
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, fixture) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('process-boundary lint rules', () => {
  it('flag electron in src-core/', async () => {
    expect(await lintAs('src-core/venues/imports-electron.ts')).toEqual([expect.stringContaining('electron may be imported only in main/ and preload/')]);
  });

  it('flag src-core/ importing main/ or renderer/', async () => {
    expect(await lintAs('src-core/venues/imports-main.ts')).toEqual([expect.stringContaining('src-core/ must not import')]);
    expect(await lintAs('src-core/venues/imports-renderer.ts')).toEqual([expect.stringContaining('src-core/ must not import')]);
  });

  it('flag Node built-ins (node: and bare) in renderer/', async () => {
    const messages = await lintAs('renderer/src/imports-fs.ts');
    expect(messages).toHaveLength(2);
    for (const m of messages) expect(m).toContain('Node built-ins are not available');
  });

  it('flag electron in renderer/', async () => {
    expect(await lintAs('renderer/src/imports-electron.ts')).toEqual([expect.stringContaining('electron may be imported only')]);
  });

  it('allow electron in main/', async () => {
    expect(await lintAs('main/imports-electron.ts')).toEqual([]);
  });
});

async function layerMessages(fixture: string): Promise<string[]> {
  const code = readFileSync(join(FIXTURES, fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, fixture) });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

// One fixture per layer that breaks its rule (with the number of imports it must flag) and one
// that uses every import the layer is allowed.
describe('layer lint rules', () => {
  it.each([
    ['src-core/domain/imports-venues.ts', 1],
    ['src-core/venues/imports-market.ts', 2],
    ['src-core/market/imports-forbidden.ts', 3],
    ['src-core/strategy/imports-forbidden.ts', 2],
    ['src-core/execution/imports-forbidden.ts', 3],
    ['src-core/ledger/imports-forbidden.ts', 2],
    ['src-core/store/imports-ledger.ts', 1],
    ['src-core/risk/imports-forbidden.ts', 2],
    ['src-core/reconcile/imports-forbidden.ts', 4],
    ['src-core/execution/imports-reconcile.ts', 1],
    ['src-core/ledger/imports-reconcile.ts', 1],
  ])('flag %s (%i imports)', async (fixture, n) => {
    const messages = await layerMessages(fixture);
    expect(messages).toHaveLength(n);
    const layer = fixture.split('/')[1];
    for (const m of messages) expect(m).toContain(`layer rule: src-core/${layer}/ may import only`);
  });

  it.each([
    'src-core/domain/imports-domain.ts',
    'src-core/venues/imports-allowed.ts',
    'src-core/market/imports-allowed.ts',
    'src-core/strategy/imports-allowed.ts',
    'src-core/execution/imports-allowed.ts',
    'src-core/ledger/imports-allowed.ts',
    'src-core/risk/imports-allowed.ts',
    'src-core/reconcile/imports-allowed.ts',
    'src-core/host/imports-everything.ts',
  ])('allow %s', async (fixture) => {
    expect(await layerMessages(fixture)).toEqual([]);
  });
});
