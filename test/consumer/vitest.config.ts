// vitest's defaults plus the one documented line of setup.
import { cutxDb } from '@cutx/db/vitest/config';
import { defineConfig } from 'vitest/config';

export default defineConfig({ plugins: [cutxDb()] });
