import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: [
      { find: /^linecast\/([a-z-]+)$/, replacement: fileURLToPath(new URL('./integrations/$1/index.ts', import.meta.url)).replace('%24', '$') },
      { find: /^linecast$/, replacement: fileURLToPath(new URL('./index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', '.linecast/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
})
