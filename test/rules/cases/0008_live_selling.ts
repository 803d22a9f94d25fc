import { type Attack, attackCheck, attackCheckEach } from '../support/attack.js';
import { bytes, INSTANT, MICROSECOND_AFTER, MICROSECOND_BEFORE, text } from '../support/values.js';

// The CHECKs of schema/0008_live_selling.sql, each at its boundary: the last value the SQL accepts beside
// the first it refuses, and a row for every branch (each case, each side, each anchor).
// Two vocabularies several tables share, as the SQL lists them.
const CATEGORIES = ['trading_cards', 'sneakers', 'collectibles', 'apparel', 'electronics', 'jewelry', 'toys', 'other'];
const LIVE_PLATFORMS = ['whatnot', 'tiktok_shop', 'ebay_live', 'instagram_live', 'youtube'];

export const checksOfLiveSelling: Attack[] = [
  attackCheck(
    'inventory_items_name_length',
    'inventory_items',
    { name: text(300) },
    { name: text(301) },
    {
      name: '',
    },
  ),
  attackCheck('inventory_items_category_check', 'inventory_items', { category: 'other' }, { category: 'misc' }),
  attackCheck('inventory_items_condition_check', 'inventory_items', { condition: 'poor' }, { condition: 'mint' }),
  attackCheck('inventory_items_status_check', 'inventory_items', { status: 'archived' }, { status: 'lost' }),
  attackCheck('inventory_items_quantity_nonnegative', 'inventory_items', { quantity: 0 }, { quantity: -1 }),
  attackCheck('inventory_items_cost_nonnegative', 'inventory_items', { cost_cents: 0 }, { cost_cents: -1 }),
  attackCheck('inventory_items_value_nonnegative', 'inventory_items', { value_cents: 0 }, { value_cents: -1 }),
  attackCheck('shows_title_length', 'shows', { title: text(200) }, { title: text(201) }, { title: '' }),
  attackCheck('shows_platform_check', 'shows', { platform: 'youtube' }, { platform: 'twitch' }),
  attackCheck('shows_status_check', 'shows', { status: 'cancelled' }, { status: 'canceled' }),
  attackCheck(
    'shows_live_has_start',
    'shows',
    { status: 'live', started_at: INSTANT, ended_at: null },
    { status: 'live', started_at: null, ended_at: null },
    { status: 'ended', started_at: null, ended_at: INSTANT },
  ),
  attackCheck(
    'shows_ended_has_end',
    'shows',
    { status: 'ended', started_at: INSTANT, ended_at: INSTANT },
    { status: 'ended', started_at: INSTANT, ended_at: null },
  ),
  attackCheck(
    'shows_run_order',
    'shows',
    { status: 'ended', started_at: INSTANT, ended_at: INSTANT },
    { status: 'ended', started_at: INSTANT, ended_at: MICROSECOND_BEFORE },
  ),
  attackCheck('show_items_position_nonnegative', 'show_items', { position: 0 }, { position: -1 }),
  attackCheck(
    'show_items_starting_price_nonnegative',
    'show_items',
    { starting_price_cents: 0 },
    {
      starting_price_cents: -1,
    },
  ),
  attackCheck('show_items_sold_price_nonnegative', 'show_items', { sold_price_cents: 0 }, { sold_price_cents: -1 }),
  attackCheck('show_items_status_check', 'show_items', { status: 'pulled' }, { status: 'returned' }),
  attackCheck(
    'show_items_sold_has_price',
    'show_items',
    { status: 'sold', sold_price_cents: 0, sold_at: INSTANT },
    { status: 'sold', sold_price_cents: null, sold_at: INSTANT },
    { status: 'sold', sold_price_cents: 0, sold_at: null },
  ),
  attackCheck('payout_imports_platform_check', 'payout_imports', { platform: 'ebay_live' }, { platform: 'ebay' }),
  attackCheck(
    'payout_imports_file_sha256_length',
    'payout_imports',
    { file_sha256: bytes(32) },
    { file_sha256: bytes(31) },
    { file_sha256: bytes(33) },
  ),
  attackCheck('payout_imports_status_check', 'payout_imports', { status: 'completed' }, { status: 'done' }),
  attackCheck(
    'payout_imports_period_order',
    'payout_imports',
    { period_start: '2026-01-02', period_end: '2026-01-02' },
    { period_start: '2026-01-02', period_end: '2026-01-01' },
  ),
  attackCheck('payout_imports_row_count_nonnegative', 'payout_imports', { row_count: 0 }, { row_count: -1 }),
  attackCheck(
    'payout_imports_failed_has_error',
    'payout_imports',
    { status: 'failed', error_message: '' },
    { status: 'failed', error_message: null },
  ),
  attackCheck('payout_line_items_line_number_positive', 'payout_line_items', { line_number: 1 }, { line_number: 0 }),
  attackCheck('payout_line_items_quantity_positive', 'payout_line_items', { quantity: 1 }, { quantity: 0 }),
  attackCheck(
    'payout_line_items_fees_nonnegative',
    'payout_line_items',
    { gross_cents: 100, fees_cents: 0, net_cents: 100 },
    { gross_cents: 100, fees_cents: -1, net_cents: 101 },
  ),
  // Payout arithmetic: net is exactly gross less fees, one cent either way is refused.
  attackCheck(
    'payout_line_items_net_is_gross_less_fees',
    'payout_line_items',
    { gross_cents: 1000, fees_cents: 130, net_cents: 870 },
    { gross_cents: 1000, fees_cents: 130, net_cents: 871 },
    { gross_cents: 1000, fees_cents: 130, net_cents: 869 },
    { gross_cents: 1000, fees_cents: 130, net_cents: 1130 },
  ),
  attackCheck(
    'payout_line_items_net_is_gross_less_fees',
    'payout_line_items',
    { gross_cents: -500, fees_cents: 20, net_cents: -520 },
    { gross_cents: -500, fees_cents: 20, net_cents: -480 },
  ),
  attackCheck(
    'competitor_streams_platform_check',
    'competitor_streams',
    { platform: 'whatnot' },
    {
      platform: 'Whatnot',
    },
  ),
  attackCheck('competitor_streams_category_check', 'competitor_streams', { category: 'toys' }, { category: 'games' }),
  attackCheck(
    'competitor_streams_viewer_count_nonnegative',
    'competitor_streams',
    { viewer_count: 0 },
    {
      viewer_count: -1,
    },
  ),
  attackCheck(
    'competitor_streams_peak_viewers_nonnegative',
    'competitor_streams',
    { peak_viewers: 0 },
    {
      peak_viewers: -1,
    },
  ),
  // The other side of each implication, and the anchors: a row only the branch decides.
  attackCheck('inventory_items_name_length', 'inventory_items', { name: 'i' }, { name: '' }),
  attackCheck('shows_title_length', 'shows', { title: 't' }, { title: '' }),
  attackCheck(
    'payout_imports_failed_has_error',
    'payout_imports',
    { status: 'pending', error_message: null },
    { status: 'failed', error_message: null },
  ),
  attackCheck(
    'show_items_sold_has_price',
    'show_items',
    { status: 'queued', sold_price_cents: null, sold_at: null },
    { status: 'sold', sold_price_cents: null, sold_at: INSTANT },
  ),
  attackCheck(
    'shows_ended_has_end',
    'shows',
    { status: 'live', started_at: INSTANT, ended_at: null },
    { status: 'ended', started_at: INSTANT, ended_at: null },
  ),
  attackCheck(
    'shows_live_has_start',
    'shows',
    { status: 'scheduled', started_at: null, ended_at: null },
    { status: 'live', started_at: null, ended_at: null },
  ),
  // Every value each list admits, so that dropping one is noticed.
  attackCheckEach('competitor_streams_category_check', 'competitor_streams', 'category', CATEGORIES),
  attackCheckEach('competitor_streams_platform_check', 'competitor_streams', 'platform', LIVE_PLATFORMS),
  attackCheckEach('inventory_items_category_check', 'inventory_items', 'category', CATEGORIES),
  attackCheckEach('inventory_items_condition_check', 'inventory_items', 'condition', [
    'new',
    'like_new',
    'very_good',
    'good',
    'fair',
    'poor',
  ]),
  attackCheckEach('inventory_items_status_check', 'inventory_items', 'status', [
    'in_stock',
    'reserved',
    'sold',
    'archived',
  ]),
  attackCheckEach('payout_imports_platform_check', 'payout_imports', 'platform', LIVE_PLATFORMS),
  attackCheckEach(
    'payout_imports_status_check',
    'payout_imports',
    'status',
    ['pending', 'processing', 'completed', 'failed'],
    () => ({ error_message: 'e' }),
  ),
  attackCheckEach(
    'show_items_status_check',
    'show_items',
    'status',
    ['queued', 'live', 'sold', 'unsold', 'pulled'],
    () => ({ sold_price_cents: 1, sold_at: INSTANT }),
  ),
  attackCheckEach('shows_platform_check', 'shows', 'platform', LIVE_PLATFORMS),
  attackCheckEach('shows_status_check', 'shows', 'status', ['scheduled', 'live', 'ended', 'cancelled'], () => ({
    started_at: INSTANT,
    ended_at: MICROSECOND_AFTER,
  })),
];
