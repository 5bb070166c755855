// `npm run sim`: both simulated venues on fixed loopback ports with a demo account, for pointing
// any client (curl, a notebook, the app in another mode) at them.
import { startSimulator } from '../venues/sim/server';
import type { ControlServer } from '../venues/sim/control-http';
import type { Simulator } from '../venues/sim/server';
import { PortBusyError } from '../venues/sim/listen';

/** How to reach the fault-injection endpoint: its URL, this run's token and a curl line to paste
 *  (the token changes every run; see venues/sim/control-auth.ts for what a request needs). */
export function describeControl(control: ControlServer | null): string[] {
  if (control === null) return ['  Control   (off)'];
  return [
    `  Control   ${control.url}   token ${control.token}   POST /faults/<command> (GET / lists them)`,
    `            curl -XPOST -H 'Authorization: Bearer ${control.token}' -H 'Content-Type: application/json' \\`,
    `              ${control.url}/faults/fundingSpike -d '{"venue":"lighter","symbol":"ETH","hourlyRate":0.001}'`,
  ];
}

/** What `serve` and `npm start` print when they embed the simulator (sim mode); nothing otherwise. */
export function embeddedSimulatorLines(sim: Simulator | null): string[] {
  return sim === null ? [] : ['Embedded venue simulator:', ...describeControl(sim.control)];
}

/** Every flag `npm run sim` takes, with its default: one source for --help and the parser. */
export const SIM_FLAGS = [
  { flag: 'seed', fallback: 1, what: 'market model seed (same seed, same prices and funding)' },
  { flag: 'lighter-port', fallback: 18_101, what: 'Lighter face: REST /api/v1 and WS /stream' },
  { flag: 'extended-port', fallback: 18_102, what: 'Extended face: REST and WS' },
  { flag: 'control-port', fallback: 18_103, what: 'fault-injection control endpoint (token printed at start)' },
] as const;
type SimFlag = (typeof SIM_FLAGS)[number]['flag'];

export const SIM_USAGE = [
  'usage: npm run sim -- [--seed N] [--lighter-port N] [--extended-port N] [--control-port N]',
  '  Both simulated venues on loopback with a demo account, for any client (curl, a notebook, the app).',
  ...SIM_FLAGS.map((f) => `  --${f.flag.padEnd(14)} ${String(f.fallback).padEnd(6)} ${f.what}`),
  '  --help                prints this',
];

export class SimCliError extends Error {
  override readonly name = 'SimCliError';
}

/** The flags as numbers; an unknown flag, a missing value or a value that is not a port (or, for
 *  --seed, not a non-negative integer) is refused by name. */
export function parseSimArgs(args: readonly string[]): Readonly<Record<SimFlag, number>> {
  const out: Record<string, number> = Object.fromEntries(SIM_FLAGS.map((f) => [f.flag, f.fallback]));
  for (let i = 0; i < args.length; i += 2) {
    const a = args[i]!;
    const known = SIM_FLAGS.find((f) => `--${f.flag}` === a);
    if (known === undefined) throw new SimCliError(`unknown argument ${JSON.stringify(a)} (npm run sim -- --help lists the flags)`);
    const v = Number(args[i + 1]);
    if (args[i + 1] === undefined || !Number.isInteger(v) || v < 0 || (known.flag !== 'seed' && v > 65_535)) throw new SimCliError(`${a} needs ${known.flag === 'seed' ? 'a non-negative integer' : 'a port number (0-65535)'}`);
    out[known.flag] = v;
  }
  return out as Record<SimFlag, number>;
}

const FLAG_OF: Readonly<Record<string, string>> = { 'Lighter simulator': '--lighter-port', 'Extended simulator': '--extended-port', 'simulator control': '--control-port' };

/** One line for a busy port: which face, which port, which flag moves it. */
export function portBusyMessage(e: PortBusyError): string {
  return `${e.message}: another \`npm run sim\` (or another program) holds it; stop it, or choose another port with ${FLAG_OF[e.what] ?? 'its flag'} N`;
}

export async function runSimulatorCli(args: readonly string[]): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(SIM_USAGE.join('\n') + '\n');
    return;
  }
  let flags: Readonly<Record<SimFlag, number>>;
  let sim: Simulator;
  try {
    flags = parseSimArgs(args);
    sim = await startSimulator({ seed: flags.seed, lighterPort: flags['lighter-port'], extendedPort: flags['extended-port'], controlPort: flags['control-port'] });
  } catch (e) {
    if (e instanceof SimCliError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    if (e instanceof PortBusyError) {
      process.stderr.write(`${portBusyMessage(e)}\n`);
      process.exit(1);
    }
    throw e;
  }
  const lines = [
    'Fundingbot venue simulator (loopback only)',
    `  Lighter   REST ${sim.lighter.restUrl}/api/v1   WS ${sim.lighter.wsUrl}`,
    `            demo account_index=${sim.demo.lighter.accountIndex} api_key_index=${sim.demo.lighter.apiKeyIndex}`,
    `  Extended  REST ${sim.extended.restUrl}   WS ${sim.extended.wsUrl}`,
    `            demo X-Api-Key=${sim.demo.extended.apiKey} vault=${sim.demo.extended.vault} starkKey=${sim.demo.extended.starkPublicKey}`,
    ...describeControl(sim.control),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
