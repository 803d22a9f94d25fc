import { adminAuditLog } from './admin.js';
import { adPlatformConnections, adSpendFees, campaignAnalytics, campaignAssets, campaigns } from './ads.js';
import { creditBalances, creditTransactions, subscriptions } from './billing.js';
import { productImages, products, projects } from './catalog.js';
import { assets, generationJobs } from './generation.js';
import { magicLinkTokens, users } from './identity.js';
import { competitorStreams, inventoryItems, payoutImports, payoutLineItems, showItems, shows } from './live-selling.js';
import { landingPages } from './publishing.js';

/** Every table's factory spec, keyed by the table's name in camelCase. */
export const factorySpecs = {
  users,
  magicLinkTokens,
  creditBalances,
  creditTransactions,
  subscriptions,
  generationJobs,
  assets,
  projects,
  products,
  productImages,
  campaigns,
  adPlatformConnections,
  campaignAnalytics,
  campaignAssets,
  adSpendFees,
  landingPages,
  inventoryItems,
  shows,
  showItems,
  payoutImports,
  payoutLineItems,
  competitorStreams,
  adminAuditLog,
} as const;
