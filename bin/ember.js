#!/usr/bin/env node
// The `ember` operator CLI. Runs the compiled sources: `npm run build` first in a source checkout.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/apps/cli/src/main.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('ember: not built yet; run `npm run build` first');
  process.exit(1);
}
await import(entry);
