import { personaHandles, personas } from '../../personas.js';
import type { ScenarioContext } from '../../scenario.js';
import type { Cohort } from './cohort.js';
import { perMember } from './cohort.js';
import { personaProfiles, regularProfile, regularStatus } from './profile.js';

/** The personas, with their fixed ids and addresses; they form the first cohort. */
export async function createPersonas({ f }: ScenarioContext, cohort: Cohort): Promise<void> {
  const users = await f.users.createEach(
    personaHandles.map((handle) => {
      const { id, email, displayName, role, status } = personas[handle];
      return { id, email, display_name: displayName, role, status };
    }),
  );
  cohort.members = users.map((user, i) => ({ user, profile: personaProfiles[personaHandles[i] ?? 'newcomer'] }));
  const [owner, admin] = users;
  if (owner !== undefined && admin !== undefined) cohort.staff = { owner, admin };
}

/** Regular users `from` … `from + count - 1`, and the login links they asked for. */
export async function createRegularUsers({ f }: ScenarioContext, cohort: Cohort, from: number, count: number) {
  const indices = Array.from({ length: count }, (_, k) => from + k);
  const users = await f.users.createEach(indices.map((i) => ({ status: regularStatus(i) })));
  cohort.members = users.map((user, k) => ({ user, profile: regularProfile(from + k) }));
}

/** Magic-link tokens for the cohort's members. */
export async function createMagicLinks({ f }: ScenarioContext, cohort: Cohort): Promise<void> {
  await f.magicLinkTokens.createEach(
    perMember(
      cohort.members,
      (p) => p.magicLinks,
      ({ user }) => ({ user }),
    ),
  );
}
