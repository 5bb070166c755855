// The CLI as a user runs it (issue 14): `npm run sim -- --help` lists its flags, a busy port ends
// with one line naming the port and the flag that moves it, paper mode is refused with what it
// needs, and `serve --control-port N` prints the embedded simulator's control URL on that port,
// which answers with the printed token (the README's fault-injection command reaches the app).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';
import { ensureRendererBuilt } from '../../e2e/browser';

const ROOT = resolve(__dirname, '../../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const children: ChildProcess[] = [];

interface Run {
  readonly child: ChildProcess;
  out: string;
  err: string;
  code: number | null | undefined;
}

function cli(args: readonly string[]): Run {
  const child = spawn(TSX, [join(ROOT, 'src-core/host/cli.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const run: Run = { child, out: '', err: '', code: undefined };
  child.stdout!.on('data', (d: Buffer) => (run.out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (run.err += d.toString()));
  child.on('exit', (code) => (run.code = code));
  return run;
}

const exited = (r: Run) => pollUntil(() => r.code, { until: (c) => c !== undefined, what: 'the CLI to exit', timeoutMs: 60_000 });

async function busyPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return { server, port: addr.port };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('npm run sim', () => {
  it('--help lists every flag with its default and exits 0', async () => {
    const r = cli(['sim', '--help']);
    expect(await exited(r)).toBe(0);
    for (const flag of ['--seed', '--lighter-port', '--extended-port', '--control-port', '18101', '18103']) expect(r.out).toContain(flag);
  }, 90_000);

  it('refuses an unknown flag by name (exit 2)', async () => {
    const r = cli(['sim', '--lighter-prot', '1']);
    expect(await exited(r)).toBe(2);
    expect(r.err).toContain('unknown argument "--lighter-prot"');
  }, 90_000);

  it('a busy port ends with one line naming the port and the flag (exit 1)', async () => {
    const busy = await busyPort();
    try {
      const r = cli(['sim', '--lighter-port', String(busy.port), '--extended-port', '0', '--control-port', '0']);
      expect(await exited(r)).toBe(1);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain(`port ${busy.port} on 127.0.0.1 is already in use`);
      expect(r.err).toContain('--lighter-port');
    } finally {
      busy.server.close();
    }
  }, 90_000);
});

describe('serve', () => {
  it('refuses paper mode with what it needs (exit 2)', async () => {
    const r = cli(['serve', '--mode', 'paper']);
    expect(await exited(r)).toBe(2);
    expect(r.err).toContain('paper mode is not available yet');
    expect(r.err).toContain('local order simulator');
  }, 90_000);

  it('--control-port puts the embedded simulator\'s control endpoint there and prints it with its token', async () => {
    ensureRendererBuilt();
    const data = tempDir();
    const free = await busyPort();
    const port = free.port;
    await new Promise<void>((r) => free.server.close(() => r()));
    try {
      const r = cli(['serve', '--data-dir', data.dir, '--control-port', String(port)]);
      const out = await pollUntil(() => (r.code === undefined ? r.out : `exited ${r.code}: ${r.err}`), { until: (o) => o.includes('Authorization: Bearer') || o.startsWith('exited'), what: 'the control lines', timeoutMs: 120_000 });
      expect(out).toContain(`Control   http://127.0.0.1:${port}`);
      const token = /token (\S+)/.exec(out.slice(out.indexOf('Control')))?.[1];
      expect(token).toBeDefined();
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      r.child.kill('SIGTERM');
      await exited(r);
    } finally {
      data.cleanup();
    }
  }, 180_000);
});
