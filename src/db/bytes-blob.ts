/**
 * A Blob that hands PGlite a copy of bytes already in memory. PGlite reads `loadDataDir`,
 * `fsBundle` and a COPY's `blob` with `arrayBuffer()`; Node 20 would copy the bytes into a
 * native Blob once (about 250 ms for the template and bundle in a new process, 20 ms for
 * 10k rows of COPY input) and then stream them back in small chunks on every read (about
 * 100 ms for a 16 MB template). It still copies, because PGlite's in-memory file system
 * takes ownership of the buffer it is given and writes into it. Internal: only `size` and
 * `arrayBuffer()` see the bytes, which is all PGlite reads.
 */
export class BytesBlob extends Blob {
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array, type = 'application/octet-stream') {
    super([], { type });
    this.#bytes = bytes;
    Object.defineProperty(this, 'size', { value: bytes.byteLength });
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes.slice().buffer);
  }
}
