#!/usr/bin/env node
// Builds libs/storage/native (the SEEK_DATA/SEEK_HOLE + copy_file_range addon of @ember/storage)
// with node-gyp. Run by `npm install`/`npm ci` as the root package's postinstall, or by hand.
//
// Never fails the install: the storage layer works without the addon (it then reads holes
// instead of skipping them, which is slower), so any problem is one warning line and exit 0.
// Nothing to build (binding.gyp not there, as in the Dockerfile's dependency-only stages) is silent.
//
// node-gyp is the devDependency, else npm's bundled copy. Headers come from npm's `nodedir`
// setting (npm passes it as npm_config_nodedir; run by hand, it is asked from `npm config`), so
// node-gyp never has to download them.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const addonDir = join(root, 'libs', 'storage', 'native');
const output = join(addonDir, 'build', 'Release', 'ember_extents.node');
const log = join(tmpdir(), 'ember-build-native.log');
const BUILD_TIMEOUT_MS = 5 * 60_000;

function warn(reason) {
  console.warn(
    `ember: WARNING: native storage addon not built (${reason}); snapshots will read holes instead of skipping them (slower). ` +
      `Retry with \`node scripts/build-native.mjs\`.`,
  );
}

/** node-gyp's CLI script: the devDependency, npm's own (npm tells where it is when it runs us), next to node's npm. */
function findNodeGyp() {
  const candidates = [];
  try {
    candidates.push(createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed (e.g. `npm ci --omit=dev`)
  }
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  if (process.env.npm_execpath) candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((path) => path.endsWith('.js') && existsSync(path));
}

/** Where the Node headers are, from npm's configuration; undefined if npm has no `nodedir`. */
function findNodedir() {
  const fromNpm = process.env.npm_config_nodedir;
  if (fromNpm) return fromNpm;
  const npm = process.env.npm_execpath;
  const r = npm
    ? spawnSync(process.execPath, [npm, 'config', 'get', 'nodedir'], { encoding: 'utf8', timeout: 30_000 })
    : spawnSync('npm', ['config', 'get', 'nodedir'], { encoding: 'utf8', timeout: 30_000 });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  return dir && dir !== 'undefined' && dir !== 'null' ? dir : undefined;
}

function main() {
  if (!existsSync(join(addonDir, 'binding.gyp'))) return; // nothing to build here
  const nodeGyp = findNodeGyp();
  if (!nodeGyp) return warn('node-gyp not found');
  const nodedir = findNodedir();
  const args = [nodeGyp, 'rebuild', '--directory', addonDir, ...(nodedir ? [`--nodedir=${nodedir}`] : [])];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: BUILD_TIMEOUT_MS, maxBuffer: 64 << 20 });
  writeFileSync(log, `$ ${process.execPath} ${args.join(' ')}\n${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.stack}\n` : ''}`);
  if (r.error || r.status !== 0 || !existsSync(output)) {
    const why = r.error ? r.error.message : r.status !== 0 ? `node-gyp exited with ${r.status ?? r.signal}` : 'no output';
    return warn(`${why}; log: ${log}`);
  }
  console.log(`ember: built the native storage addon (${relative(root, output)})`);
}

try {
  main();
} catch (err) {
  warn(err instanceof Error ? err.message : String(err));
}
process.exitCode = 0;
