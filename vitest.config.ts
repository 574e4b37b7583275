import swc from 'unplugin-swc';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// SWC compiles the TypeScript so that decorator metadata (which Nest's DI needs) is emitted.
const plugins = [swc.vite({ module: { type: 'es6' } })];
// `#ember/<lib>` is the lib's barrel: its TypeScript source in tests (package.json maps it to dist/ at run time).
const libs = fileURLToPath(new URL('./libs/', import.meta.url));
const resolve = { alias: [{ find: /^#ember\/([a-z-]+)$/, replacement: `${libs}$1/src/index.ts` }] };

export default defineConfig({
  plugins,
  resolve,
  test: {
    projects: [
      { plugins, resolve, test: { name: 'unit', include: ['{apps,libs,test}/**/*.spec.ts'] } },
      {
        plugins,
        resolve,
        test: {
          name: 'integration',
          include: ['{apps,libs,test}/**/*.int-spec.ts'],
          globalSetup: ['test/setup/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        plugins,
        resolve,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e-spec.ts'],
          globalSetup: ['test/setup/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        plugins,
        resolve,
        test: {
          // Ember vs the real Cinder API (test/differential): skipped, saying why, where the oracle can't run.
          name: 'differential',
          include: ['test/differential/**/*.e2e-spec.ts'],
          globalSetup: ['test/setup/global-setup.ts', 'test/differential/oracle-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Like integration and e2e: Vitest runs all such files one at a time, after the unit tests.
          fileParallelism: false,
        },
      },
    ],
  },
});
