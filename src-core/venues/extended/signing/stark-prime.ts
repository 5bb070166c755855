// The Stark field prime p = 2^251 + 17·2^192 + 1 (docs.starkware.co, "STARK curve"): the field of
// Starknet's Poseidon hash and of the Stark curve's coordinates. One definition for every signing
// file, the BigInt and the WebAssembly code alike.
export const STARK_PRIME = 2n ** 251n + 17n * 2n ** 192n + 1n;
