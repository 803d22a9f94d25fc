import type { SeedProgress } from '../../../seeds/seed-database.js';
import type { Output } from '../command.js';

const WIDTH = 24;

/**
 * A one-line progress bar on `stream`, redrawn in place; `undefined` when the stream is not
 * a terminal, so logs and pipes get no control characters.
 */
export function progressBar(stream: Output): ((progress: SeedProgress) => void) | undefined {
  if ((stream as { isTTY?: boolean }).isTTY !== true) return undefined;
  return ({ done, total, label }) => {
    if (done >= total) {
      stream.write('\r\x1b[K');
      return;
    }
    const filled = Math.round((done / total) * WIDTH);
    stream.write(`\r\x1b[K[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} ${label}`);
  };
}
