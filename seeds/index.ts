export { DEFAULT_AS_OF, parseAsOf } from './as-of.js';
export { type ExportOptions, type ExportProgress, type ExportResult, exportSeed } from './export/export-seed.js';
export { EXPORT_FORMAT_VERSION, type SeedManifest } from './export/manifest.js';
export type { ExportedPersona, ExportedPersonas } from './export/personas-module.js';
export { readExport, readExportManifest, readExportTable, type SeedExport } from './export/read-export.js';
export { type PersonaHandle, personas } from './personas.js';
export type { Scenario, ScenarioContext, ScenarioStep } from './scenario.js';
export { scenarios } from './scenarios/index.js';
export {
  type OnExisting,
  type SeedOptions,
  type SeedProgress,
  type SeedResult,
  seedDatabase,
} from './seed-database.js';
export { MAX_SEED_SCALE } from './seed-scale.js';
