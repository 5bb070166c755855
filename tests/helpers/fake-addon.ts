// A stand-in native addon: just enough of a 64-bit little-endian ELF header for
// scripts/native-abi.mjs to read its machine type, and the `node_register_module_v<N>` export
// name a V8-API addon built for ABI N carries. It cannot be loaded; it stands in for an Electron
// build that these machines cannot produce.
const ELF_MACHINE: Record<string, number> = { ia32: 0x03, arm: 0x28, x64: 0x3e, arm64: 0xb7 };

export function fakeAddon(abi: number, arch: string = process.arch): Buffer {
  const header = Buffer.alloc(64);
  header.writeUInt32BE(0x7f454c46, 0); // \x7fELF
  header[4] = 2; // ELFCLASS64
  header[5] = 1; // little-endian
  header[6] = 1; // EV_CURRENT
  header.writeUInt16LE(3, 16); // ET_DYN: a shared object, as a .node file is
  header.writeUInt16LE(ELF_MACHINE[arch] ?? 0, 18);
  return Buffer.concat([header, Buffer.from(`\0node_register_module_v${abi}\0`, 'latin1')]);
}
