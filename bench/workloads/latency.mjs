// POST → available: sequential snapshot creates of one volume, polling GET until 'available'.
import { log, percentile, sleep } from '../lib/util.mjs';

export async function postToAvailable({ client, volumeId, count = 50, pollMs = 2 }) {
  const ms = [];
  const polls = [];
  log(`POST → available: ${count} sequential snapshots, polling every ${pollMs} ms`);
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const { body } = await client.call('POST', '/snapshots', { snapshot: { volume_id: volumeId, force: true } }, 202);
    const id = body.snapshot.id;
    let n = 0;
    for (;;) {
      n++;
      const r = await client.call('GET', `/snapshots/${id}`, undefined, 200);
      const status = r.body.snapshot.status;
      if (status === 'available') break;
      if (status !== 'creating') throw new Error(`snapshot ${id} went to ${status}`);
      if (performance.now() - t0 > 60_000) throw new Error(`snapshot ${id} not available after 60 s`);
      await sleep(pollMs);
    }
    ms.push(performance.now() - t0);
    polls.push(n);
  }
  return { count, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), minMs: Math.min(...ms), maxMs: Math.max(...ms), meanPolls: polls.reduce((a, b) => a + b, 0) / polls.length, samplesMs: ms.map((x) => Math.round(x * 10) / 10) };
}
