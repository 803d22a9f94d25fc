/** Bytes as lower-case hex, two digits a byte: without Buffer, which workerd lacks without nodejs_compat. */
export function toHex(view: ArrayBufferView): string {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}
