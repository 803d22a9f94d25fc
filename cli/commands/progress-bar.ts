import type { SeedProgress } from '../../seeds/seed-database.js';
import type { Output } from '../command.js';

/** A seed's step, or an export's, whose `phase` (seeding, then writing) counts rows of its own. */
type Progress = SeedProgress & { phase?: string };

const WIDTH = 24;

/**
 * How a seed's progress is shown on `stream`: a one-line bar redrawn in place on a terminal;
 * elsewhere (CI logs, pipes) a plain line per step with rows so far and rows/s, so a long
 * seed shows it is moving without writing control characters into a log.
 */
export function progressReport(stream: Output): (progress: Progress) => void {
  return (stream as { isTTY?: boolean }).isTTY === true ? progressBar(stream) : progressLines(stream);
}

function progressBar(stream: Output): (progress: Progress) => void {
  return ({ done, total, label }) => {
    if (done >= total) {
      stream.write('\r\x1b[K');
      return;
    }
    const filled = Math.round((done / total) * WIDTH);
    stream.write(`\r\x1b[K[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} ${label}`);
  };
}

function progressLines(stream: Output): (progress: Progress) => void {
  // From the phase's first step, not from the start of the command: opening a database is
  // not seeding, and an export's writing counts its rows from zero again.
  let started: number | undefined;
  let startedPhase: string | undefined;
  return ({ done, total, label, rows, phase }) => {
    if (started === undefined || phase !== startedPhase) {
      started = performance.now();
      startedPhase = phase;
    }
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
    stream.write(
      `[${done}/${total}] ${label}: ${rows.toLocaleString('en-US')} rows so far, ${rate.toLocaleString('en-US')} rows/s\n`,
    );
  };
}
