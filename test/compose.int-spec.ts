import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';

/**
 * docker-compose.yml, as Compose itself resolves it (`config` needs no Docker engine).
 * Prefers the compose v2 plugin (`docker compose config --format json`); without it, Debian's
 * standalone docker-compose 1.29 (`docker-compose config`, YAML turned into JSON by the python3
 * that runs it, which always has PyYAML). Skipped when neither is installed.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

type Port = string | { target: number | string; published?: number | string };
type Mount = string | { type?: string; source?: string; target: string };
interface Service {
  image?: string;
  command?: string[] | string;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  ports?: Port[];
  volumes?: Mount[];
  restart?: string;
  environment?: Record<string, string | null>;
  deploy?: { replicas?: number };
}
interface ComposeModel {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const run = (cmd: string, args: string[], input?: string) =>
  spawnSync(cmd, args, { cwd: root, input, encoding: 'utf8', timeout: 60_000, env: composeEnv() });

/** The calling environment, minus what would point Compose at another file or project. */
function composeEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['COMPOSE_FILE', 'COMPOSE_PROJECT_NAME', 'COMPOSE_PROFILES', 'COMPOSE_PATH_SEPARATOR']) delete env[key];
  return env;
}

const ok = (cmd: string, args: string[]) => {
  const r = run(cmd, args);
  return !r.error && r.status === 0;
};

const TO_JSON = 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)';
const files = ['-f', 'docker-compose.yml', '--project-directory', root, '-p', 'ember-compose-spec'];

function pickRunner(): { load?: () => ComposeModel; reason: string } {
  if (!ok('docker', ['--version']) && !ok('docker-compose', ['version'])) {
    return { reason: 'neither the docker CLI nor docker-compose is installed' };
  }
  if (ok('docker', ['compose', 'version'])) {
    return {
      reason: 'docker compose',
      load: () => JSON.parse(check(run('docker', ['compose', ...files, 'config', '--format', 'json']))),
    };
  }
  if (ok('docker-compose', ['version']) && ok('/usr/bin/python3', ['-c', 'import yaml'])) {
    return {
      reason: 'docker-compose (v1)',
      load: () => JSON.parse(check(run('/usr/bin/python3', ['-c', TO_JSON], check(run('docker-compose', [...files, 'config']))))),
    };
  }
  return { reason: 'the docker compose plugin is not installed (and no standalone docker-compose with python3-yaml)' };
}

function check(r: ReturnType<typeof run>): string {
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const dependsOn = (s: Service): Record<string, { condition?: string }> =>
  Array.isArray(s.depends_on)
    ? Object.fromEntries(s.depends_on.map((name) => [name, { condition: 'service_started' }]))
    : (s.depends_on ?? {});

/** `{ published, target }` from either the long syntax (v2 output) or `"8776:8776"`. */
const ports = (s: Service) =>
  (s.ports ?? []).map((p) => {
    if (typeof p !== 'string') return { published: String(p.published ?? ''), target: String(p.target) };
    const [target, published = ''] = p.replace(/\/\w+$/, '').split(':').reverse();
    return { published, target };
  });

/** `{ source, target }` of each named volume mount, from the long syntax or `"name:/path:rw"`. */
const namedMounts = (s: Service) =>
  (s.volumes ?? []).flatMap((v) => {
    if (typeof v !== 'string') return v.type === undefined || v.type === 'volume' ? [{ source: v.source, target: v.target }] : [];
    const [source, target] = v.split(':');
    return source && !source.startsWith('.') && !source.startsWith('/') ? [{ source, target }] : [];
  });

const hasHealthcheck = (s: Service) => {
  const test = s.healthcheck?.test;
  return !s.healthcheck?.disable && test !== undefined && test.length > 0 && !(Array.isArray(test) && test[0] === 'NONE');
};

const runner = pickRunner();
if (!runner.load) console.warn(`test/compose.int-spec.ts skipped: ${runner.reason}`);

describe.skipIf(!runner.load)(`docker-compose.yml${runner.load ? '' : ` (skipped: ${runner.reason})`}`, () => {
  let cached: ComposeModel | undefined;
  const model = (): ComposeModel => (cached ??= runner.load!());

  it('defines postgres, redis, migrate, api and worker', () => {
    expect(Object.keys(model().services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'migrate', 'api', 'worker']));
  });

  it('starts api and worker only after migrate completed successfully; workers (the only Redis users) after redis is healthy', () => {
    for (const name of ['api', 'worker']) {
      const deps = dependsOn(model().services[name]!);
      expect(deps.migrate?.condition, `${name} → migrate`).toBe('service_completed_successfully');
    }
    expect(dependsOn(model().services.worker!).redis?.condition).toBe('service_healthy');
    expect(dependsOn(model().services.api!).redis, 'the API does not use Redis').toBeUndefined();
  });

  it('runs migrations once, after postgres is healthy, with the ember CLI', () => {
    const migrate = model().services.migrate!;
    expect(dependsOn(migrate).postgres?.condition).toBe('service_healthy');
    expect(migrate.command).toEqual(['node', 'bin/ember.js', 'migrate']);
    expect(migrate.restart).toBe('no');
  });

  it('starts api and worker through bin/ember-serve (the production Node flags, as the image CMD)', () => {
    const { api, worker } = model().services;
    expect(api!.command).toEqual(['bin/ember-serve', 'api']);
    expect(worker!.command).toEqual(['bin/ember-serve', 'worker']);
  });

  it('health-checks postgres, redis and api', () => {
    for (const name of ['postgres', 'redis', 'api']) {
      expect(hasHealthcheck(model().services[name]!), name).toBe(true);
    }
  });

  it('publishes the Cinder API on port 8776', () => {
    expect(ports(model().services.api!)).toContainEqual({ published: '8776', target: '8776' });
  });

  it("mounts one named volume at the worker's EMBER_DATA_DIR in both api and worker", () => {
    const { api, worker } = model().services;
    const dataDir = worker!.environment?.EMBER_DATA_DIR;
    expect(dataDir, 'worker EMBER_DATA_DIR').toBeTruthy();
    const inWorker = namedMounts(worker!).find((m) => m.target === dataDir);
    expect(inWorker, `a named volume at ${dataDir} in worker`).toBeDefined();
    expect(namedMounts(api!)).toContainEqual(inWorker);
    expect(Object.keys(model().volumes ?? {})).toContain(inWorker!.source);
  });

  it('scales out by default: 2 API processes behind the api port (node:cluster) and 2 worker replicas', () => {
    const { api, worker } = model().services;
    expect(api!.environment?.EMBER_API_PROCESSES).toBe('2');
    expect(worker!.deploy?.replicas).toBe(2);
    // Replicas must not collide: nothing that names a single container.
    expect(worker).not.toHaveProperty('container_name');
    expect(worker!.ports ?? []).toEqual([]);
  });

  it('runs migrate, api and worker from one Ember image', () => {
    const { migrate, api, worker } = model().services;
    expect(api!.image).toBeTruthy();
    expect(new Set([migrate!.image, api!.image, worker!.image]).size).toBe(1);
  });
});
