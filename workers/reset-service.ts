import type { WorkersDatabase } from './workers-database.js';

/**
 * The Node side of the per-test reset, served to workerd as a service binding: `begin`
 * (with the test's id) resets the database for that test, `end` lets the next one begin.
 * Tests share one database, so a test that begins while another has not ended is refused
 * (409), naming both, rather than reset under the other's feet.
 */
export function resetService(database: () => Promise<WorkersDatabase>): (request: Request) => Promise<Response> {
  let running: string | undefined;
  return async (request) => {
    const step = new URL(request.url).pathname;
    const test = await request.text();
    if (step === '/end') {
      if (running === test) running = undefined;
      return new Response(null, { status: 204 });
    }
    if (step !== '/begin') return new Response(`no step ${step}`, { status: 404 });
    if (running !== undefined && running !== test) {
      return new Response(
        `test '${test}' started while '${running}' was running: tests share the one database behind the binding, ` +
          'so run them one at a time (no test.concurrent, and leave fileParallelism off).',
        { status: 409 },
      );
    }
    running = test;
    try {
      await (await database()).reset();
      return new Response(null, { status: 204 });
    } catch (error) {
      running = undefined;
      return new Response((error as Error).message, { status: 500 });
    }
  };
}
