/**
 * The first column of the first DataRow in the engine's answer, as text: `null` for SQL
 * NULL, `undefined` when the answer has no row (the query failed).
 */
export function firstField(output: Buffer): string | null | undefined {
  let at = 0;
  while (at + 5 <= output.length) {
    const length = output.readInt32BE(at + 1);
    if (output[at] === 0x44 && output.readInt16BE(at + 5) > 0) {
      const size = output.readInt32BE(at + 7);
      return size < 0 ? null : output.toString('utf8', at + 11, at + 11 + size);
    }
    at += 1 + length;
  }
  return undefined;
}
