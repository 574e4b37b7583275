import type pg from 'pg';
import type { InlineProjection, RecordedEvent, SqlExecutor } from '#ember/event-store';

/**
 * The read-model row `events` produce, computed by the resource's own projection in a temporary copy
 * of its table (`pg_temp` comes first on the search path, so the projection's unqualified name reaches
 * it) inside a transaction that is always rolled back: the live table is never written.
 *
 * Statement names are dropped: a named statement this pooled connection prepared earlier is bound to
 * the live table and would write there; unnamed ones are resolved afresh, to the temporary table.
 */
export async function projectRow(
  pool: pg.Pool,
  table: string,
  projection: InlineProjection,
  id: string,
  events: readonly RecordedEvent[],
): Promise<Record<string, unknown> | null> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`CREATE TEMP TABLE ${table} (LIKE ${table} INCLUDING DEFAULTS) ON COMMIT DROP`);
    const unnamed: SqlExecutor = {
      query: (q, values) => client.query(typeof q === 'string' ? { text: q, values } : { text: q.text, values: q.values ?? values }),
    };
    for (const event of events) if (projection.handles.includes(event.type)) await projection.apply(unnamed, event);
    const { rows } = await client.query(`SELECT * FROM pg_temp.${table} WHERE id = $1`, [id]);
    return rows[0] ?? null;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
