// The choice between a WebAssembly path and the BigInt code it replaces (poseidon3.ts,
// stark-ecdsa.ts): the fast one only if it can be made and agrees with the reference on the
// caller's checks (which are also its first, warming calls), else the reference, which is
// correct, only slower.
export function fastOrReference<F>(create: () => F, reference: F, agrees: (fast: F) => boolean): F {
  try {
    const fast = create();
    if (agrees(fast)) return fast;
  } catch {
    // No WebAssembly here, or the engine refused the module: fall through to the reference.
  }
  return reference;
}
