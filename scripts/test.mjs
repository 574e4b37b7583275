#!/usr/bin/env node
// `npm test`: every test against real Postgres and Redis (a fresh database per run).
// Builds first because the end-to-end tests start the compiled API and worker as real processes.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const step = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

const built = step(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
if (built !== 0) process.exit(built);
process.exit(step(['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)]));
