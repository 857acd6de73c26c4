import path from 'node:path'
import {defineConfig} from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: [{find: /^~\//, replacement: `${path.resolve(import.meta.dirname, 'app')}/`}],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'app/**/*.test.{ts,tsx}',
            'server/**/*.test.ts',
            'content-lake/**/*.test.ts',
            'seed/**/*.test.ts',
            'scripts/**/*.test.ts',
            'studio/**/*.test.{ts,tsx}',
            'contract/**/*.test.ts',
            'stand-ins/**/*.test.ts',
            'bench/**/*.test.ts',
            'importer/**/*.test.ts',
          ],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
