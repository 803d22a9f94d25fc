import { MINUTE } from '../../../factories/time.js';
import { personaHandles, personas } from '../../personas.js';
import type { ScenarioContext } from '../../scenario.js';
import { pickBrand } from './catalog-names.js';
import type { Cohort } from './cohort.js';
import { personaProfiles, regularProfile, regularStatus } from './profile.js';
import { busyInstants } from './rhythm.js';
import { personaTimeline, regularTimeline, type Timeline } from './timeline.js';

/** A user's times as columns: created at signup, last logged in (and so updated) when last seen. */
function userTimes(time: Timeline) {
  const lastSeen = new Date(time.lastSeen);
  return { created_at: new Date(time.signup), updated_at: lastSeen, last_login_at: lastSeen };
}

/** The personas, with their fixed ids and addresses; they form the first cohort. */
export async function createPersonas({ f, asOf, random }: ScenarioContext, cohort: Cohort): Promise<void> {
  const times = personaHandles.map((handle) => personaTimeline(handle, asOf.getTime()));
  const users = await f.users.createEach(
    personaHandles.map((handle, i) => {
      const { id, email, displayName, role, status } = personas[handle];
      return { id, email, display_name: displayName, role, status, ...userTimes(times[i] as Timeline) };
    }),
  );
  cohort.members = users.map((user, i) => ({
    user,
    profile: personaProfiles[personaHandles[i] ?? 'newcomer'],
    time: times[i] as Timeline,
    brand: pickBrand(random),
  }));
  const [owner, admin] = users;
  if (owner !== undefined && admin !== undefined) cohort.staff = { owner, admin };
}

/** Regular users `from` … `from + count - 1`, each with a timeline from the scenario's random. */
export async function createRegularUsers(
  { f, random, asOf }: ScenarioContext,
  cohort: Cohort,
  from: number,
  count: number,
) {
  const indices = Array.from({ length: count }, (_, k) => from + k);
  const times = indices.map((i) => regularTimeline(random, regularStatus(i), asOf.getTime()));
  const users = await f.users.createEach(
    indices.map((i, k) => ({ status: regularStatus(i), ...userTimes(times[k] as Timeline) })),
  );
  cohort.members = users.map((user, k) => ({
    user,
    profile: regularProfile(from + k),
    time: times[k] as Timeline,
    brand: pickBrand(random),
  }));
}

/**
 * The login links the cohort's members asked for over their time, the last one used a
 * minute before they were last seen (their last login).
 */
export async function createMagicLinks({ f, random }: ScenarioContext, cohort: Cohort): Promise<void> {
  await f.magicLinkTokens.createEach(
    cohort.members.flatMap(({ user, profile, time }) => {
      const count = profile.magicLinks;
      if (count === 0) return [];
      const earlier = busyInstants(random, count - 1, time.signup, time.lastSeen - 2 * MINUTE);
      return [...earlier, time.lastSeen - MINUTE].map((at, k) => ({
        user,
        created_at: new Date(at),
        consumed_at: k === count - 1 || k % 2 === 0 ? new Date(at + MINUTE) : null,
      }));
    }),
  );
}
