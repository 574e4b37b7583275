import type { QueryResultRow } from 'pg';

/** The part of a pg client the event store and projections use; a pooled client inside a transaction. */
export interface SqlExecutor {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string | { name?: string; text: string; values?: unknown[] },
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
}
