// The floor under the create-snapshot API on this machine: the least a Node HTTP server can do for a
// create — node:http, read and parse the JSON body, one pipelined pg transaction in one round trip
// (BEGIN; the event; the read-model row; COMMIT: the pgbench reference's two inserts, same tables and
// payload shape), a 202 with a JSON snapshot. No validation, no policy, no event store, no framework.
// A diagnostic for bench/workloads/floor.mjs, never part of Ember.
//   DATABASE_URL=… PORT=… node bench/floor/server.mjs
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL ?? 16), pipeline: true });
const META = JSON.stringify({ roles: ['admin', 'member', 'reader'], userId: 'bench', authMode: 'noauth', requestId: `req-${randomUUID()}` });
const EVENT = {
  name: 'floor_event',
  text: `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, hash)
         VALUES ($1, 1, $2, 'snapshot.requested.v1', 1, $3, $4, $5, $6)`,
};
const ROW = {
  name: 'floor_row',
  text: `INSERT INTO snapshots (id, project_id, user_id, volume_id, name, description, status, progress, size, metadata, created_at, version)
         VALUES ($1, $2, 'bench', $3, NULL, NULL, 'creating', '0%', 1, '{}', $4, 1)`,
};

async function create(project, volumeId) {
  const id = randomUUID();
  const at = new Date().toISOString();
  const data = JSON.stringify({ at, name: null, size: 1, userId: 'bench', metadata: {}, volumeId, projectId: project, snapshotId: id, description: null });
  const hash = createHash('sha256').update(data).digest();
  const client = await pool.connect();
  try {
    client.query('BEGIN');
    client.query({ ...EVENT, values: [`snapshot-${id}`, randomUUID(), data, META, at, hash] });
    client.query({ ...ROW, values: [id, project, volumeId, at] });
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  return { id, volume_id: volumeId, status: 'creating', size: 1, name: null, description: null, metadata: {}, created_at: at, updated_at: null };
}

createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const project = /^\/v3\/([^/]+)\/snapshots$/.exec(req.url)?.[1] ?? 'none';
    let volumeId;
    try {
      volumeId = JSON.parse(Buffer.concat(chunks).toString()).snapshot.volume_id;
    } catch {
      res.writeHead(400).end();
      return;
    }
    create(project, volumeId).then(
      (snapshot) => {
        const body = JSON.stringify({ snapshot });
        res.writeHead(202, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      },
      (e) => res.writeHead(500).end(String(e)),
    );
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('listening'));
