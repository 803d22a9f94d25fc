import { type Attack, attackCheck } from '../support/attack.js';
import { text } from '../support/values.js';

// The CHECKs of schema/0005_catalog.sql, each at its boundary: the last value the SQL accepts beside
// the first it refuses, and a row for every branch (each case, each side, each anchor).
export const checksOfCatalog: Attack[] = [
  attackCheck('projects_name_length', 'projects', { name: text(200) }, { name: text(201) }),
  attackCheck('projects_name_length', 'projects', { name: 'p' }, { name: '' }),
  attackCheck('products_name_length', 'products', { name: text(300) }, { name: text(301) }),
  attackCheck('products_name_length', 'products', { name: 'p' }, { name: '' }),
  attackCheck(
    'products_source_url_http',
    'products',
    { source_url: 'http://' },
    { source_url: 'http:/' },
    { source_url: 'ftp://x' },
  ),
  attackCheck('products_source_url_http', 'products', { source_url: 'https://' }, { source_url: 'httpss://' }),
  attackCheck('products_price_nonnegative', 'products', { price_cents: 0 }, { price_cents: -1 }),
  attackCheck('products_attributes_object', 'products', { attributes: {} }, { attributes: [] }),
  attackCheck('product_images_position_nonnegative', 'product_images', { position: 0 }, { position: -1 }),
  attackCheck('product_images_width_positive', 'product_images', { width: 1 }, { width: 0 }),
  attackCheck('product_images_height_positive', 'product_images', { height: 1 }, { height: 0 }),
  // The other side of each implication, and the anchors: a row only the branch decides.
  attackCheck('products_source_url_http', 'products', { source_url: 'https://a' }, { source_url: 'x https://a' }),
];
