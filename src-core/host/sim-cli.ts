// `npm run sim`: both simulated venues on fixed loopback ports with a demo account, for pointing
// any client (curl, a notebook, the app in another mode) at them.
import { startSimulator } from '../venues/sim/server';
import type { ControlServer } from '../venues/sim/control-http';
import type { Simulator } from '../venues/sim/server';

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

function num(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0 || v > 65_535) throw new Error(`--${name} must be a port number`);
  return v;
}

export async function runSimulatorCli(args: readonly string[]): Promise<void> {
  const sim = await startSimulator({
    seed: num(args, 'seed', 1),
    lighterPort: num(args, 'lighter-port', 18_101),
    extendedPort: num(args, 'extended-port', 18_102),
    controlPort: num(args, 'control-port', 18_103),
  });
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
