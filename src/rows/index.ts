export { metadata } from './generated/metadata.js';
export {
  assetMetadata,
  auditDetails,
  inputParams,
  landingBlock,
  landingContent,
  outputMetadata,
  productAttributes,
  SIGNUP_CREDITS,
} from './hand-written.js';
export type { JsonValue } from './pg-types.js';
export type * from './schema-metadata.js';
export { type Insert, type Row, type TableDef, type TableName, tables } from './tables.js';
export { type Vocabularies, vocabularies } from './vocabularies.js';
