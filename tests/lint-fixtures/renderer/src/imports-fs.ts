// Fixture: Node built-ins in the sandboxed renderer must be flagged.
import { readFileSync } from 'node:fs';
import path from 'path';
export const read = () => readFileSync(path.join('a', 'b'));
