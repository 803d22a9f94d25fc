/** Reading the engine's answer (backend messages) to a query the server ran itself. */

/** Each backend message's type and body, in order. */
function* messages(output: Buffer): Generator<{ type: number; body: Buffer }> {
  let at = 0;
  while (at + 5 <= output.length) {
    const end = at + 1 + output.readInt32BE(at + 1);
    yield { type: output[at] as number, body: output.subarray(at + 5, end) };
    at = end;
  }
}

/**
 * The first column of the first DataRow, as text: `null` for SQL NULL, `undefined` when the
 * answer has no row (the query failed).
 */
export function firstField(output: Buffer): string | null | undefined {
  for (const { type, body } of messages(output)) {
    if (type !== 0x44 || body.readInt16BE(0) === 0) continue;
    const size = body.readInt32BE(2);
    return size < 0 ? null : body.toString('utf8', 6, 6 + size);
  }
  return undefined;
}

/** Whether the answer holds an ErrorResponse. */
export function failed(output: Buffer): boolean {
  for (const { type } of messages(output)) if (type === 0x45) return true;
  return false;
}
