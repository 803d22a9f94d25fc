/**
 * The factories against drizzle-seed, the peer a Drizzle team would reach for: the same four
 * tables (users → projects → products → product_images), the same row counts, each sample
 * on a fresh database, rounds interleaved. Both fill every column the schema's CHECKs allow
 * and both pay for the signup trigger (a ledger row and a balance per user).
 *
 * drizzle-seed cannot derive values that satisfy the schema's CHECKs (email and URL
 * formats, a domain, a unique position per product), so those columns are refined with
 * its own generators, as a team using it would have to.
 */
import { drizzle } from 'drizzle-orm/pglite';
import { seed } from 'drizzle-seed';
import { createFactories } from '../factories/index.js';
import type { CutxDb } from '../src/db/open.js';
import { productImages, products, projects, users } from '../src/rows/generated/drizzle.js';
import { createTestDb } from '../src/testing/create-test-db.js';
import { median, pairedRatios, perSecond, quantile, rounds } from './stats.js';

/** Rows per level: each user has 2 projects, each project 5 products, each product 3 images. */
const SHAPE = { users: 100, projectsPerUser: 2, productsPerProject: 5, imagesPerProduct: 3 } as const;
const ROWS = SHAPE.users * (1 + SHAPE.projectsPerUser * (1 + SHAPE.productsPerProject * (1 + SHAPE.imagesPerProduct)));

const times = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));

/** The factories' bulk path: one createEach per table, every row given its parent. */
async function withFactories(db: CutxDb): Promise<void> {
  const f = createFactories(db, { seed: 1 });
  const owners = await f.users.createList(SHAPE.users);
  const ownedProjects = await f.projects.createEach(
    owners.flatMap((user) => times(SHAPE.projectsPerUser, () => ({ user }))),
  );
  const ownedProducts = await f.products.createEach(
    ownedProjects.flatMap((project) => times(SHAPE.productsPerProject, () => ({ project }))),
  );
  await f.productImages.createEach(
    ownedProducts.flatMap((product) => times(SHAPE.imagesPerProduct, (position) => ({ product, position }))),
  );
}

const schema = { users, projects, products, productImages };

/** drizzle-seed over drizzle-orm's PGlite driver, refined only where a CHECK demands it. */
async function withDrizzleSeed(db: CutxDb): Promise<void> {
  await seed(drizzle({ client: db }), schema, { seed: 1 }).refine((g) => ({
    users: {
      count: SHAPE.users,
      columns: {
        email: g.email(),
        password_hash: g.valuesFromArray({ values: ['$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'] }),
        github_id: g.int({ minValue: 1, maxValue: 1_000_000_000, isUnique: true }),
        display_name: g.fullName(),
        avatar_url: g.valuesFromArray({ values: ['https://img.example.com/a.png', 'https://img.example.com/b.png'] }),
        role: g.valuesFromArray({ values: ['user', 'admin', 'owner'] }),
        status: g.valuesFromArray({ values: ['active', 'suspended', 'banned'] }),
        stripe_customer_id: g.string({ isUnique: true }),
      },
      with: { projects: SHAPE.projectsPerUser },
    },
    projects: {
      columns: { name: g.companyName(), archived_at: g.default({ defaultValue: null }) },
      with: { products: SHAPE.productsPerProject },
    },
    products: {
      columns: {
        name: g.companyName(),
        source_url: g.valuesFromArray({ values: ['https://shop.example.com/p/1', 'https://shop.example.com/p/2'] }),
        price_cents: g.int({ minValue: 0, maxValue: 100_000 }),
        currency: g.valuesFromArray({ values: ['USD', 'EUR', 'GBP'] }),
        attributes: g.default({ defaultValue: {} }),
      },
      with: { productImages: SHAPE.imagesPerProduct },
    },
    productImages: {
      columns: {
        url: g.valuesFromArray({ values: ['https://img.example.com/1.jpg', 'https://img.example.com/2.jpg'] }),
        position: g.int({ minValue: 0, maxValue: 1_000_000_000, isUnique: true }),
        width: g.int({ minValue: 1, maxValue: 4096 }),
        height: g.int({ minValue: 1, maxValue: 4096 }),
      },
    },
  }));
}

export interface PeerFigures {
  peer_rows: number;
  factories_relational_rows_per_s: number;
  drizzle_seed_relational_rows_per_s: number;
  /** The median over rounds of the factories' rows/s over drizzle-seed's (see `pairedRatios`). */
  factories_drizzle_seed_ratio: number;
  factories_drizzle_seed_ratio_q1: number;
  factories_drizzle_seed_ratio_q3: number;
}

const close = (db: CutxDb) => db.close();

/** Medians over `count` rounds, each sample on its own fresh database. */
export async function measureDrizzleSeedPeer(count: number): Promise<PeerFigures> {
  const ms = await rounds(count, {
    factories: { setup: createTestDb, measured: withFactories, teardown: close, collected: true },
    drizzleSeed: { setup: createTestDb, measured: withDrizzleSeed, teardown: close, collected: true },
  });
  const ratios = pairedRatios(ms.drizzleSeed, ms.factories);
  return {
    peer_rows: ROWS,
    factories_relational_rows_per_s: perSecond(ROWS, median(ms.factories)),
    drizzle_seed_relational_rows_per_s: perSecond(ROWS, median(ms.drizzleSeed)),
    factories_drizzle_seed_ratio: median(ratios),
    factories_drizzle_seed_ratio_q1: quantile(ratios, 0.25),
    factories_drizzle_seed_ratio_q3: quantile(ratios, 0.75),
  };
}
