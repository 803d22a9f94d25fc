import type { Faker } from '@faker-js/faker';
import type { Row } from '../../../src/rows/tables.js';

type Category = Row<'inventory_items'>['category'];

// Parts of the listings live sellers actually run: enough combinations that searching for
// "charizard", "jordan 1" or a typo such as "pikachuu" finds a realistic handful.
const POKEMON = [
  'Charizard',
  'Pikachu',
  'Blastoise',
  'Venusaur',
  'Mewtwo',
  'Umbreon',
  'Lugia',
  'Rayquaza',
  'Gengar',
  'Mew',
];
const POKEMON_SETS = ['Base Set', 'Jungle', 'Fossil', 'Evolving Skies', 'Crown Zenith', 'Hidden Fates', '151'];
const ATHLETES = [
  'Michael Jordan 1986 Fleer #57',
  'LeBron James 2003 Topps Chrome Rookie',
  'Shohei Ohtani 2018 Bowman Chrome',
  'Patrick Mahomes 2017 Prizm Rookie',
  'Luka Doncic 2018 Prizm Silver',
  'Victor Wembanyama 2023 Prizm Rookie',
  'Caitlin Clark 2024 Panini Prizm',
];
const GRADES = ['PSA 10', 'PSA 9', 'BGS 9.5', 'CGC 9', 'Raw NM', 'Raw LP'];
const SNEAKERS = [
  "Nike Air Jordan 1 Retro High OG 'Chicago'",
  "Nike Air Jordan 4 'Bred'",
  "Nike Dunk Low 'Panda'",
  "Adidas Yeezy Boost 350 V2 'Zebra'",
  'New Balance 550 White Green',
  "Nike Air Max 90 'Infrared'",
  "Travis Scott x Air Jordan 1 Low 'Mocha'",
];
const SIZES = ['8', '8.5', '9', '9.5', '10', '10.5', '11', '12'];
const COLLECTIBLES = [
  'Funko Pop! Marvel Spider-Man #593',
  'Funko Pop! Star Wars Grogu #368',
  'LEGO Star Wars Millennium Falcon 75192',
  'LEGO Icons Titanic 10294',
  'Hot Wheels Treasure Hunt 67 Camaro',
  'Beanie Baby Princess Diana Bear',
  'Star Wars Black Series Boba Fett',
];
const COLLECTIBLE_STATES = ['Sealed', 'In Box', 'Vaulted', 'Signed', 'Loose'];
const APPAREL = [
  'Supreme Box Logo Hoodie',
  'Vintage Harley-Davidson Tee',
  'Bape Shark Full Zip Hoodie',
  'Carhartt Detroit Jacket',
  'Stussy 8 Ball Tee',
  "Levi's 501 Selvedge Jeans",
];
const APPAREL_SIZES = ['S', 'M', 'L', 'XL', 'XXL'];
const ELECTRONICS = [
  'Nintendo Switch OLED 64GB',
  'Sony PlayStation 5 Disc Edition',
  'Apple AirPods Pro 2nd Gen',
  'Steam Deck OLED 512GB',
  'GoPro HERO12 Black',
  'Game Boy Color Atomic Purple',
];
const JEWELRY = [
  'Sterling Silver Cuban Link Chain 22in',
  '14k Gold Hoop Earrings',
  'Rolex Datejust 36 126234',
  'Tiffany & Co. Return to Tiffany Heart Tag Bracelet',
  'Cartier Love Bracelet Size 17',
  'Seiko 5 Sports SRPD55',
];
const TOYS = [
  'Pokemon Evolving Skies Booster Box',
  'Yu-Gi-Oh! 25th Anniversary Tin',
  'Magic: The Gathering Commander Deck',
  'Transformers Masterpiece Optimus Prime',
  'Tamagotchi Original Gen 1',
];
const OTHER = ['Mystery Box', 'Vintage Polaroid SX-70 Camera', 'Signed Baseball', 'Comic Book Lot', 'Vinyl Record Lot'];

// Weights: cards and sneakers dominate live selling.
const CATEGORY_MIX: readonly Category[] = [
  'trading_cards',
  'trading_cards',
  'trading_cards',
  'sneakers',
  'sneakers',
  'collectibles',
  'apparel',
  'electronics',
  'jewelry',
  'toys',
  'other',
];

/** A realistic listing name in `category`, from the scenario's seeded faker. */
function listingName(random: Faker, category: Category): string {
  const pick = <T>(values: readonly T[]) => random.helpers.arrayElement(values);
  switch (category) {
    case 'trading_cards':
      return random.datatype.boolean()
        ? `${pick(POKEMON)} ${pick(POKEMON_SETS)} ${random.number.int({ min: 1, max: 165 })}/165 Holo ${pick(GRADES)}`
        : `${pick(ATHLETES)} ${pick(GRADES)}`;
    case 'sneakers':
      return `${pick(SNEAKERS)} Size ${pick(SIZES)}`;
    case 'collectibles':
      return `${pick(COLLECTIBLES)} ${pick(COLLECTIBLE_STATES)}`;
    case 'apparel':
      return `${pick(APPAREL)} Size ${pick(APPAREL_SIZES)}`;
    case 'electronics':
      return `${pick(ELECTRONICS)} ${pick(['Sealed', 'Open Box', 'Used'])}`;
    case 'jewelry':
      return pick(JEWELRY);
    case 'toys':
      return `${pick(TOYS)} ${pick(['Sealed', 'New', 'Complete'])}`;
    case 'other':
      return pick(OTHER);
  }
}

/** A category (weighted toward cards and sneakers) and a listing name in it. */
export function inventoryListing(random: Faker): { category: Category; name: string } {
  const category = random.helpers.arrayElement(CATEGORY_MIX);
  return { category, name: listingName(random, category) };
}
