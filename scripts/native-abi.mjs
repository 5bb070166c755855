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

// Machine types by container format (ELF e_machine; Mach-O cputype; PE/COFF Machine), in Node's
// process.arch names. Only the architectures we package for are named; anything else is 'other'.
const ELF_MACHINE = { 0x03: 'ia32', 0x28: 'arm', 0x3e: 'x64', 0xb7: 'arm64' };
const MACHO_CPU = { 0x00000007: 'ia32', 0x01000007: 'x64', 0x0000000c: 'arm', 0x0100000c: 'arm64' };
const PE_MACHINE = { 0x014c: 'ia32', 0x01c4: 'arm', 0x8664: 'x64', 0xaa64: 'arm64' };

/** The CPU architectures a native binary holds code for (two for a universal Mach-O), from
 *  its header; [] when the file is none of ELF, Mach-O or PE. */
export function moduleArchs(file) {
  const b = readFileSync(file);
  if (b.length >= 20 && b.readUInt32BE(0) === 0x7f454c46) {
    const machine = b[5] === 2 ? b.readUInt16BE(18) : b.readUInt16LE(18);
    return [ELF_MACHINE[machine] ?? 'other'];
  }
  if (b.length >= 8 && b.readUInt32LE(0) === 0xfeedfacf) return [MACHO_CPU[b.readUInt32LE(4)] ?? 'other'];
  if (b.length >= 8 && b.readUInt32BE(0) === 0xcafebabe) {
    const n = b.readUInt32BE(4);
    return Array.from({ length: n }, (_, i) => MACHO_CPU[b.readUInt32BE(8 + 20 * i)] ?? 'other');
  }
  if (b.length >= 0x40 && b.readUInt16LE(0) === 0x5a4d) {
    const pe = b.readUInt32LE(0x3c);
    if (pe + 6 <= b.length && b.readUInt32LE(pe) === 0x00004550) return [PE_MACHINE[b.readUInt16LE(pe + 4)] ?? 'other'];
  }
  return [];
}

/** NODE_MODULE_VERSION of an Electron release, from node-abi's table (the same table
 *  prebuild-install uses to name the prebuilt it downloads). Throws for a version it lacks. */
export function electronAbi(electronVersion) {
  return Number(require('node-abi').getAbi(electronVersion, 'electron'));
}

/** null when `file` can load in that Electron on `arch` (omitted: any arch), else why not. */
export function abiMismatch(file, electronVersion, arch) {
  if (arch !== undefined) {
    const archs = moduleArchs(file);
    if (!archs.includes(arch)) return `${file} holds code for [${archs.join(', ')}], not ${arch}`;
  }
  const want = electronAbi(electronVersion);
  const got = moduleAbi(file);
  if (got.abi === want) return null;
  if (got.abi === null && got.napi) return null;
  if (got.abi === null) return `${file}: no single node_register_module_v<N> symbol, cannot tell its ABI (Electron ${electronVersion} needs ${want})`;
  const nodeHint = got.abi === Number(process.versions.modules) ? ` (this Node's ABI, ${process.version})` : '';
  return `${file} is built for ABI ${got.abi}${nodeHint}; Electron ${electronVersion} needs ABI ${want}`;
}
