import { FileStorageBackend, StorageError } from '#ember/storage';
import pg from 'pg';
import type { EmberConfig } from '#ember/config';
import { ProgressBar } from './progress-bar.js';

interface Finding {
  snapshotId: string;
  expected: string;
  actual: string | null;
  problem: 'mismatch' | 'missing';
}

/**
 * `ember scrub [--json]`: re-hashes every live snapshot image against the checksum recorded in its
 * `snapshot.available.v1` event and reports the images that no longer match (or are gone). Exit 1 if any.
 */
export async function scrubCommand(config: EmberConfig, args: string[]): Promise<number> {
  const json = args.includes('--json');
  const storage = new FileStorageBackend(config.dataDir);
  const db = new pg.Client({ connectionString: config.databaseUrl });
  await db.connect();
  let rows: { snapshot_id: string; checksum: string }[];
  try {
    ({ rows } = await db.query(`
      SELECT substr(e.stream_id, 10) AS snapshot_id, e.data->>'checksum' AS checksum
        FROM events e
       WHERE e.type = 'snapshot.available.v1'
         AND NOT EXISTS (SELECT 1 FROM events d WHERE d.stream_id = e.stream_id AND d.type = 'snapshot.deleted.v1')
       ORDER BY e.position`));
  } finally {
    await db.end();
  }
  const bar = new ProgressBar(rows.length, 'scrub');
  const findings: Finding[] = [];
  let bytes = 0;
  for (const [i, row] of rows.entries()) {
    try {
      const result = await storage.verifySnapshot(row.snapshot_id);
      bytes += result.bytes;
      if (result.checksum !== row.checksum) {
        findings.push({ snapshotId: row.snapshot_id, expected: row.checksum, actual: result.checksum, problem: 'mismatch' });
      }
    } catch (e) {
      if (!(e instanceof StorageError && e.code === 'STORAGE_SOURCE_MISSING')) throw e;
      findings.push({ snapshotId: row.snapshot_id, expected: row.checksum, actual: null, problem: 'missing' });
    }
    bar.update(i + 1, 'snapshots');
  }
  bar.done();
  if (json) {
    console.log(JSON.stringify({ checked: rows.length, bytes, ok: rows.length - findings.length, findings }, null, 2));
  } else {
    for (const f of findings) {
      console.log(f.problem === 'missing' ? `MISSING   ${f.snapshotId}` : `MISMATCH  ${f.snapshotId}  expected ${f.expected}  found ${f.actual}`);
    }
    console.log(`ember scrub: ${rows.length} snapshot(s) checked, ${findings.length} problem(s)`);
  }
  return findings.length === 0 ? 0 : 1;
}
