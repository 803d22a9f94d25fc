export { metadata } from './generated/metadata.js';
export {
  assetMetadata,
  auditDetails,
  inputParams,
  landingBlock,
  landingContent,
  outputMetadata,
  productAttributes,
} from './json-shapes.js';
export type { JsonValue } from './pg-types.js';
export type * from './schema-metadata.js';
export { SIGNUP_CREDITS } from './signup-credits.js';
export { type Insert, type Row, type TableDef, type TableName, tables } from './tables.js';
export { type Vocabularies, vocabularies } from './vocabularies.js';
