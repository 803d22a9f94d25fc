import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PGliteOptions } from '@electric-sql/pglite';
import { BytesBlob } from '../bytes-blob.js';

type CompiledWasm = NonNullable<PGliteOptions['pgliteWasmModule']>;
// Node has WebAssembly; the ES2023 lib and @types/node 20 do not declare it.
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<CompiledWasm> };

// PGlite's entry point sits in its dist/ folder, beside the WASM, the file-system bundle,
// and one folder below its package.json (which the package does not export). Looked up when
// first needed, not when this module loads, so loading the package reads no disk.
let dist: string | undefined;
const pgliteDist = (): string => {
  dist ??= dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  return dist;
};

let version: string | undefined;

/** The installed PGlite version: a template built by one version is not loaded by another. */
export function pgliteVersion(): string {
  version ??= JSON.parse(readFileSync(join(pgliteDist(), '..', 'package.json'), 'utf8')).version as string;
  return version;
}

/** What every PGlite instance in a process can share instead of loading it again. */
export interface PgliteAssets {
  /** pglite.wasm, compiled once. */
  wasmModule: CompiledWasm;
  /** pglite.data, the Postgres installation tree that each instance unpacks into memory. */
  fsBundle: Blob;
}

let assets: Promise<PgliteAssets> | undefined;

/**
 * The compiled PGlite module and its file-system bundle, read and compiled once per process.
 * Both start loading at the first call, so callers can overlap them with their own I/O.
 */
export function pgliteAssets(): Promise<PgliteAssets> {
  assets ??= Promise.all([
    readFile(join(pgliteDist(), 'pglite.wasm')).then((bytes) => WebAssembly.compile(bytes)),
    readFile(join(pgliteDist(), 'pglite.data')),
  ]).then(([wasmModule, fsBundle]) => ({ wasmModule, fsBundle: new BytesBlob(fsBundle) }));
  return assets;
}
