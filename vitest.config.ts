import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the TypeScript so that decorator metadata (which Nest's DI needs) is emitted.
const plugins = [swc.vite({ module: { type: 'es6' } })];
const resolve = { conditions: ['ember-source'] };

export default defineConfig({
  plugins,
  resolve,
  test: {
    projects: [
      { plugins, resolve, test: { name: 'unit', include: ['{apps,libs}/**/*.spec.ts'] } },
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
    ],
  },
});
