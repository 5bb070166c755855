// Types for scripts/start-check.mjs (plain Node, run before TypeScript is involved).
export function parseVersion(v: string): number[];
export function satisfiesMin(version: string, range: string | undefined): boolean;
export function startProblem(o: { nodeVersion: string; electronVersion: string; engines: string | undefined; binaryPresent: boolean }): string | null;
