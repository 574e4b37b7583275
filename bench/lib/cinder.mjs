// The few Cinder v3 calls the bench needs (noauth: token "user:project").
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { sleep } from './util.mjs';

export class CinderClient {
  constructor(baseUrl, project = randomBytes(16).toString('hex')) {
    this.baseUrl = baseUrl;
    this.project = project;
    this.token = `bench:${project}`;
    this.headers = { 'X-Auth-Token': this.token, 'Content-Type': 'application/json', Accept: 'application/json' };
  }

  url(path) {
    return `${this.baseUrl}/v3/${this.project}${path}`;
  }

  async call(method, path, body, expect) {
    const res = await fetch(this.url(path), { method, headers: this.headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (expect !== undefined && res.status !== expect) throw new Error(`${method} ${path} → ${res.status} (expected ${expect}): ${text.slice(0, 500)}`);
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  liftQuotas() {
    const p = this.project;
    return this.call('PUT', `/os-quota-sets/${p}`, { quota_set: { snapshots: -1, gigabytes: -1, volumes: -1 } }, 200);
  }

  /** Creates a volume and waits until it is available; answers its id. */
  async createVolume(sizeGiB = 1, name = 'bench') {
    const { body } = await this.call('POST', '/volumes', { volume: { size: sizeGiB, name } }, 202);
    const id = body.volume.id;
    await this.waitFor(`/volumes/${id}`, 'volume', 'available', 60_000, 20);
    return id;
  }

  async waitFor(path, key, status, timeoutMs = 60_000, everyMs = 2) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.call('GET', path, undefined, 200);
      if (body[key].status === status) return body[key];
      if (body[key].status === 'error') throw new Error(`${path} went to error`);
      if (Date.now() > deadline) throw new Error(`${path} not ${status} after ${timeoutMs} ms (is ${body[key].status})`);
      await sleep(everyMs);
    }
  }
}

/** Writes `bytes` random bytes at `offset` into the volume's image (the API never touches volume data). */
export async function fillVolume(dataDir, volumeId, bytes, offset = 0) {
  const fh = await open(join(dataDir, 'volumes', `${volumeId}.img`), 'r+');
  try {
    await fh.write(randomBytes(bytes), 0, bytes, offset);
    await fh.sync();
  } finally {
    await fh.close();
  }
}
