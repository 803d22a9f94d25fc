// Runs inside workerd, before and after each test of a suite configured with
// `cutxDbWorkers(...).plugin`: no Node built-ins here.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach } from 'vitest';
import { CutxDbError } from '../src/db/errors.js';
import { RESET_BINDING } from './workers-options.js';

interface ResetBinding {
  fetch(
    url: string,
    init: { method: string; body: string },
  ): Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
}

const service = (env as unknown as Record<string, ResetBinding | undefined>)[RESET_BINDING];

async function ask(step: 'begin' | 'end', test: string): Promise<void> {
  if (service === undefined) {
    throw new CutxDbError(
      'invalid_input',
      `The ${RESET_BINDING} binding is missing: pass cutxDbWorkers(...).poolOptions(...) to cloudflareTest.`,
    );
  }
  const response = await service.fetch(`http://cutx-db/${step}`, { method: 'POST', body: test });
  if (response.ok) return;
  const why = await response.text();
  throw new CutxDbError(response.status === 409 ? 'invalid_input' : 'database_error', why);
}

beforeEach(({ task }) => ask('begin', task.id));
afterEach(({ task }) => ask('end', task.id));
