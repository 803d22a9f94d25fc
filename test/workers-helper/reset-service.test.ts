import { describe, expect, it } from 'vitest';
import { resetService } from '../../workers/reset-service.js';
import type { WorkersDatabase } from '../../workers/workers-database.js';

function service(failWith?: Error) {
  let resets = 0;
  const database: WorkersDatabase = {
    url: 'postgresql://unused',
    reset: async () => {
      if (failWith !== undefined) throw failWith;
      resets += 1;
    },
    stop: async () => {},
  };
  const handle = resetService(async () => database);
  const ask = async (step: string, test: string) => {
    const response = await handle(new Request(`http://cutx-db/${step}`, { method: 'POST', body: test }));
    return { status: response.status, text: await response.text() };
  };
  return { ask, resets: () => resets };
}

describe('the reset service behind each workerd test', () => {
  it('resets for each test that begins after the previous one ended', async () => {
    const { ask, resets } = service();
    expect((await ask('begin', 'a')).status).toBe(204);
    expect((await ask('end', 'a')).status).toBe(204);
    expect((await ask('begin', 'b')).status).toBe(204);
    expect(resets()).toBe(2);
  });

  it('refuses a test that begins while another runs, naming both, without resetting under it', async () => {
    const { ask, resets } = service();
    await ask('begin', 'a');
    const refused = await ask('begin', 'b');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("test 'b' started while 'a' was running");
    expect(refused.text).toContain('no test.concurrent');
    expect(resets()).toBe(1);
    // The one that runs may begin again (a retry), and once it ends the other goes.
    expect((await ask('begin', 'a')).status).toBe(204);
    await ask('end', 'a');
    expect((await ask('begin', 'b')).status).toBe(204);
  });

  it('ignores the end of a test that is not the one running', async () => {
    const { ask } = service();
    await ask('begin', 'a');
    await ask('end', 'b');
    expect((await ask('begin', 'b')).status).toBe(409);
  });

  it('answers 500 with the reason when the reset fails, and lets the next test try', async () => {
    const { ask } = service(new Error('server gone'));
    expect(await ask('begin', 'a')).toEqual({ status: 500, text: 'server gone' });
    expect((await ask('begin', 'b')).status).toBe(500);
  });
});
