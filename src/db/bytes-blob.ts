/**
 * A Blob that hands PGlite a copy of bytes already in memory. PGlite reads `loadDataDir`,
 * `fsBundle` and a COPY's `blob` with `arrayBuffer()`; Node 20 would copy the bytes into a
 * native Blob once and then stream them back in small chunks on every read, which costs
 * more the larger the template. It still copies, because PGlite's in-memory file system
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
