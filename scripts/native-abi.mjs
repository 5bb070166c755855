// Which ABI a native addon (.node) was built for, read from the file itself, and which ABI an
// Electron version needs. A V8-API addon such as better-sqlite3 exports its initializer as
// `node_register_module_v<NODE_MODULE_VERSION>` (Node's node.h, NODE_MODULE_INITIALIZER), so
// the symbol name in the export/string table of the ELF, Mach-O or PE file names the ABI; an
// N-API addon exports `napi_register_module_v1` instead and loads in any runtime. Used by
// scripts/electron-native.mjs (refuse to stamp a Node-ABI build) and build/after-pack.cjs
// (refuse to package one).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const V8_INIT = /node_register_module_v(\d+)/g;

/** { abi: NODE_MODULE_VERSION or null, napi: true when it is an N-API addon }. A file naming
 *  two different ABIs (a fat binary) reports null: it cannot be trusted for either. */
export function moduleAbi(file) {
  const text = readFileSync(file).toString('latin1');
  const abis = new Set([...text.matchAll(V8_INIT)].map((m) => Number(m[1])));
  return { abi: abis.size === 1 ? [...abis][0] : null, napi: text.includes('napi_register_module_v1') };
}

/** NODE_MODULE_VERSION of an Electron release, from node-abi's table (the same table
 *  prebuild-install uses to name the prebuilt it downloads). Throws for a version it lacks. */
export function electronAbi(electronVersion) {
  return Number(require('node-abi').getAbi(electronVersion, 'electron'));
}

/** null when `file` can load in that Electron, else why not (one line). */
export function abiMismatch(file, electronVersion) {
  const want = electronAbi(electronVersion);
  const got = moduleAbi(file);
  if (got.abi === want) return null;
  if (got.abi === null && got.napi) return null;
  if (got.abi === null) return `${file}: no single node_register_module_v<N> symbol, cannot tell its ABI (Electron ${electronVersion} needs ${want})`;
  const nodeHint = got.abi === Number(process.versions.modules) ? ` (this Node's ABI, ${process.version})` : '';
  return `${file} is built for ABI ${got.abi}${nodeHint}; Electron ${electronVersion} needs ABI ${want}`;
}
