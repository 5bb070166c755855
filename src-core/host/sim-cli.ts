// `npm run sim`: the venue simulator alone. Wired once src-core/venues/sim/server.ts lands.
export async function runSimulatorCli(_args: readonly string[]): Promise<void> {
  process.stderr.write('simulator not built yet\n');
  process.exit(2);
}
