export { diffCatalog } from './catalog-diff.js';
export { Column, c } from './column.js';
export { type Columns, defineTable, type TableDef } from './define-table.js';
export {
  assetMetadata,
  auditDetails,
  inputParams,
  landingBlock,
  landingContent,
  outputMetadata,
  productAttributes,
} from './json.js';
export { type Insert, type Row, type TableName, tables } from './tables.js';
export { SIGNUP_CREDITS, vocabularies } from './vocabularies.js';
