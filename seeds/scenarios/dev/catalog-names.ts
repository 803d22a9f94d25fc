import type { Faker } from '@faker-js/faker';

// What CutX's customers sell and advertise: direct-to-consumer goods with a brand, a line
// and a variant, the way their shop pages name them.
const BRANDS = [
  'Lumen & Oak',
  'Northbound',
  'Sola Skin',
  'Kettle & Crane',
  'Briar Athletics',
  'Hollow Pine',
  'Mira Botanics',
  'Tidewater Coffee',
  'Ferro Cookware',
  'Juniper Pet Co.',
] as const;

/** One product line: what it is, its variants and the facts shoppers filter on. */
interface Line {
  readonly category: string;
  readonly names: readonly string[];
  readonly variants: readonly string[];
  readonly priceCents: readonly [number, number];
  readonly pitch: string;
}

const LINES: readonly Line[] = [
  {
    category: 'Skincare',
    names: ['Vitamin C Brightening Serum', 'Ceramide Barrier Cream', 'Overnight Retinol Oil', 'Mineral SPF 40 Fluid'],
    variants: ['30 ml', '50 ml', 'Travel 15 ml'],
    priceCents: [1800, 6400],
    pitch: 'Dermatologist-tested and fragrance-free, made for sensitive skin.',
  },
  {
    category: 'Coffee',
    names: ['Single-Origin Ethiopia Yirgacheffe', 'House Espresso Blend', 'Cold Brew Concentrate', 'Decaf Colombia'],
    variants: ['12 oz whole bean', '12 oz ground', '2 lb bag'],
    priceCents: [1400, 3800],
    pitch: 'Roasted to order in small batches and shipped within 48 hours.',
  },
  {
    category: 'Activewear',
    names: ['Seamless Training Leggings', 'Featherweight Running Shorts', 'Merino Base Layer', 'Recycled Sports Bra'],
    variants: ['Black / S', 'Black / M', 'Sage / M', 'Navy / L'],
    priceCents: [3200, 9800],
    pitch: 'Four-way stretch, squat-proof and made from recycled fibres.',
  },
  {
    category: 'Kitchen',
    names: ['Carbon Steel Skillet', 'Enameled Dutch Oven', 'Chef Knife 8 in', 'Nonstick Saute Pan'],
    variants: ['10 in', '12 in', '5.5 qt', 'Matte Black'],
    priceCents: [4500, 24000],
    pitch: 'Oven-safe to 500 F with a lifetime warranty.',
  },
  {
    category: 'Home',
    names: ['Linen Duvet Cover', 'Soy Wax Candle', 'Waffle Bath Towel Set', 'Ceramic Table Lamp'],
    variants: ['Queen', 'King', 'Cedar & Smoke', 'Oat'],
    priceCents: [2400, 18900],
    pitch: 'Stonewashed for softness and made to last years of washes.',
  },
  {
    category: 'Pet',
    names: ['Grain-Free Salmon Kibble', 'Orthopedic Dog Bed', 'Calming Chews', 'Leak-Proof Travel Bowl'],
    variants: ['Small', 'Medium', 'Large', '60 count'],
    priceCents: [1600, 12900],
    pitch: 'Vet-formulated and loved by picky eaters.',
  },
  {
    category: 'Supplements',
    names: ['Magnesium Glycinate', 'Plant Protein Powder', 'Daily Greens', 'Collagen Peptides'],
    variants: ['60 capsules', 'Vanilla 2 lb', 'Unflavored 30 servings', 'Chocolate 1 lb'],
    priceCents: [2200, 5900],
    pitch: 'Third-party tested with no fillers or artificial sweeteners.',
  },
];

const COLORS = ['black', 'white', 'sage', 'navy', 'oat', 'terracotta', 'charcoal'] as const;

/** A product as a shop lists it: name, description, price, brand and category facts. */
export interface CatalogProduct {
  readonly name: string;
  readonly description: string;
  readonly priceCents: number;
  readonly attributes: Record<string, string>;
}

/** A brand with a product line, chosen once per project so its products belong together. */
export interface Brand {
  readonly name: string;
  readonly line: Line;
}

/** A brand and one of its lines, from the scenario's random. */
export function pickBrand(random: Faker): Brand {
  return { name: random.helpers.arrayElement(BRANDS), line: random.helpers.arrayElement(LINES) };
}

/** A project's name and description for `brand`: what a team sets up a workspace for. */
export function projectText(random: Faker, brand: Brand): { name: string; description: string } {
  const season = random.helpers.arrayElement(['Spring', 'Summer', 'Fall', 'Holiday', 'Black Friday', 'Q1']);
  return {
    name: `${brand.name} ${season} ${brand.line.category}`,
    description: `${season} creative for ${brand.name}'s ${brand.line.category.toLowerCase()} range: ads, photos and landing pages.`,
  };
}

/** A product of `brand`'s line. */
export function catalogProduct(random: Faker, brand: Brand): CatalogProduct {
  const { line } = brand;
  const name = `${random.helpers.arrayElement(line.names)} ${random.helpers.arrayElement(line.variants)}`;
  const [low, high] = line.priceCents;
  // Prices end in 99 or 00, as shops set them.
  const dollars = random.number.int({ min: Math.floor(low / 100), max: Math.floor(high / 100) });
  const priceCents = dollars * 100 + (random.datatype.boolean() ? 99 : 0);
  return {
    name,
    description: `${name} by ${brand.name}. ${line.pitch}`,
    priceCents,
    attributes: { brand: brand.name, category: line.category, color: random.helpers.arrayElement(COLORS) },
  };
}

const CAMPAIGN_ANGLES = [
  'Prospecting',
  'Retargeting',
  'Launch',
  'Evergreen',
  'UGC Test',
  'Lookalike 1%',
  'Cart Abandoners',
  'Holiday Promo',
] as const;

/** A campaign name as media buyers write them: brand, angle, audience, month. */
export function campaignName(random: Faker, brand: string, platform: string, month: string): string {
  const angle = random.helpers.arrayElement(CAMPAIGN_ANGLES);
  const audience = random.helpers.arrayElement(['US 25-44', 'US+CA', 'Broad', 'Interest Stack', 'Past Buyers']);
  return `${brand} | ${platform.toUpperCase()} | ${angle} | ${audience} | ${month}`;
}

/** A landing page's title and blocks for a product. */
export function landingText(random: Faker, brand: string, product: CatalogProduct) {
  const hook = random.helpers.arrayElement([
    'Free shipping on your first order',
    'Rated 4.8 by 2,000+ customers',
    '30-day money-back guarantee',
    'Back in stock this week',
  ]);
  return {
    title: `${product.name} | ${brand}`,
    content: {
      blocks: [
        { type: 'hero' as const, headline: product.name, subheadline: hook },
        { type: 'text' as const, body: product.description },
        {
          type: 'cta' as const,
          label: random.helpers.arrayElement(['Shop now', 'Get yours', 'Try it risk-free']),
          url: 'https://shop.example.com/checkout',
        },
      ],
    },
  };
}
