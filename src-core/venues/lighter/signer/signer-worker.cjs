// Worker thread hosting Lighter's Go-compiled WASM signer (from lighter-ts-sdk, loaded directly,
// never through the package's wrapper: it sleeps, logs, runs `go env` and hooks process.exit).
// The WASM keeps one global client (key, account, chain), so the worker serialises every call.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { createHash } = require('node:crypto');

function fail(message) {
  parentPort.postMessage({ id: -1, fatal: message });
}

async function boot() {
  const wasm = readFileSync(workerData.wasmPath);
  const exec = readFileSync(workerData.wasmExecPath);
  const digest = (b) => createHash('sha256').update(b).digest('hex');
  if (digest(wasm) !== workerData.wasmSha256 || digest(exec) !== workerData.wasmExecSha256) {
    throw new Error('lighter signer integrity check failed: the WASM or wasm_exec.js is not the pinned build');
  }
  // wasm_exec.js defines globalThis.Go; evaluate it in this worker only.
  new Function(exec.toString('utf8'))();
  const go = new globalThis.Go();
  go.env = {};
  go.argv = ['lighter-signer'];
  go.exit = (code) => fail(`signer runtime exited with code ${code}`);
  const { instance } = await WebAssembly.instantiate(wasm, go.importObject);
  void go.run(instance);
  for (let i = 0; i < 200 && typeof globalThis.SignCreateOrder !== 'function'; i++) await new Promise((r) => setTimeout(r, 5));
  if (typeof globalThis.SignCreateOrder !== 'function') throw new Error('signer functions did not register');
}

const METHODS = new Set(['CreateClient', 'SignCreateOrder', 'SignCancelOrder', 'SignCancelAllOrders', 'SignUpdateLeverage', 'CreateAuthToken']);

boot().then(
  () => {
    parentPort.postMessage({ id: 0, ready: true });
    parentPort.on('message', (msg) => {
      const { id, method, args } = msg;
      try {
        if (!METHODS.has(method)) throw new Error(`unknown signer method ${method}`);
        const out = globalThis[method](...args);
        const error = out !== null && typeof out === 'object' ? out.error : undefined;
        if (error !== undefined && error !== null && error !== '') parentPort.postMessage({ id, error: String(error) });
        else parentPort.postMessage({ id, result: out === undefined || out === null ? null : { txInfo: out.txInfo, authToken: out.authToken } });
      } catch (e) {
        parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
      }
    });
  },
  (e) => fail(e instanceof Error ? e.message : String(e)),
);
