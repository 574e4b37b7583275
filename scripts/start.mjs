#!/usr/bin/env node
// `npm start`: build, migrate, then run the API and the worker in the foreground until Ctrl-C.
//
//   npm start                                # one API process + one worker process
//   npm start -- --scale 2                   # 2 API processes on the one port + 2 worker processes
//   npm start -- --api-processes 3 --workers 2
//
// Several API processes are the API's own EMBER_API_PROCESSES (node:cluster: one supervisor, N API
// processes sharing the port); `--api-processes` just sets it. Workers are separate processes.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: opt } = parseArgs({
  options: { scale: { type: 'string' }, 'api-processes': { type: 'string' }, workers: { type: 'string' } },
});
const count = (name, raw, fallback) => {
  if (raw === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(raw)) {
    console.error(`[ember] --${name} must be a positive integer, not ${raw}`);
    process.exit(2);
  }
  return Number(raw);
};
const apiProcesses = count('api-processes', opt['api-processes'] ?? opt.scale, undefined);
const workers = count('workers', opt.workers ?? opt.scale, 1);
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
run(process.execPath, ['bin/ember.js', 'migrate']);

const children = new Map();
let stopping = false;

function prefixLines(stream, label, out) {
  let pending = '';
  stream.on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) out.write(`${label} ${line}\n`);
  });
  stream.on('end', () => pending && out.write(`${label} ${pending}\n`));
}

function start(name, role, env = process.env) {
  // bin/ember-serve: the production flags of the process, plus source maps for readable stack traces here.
  const child = spawn(join(root, 'bin/ember-serve'), [role, '--enable-source-maps'], {
    cwd: root,
    env: { ...env, EMBER_NODE: process.execPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(child.stdout, `[${name}]`, process.stdout);
  prefixLines(child.stderr, `[${name}]`, process.stderr);
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[ember] ${name} exited (${signal ?? code}); stopping the stack`);
      stop(code || 1);
    } else if (children.size === 0) process.exit(process.exitCode ?? 0);
  });
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children.values()) child.kill('SIGTERM');
  // A child that ignores SIGTERM for too long is killed so Ctrl-C always ends the stack.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 15_000).unref();
  if (children.size === 0) process.exit(code);
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

start('api', 'api', apiProcesses ? { ...process.env, EMBER_API_PROCESSES: String(apiProcesses) } : process.env);
for (let i = 1; i <= workers; i++) start(workers > 1 ? `worker.${i}` : 'worker', 'worker');
