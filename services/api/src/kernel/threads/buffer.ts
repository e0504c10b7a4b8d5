/** Structured clone (worker threads) turns a Buffer into a plain Uint8Array: this views the same bytes as a Buffer again. */
export const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
