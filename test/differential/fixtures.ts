import type { Case } from './case.js';
import { call, type Prepared, type ProjectVolumes, type SnapshotState, type Target } from './target.js';

/** Ids shared by both targets for one run (fresh projects: no leftovers from earlier runs). */
export interface RunIds {
  /** A short tag of this run, in names that other runs on the same oracle must not share. */
  run: string;
  user: string;
  project: string;
  listProject: string;
  quotaProject: string;
  otherProject: string;
  missing: string;
}

const PLACEHOLDER = /\{([a-z_]+)\}/g;
const FRESH: Record<string, SnapshotState> = {
  new_snapshot: 'available',
  new_creating_snapshot: 'creating',
  new_error_snapshot: 'error',
  new_deleting_snapshot: 'deleting',
};

/**
 * The named resources of the catalogue on one target, made on first use and shared by the cases
 * that only read them; `{new_…}` placeholders get a snapshot of their own per case.
 */
export class World {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    readonly target: Target,
    readonly ids: RunIds,
  ) {}

  token(project = this.ids.project): string {
    return `${this.ids.user}:${project}`;
  }

  /** Resolves a case's placeholders (its follow-up shares the same values) and prepares the request. */
  async prepare(c: Case): Promise<{ main: Prepared; then?: Prepared }> {
    const names = new Set<string>();
    collect([c.path, c.headers, c.token, c.body, c.raw?.text, c.then?.path], names);
    // A case in the list project sees its three snapshots, whether or not it names one.
    if ([...names].some((n) => n.startsWith('list_'))) await this.listSnapshots();
    const values: Record<string, string> = {};
    for (const name of names) values[name] = name in FRESH ? await this.freshSnapshot(FRESH[name]!) : await this.shared(name);
    const fill = <T>(v: T): T => substitute(v, values);
    const headers = (mv?: string) => ({ ...(mv ? { 'OpenStack-API-Version': `volume ${mv}` } : {}), ...fill(c.headers ?? {}) });
    const token = c.token === undefined ? this.token() : c.token === null ? null : fill(c.token);
    const main: Prepared = { method: c.method, path: fill(c.path), headers: headers(c.mv), token, body: fill(c.body), raw: c.raw && { ...c.raw, text: fill(c.raw.text) } };
    const then = c.then && { method: c.then.method, path: fill(c.then.path), headers: headers(c.then.mv), token };
    return { main, then };
  }

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as Promise<T>;
  }

  private volumes(project: string): Promise<ProjectVolumes> {
    return this.once(`volumes:${project}`, () => this.target.volumes(project, this.token(project)));
  }

  private async snapshot(project: string, status: SnapshotState, fields: Record<string, unknown>): Promise<string> {
    const volume = (await this.volumes(project)).available;
    const token = this.token(project);
    const created = await call(this.target, token, 'POST', `/v3/${project}/snapshots`, { snapshot: { volume_id: volume, force: true, ...fields } });
    const id = created.snapshot.id as string;
    await this.target.settleSnapshot(project, token, id, status);
    return id;
  }

  private freshSnapshot(status: SnapshotState): Promise<string> {
    return this.snapshot(this.ids.project, status, { name: 'fresh', metadata: { k1: 'v1', k2: 'v2' } });
  }

  /** The three snapshots of the list project, made gamma, alpha, beta (creation order ≠ name order). */
  private listSnapshots(): Promise<Record<string, string>> {
    return this.once('list', async () => {
      const p = this.ids.listProject;
      const gamma = await this.snapshot(p, 'available', { name: 'list-gamma', metadata: {} });
      const alpha = await this.snapshot(p, 'available', { name: 'list-alpha', metadata: { color: 'red' } });
      const beta = await this.snapshot(p, 'available', { name: 'list-beta', metadata: { color: 'blue' } });
      return { list_alpha: alpha, list_beta: beta, list_gamma: gamma };
    });
  }

  private async shared(name: string): Promise<string> {
    const { ids } = this;
    switch (name) {
      case 'project': return ids.project;
      case 'user': return ids.user;
      case 'run': return ids.run;
      case 'list_project': return ids.listProject;
      case 'quota_project': return ids.quotaProject;
      case 'other_project': return ids.otherProject;
      case 'missing_uuid': return ids.missing;
      case 'missing_uuid_hex': return ids.missing.replace(/-/g, '');
      case 'available_volume': return (await this.volumes(ids.project)).available;
      case 'available_volume_upper': return (await this.volumes(ids.project)).available.toUpperCase();
      case 'in_use_volume': return (await this.volumes(ids.project)).inUse;
      case 'list_volume': return (await this.volumes(ids.listProject)).available;
      case 'list_alpha':
      case 'list_beta':
      case 'list_gamma':
        return (await this.listSnapshots())[name]!;
      case 'snapshot':
        return this.once('snapshot', () => this.snapshot(ids.project, 'available', { name: `diff-snap-${ids.run}`, description: 'diff description', metadata: { k1: 'v1' } }));
      case 'creating_snapshot':
        return this.once('creating', () => this.snapshot(ids.project, 'creating', { name: 'diff-creating' }));
      default:
        throw new Error(`catalogue: unknown placeholder {${name}}`);
    }
  }
}

function collect(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') for (const m of value.matchAll(PLACEHOLDER)) into.add(m[1]!);
  else if (Array.isArray(value)) value.forEach((v) => collect(v, into));
  else if (value !== null && typeof value === 'object') Object.entries(value).forEach(([k, v]) => collect([k, v], into));
}

function substitute<T>(value: T, values: Record<string, string>): T {
  if (typeof value === 'string') return value.replace(PLACEHOLDER, (_, n: string) => values[n] ?? `{${n}}`) as T;
  if (Array.isArray(value)) return value.map((v) => substitute(v, values)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [substitute(k, values), substitute(v, values)])) as T;
  }
  return value;
}
