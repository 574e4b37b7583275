/**
 * The horizon of the committed order (see `EventStore.readAll`): the oldest transaction id of the
 * current snapshot still in progress, except those positively known to belong to another database
 * (xids are cluster-wide); the snapshot's xmax when there is none. Events below it are final.
 */
export const COMMITTED_HORIZON_SQL = `(
  SELECT coalesce(
    (SELECT min(x) FROM pg_snapshot_xip(pg_current_snapshot()) x
      WHERE xid(x) NOT IN (SELECT backend_xid FROM pg_stat_activity
                            WHERE backend_xid IS NOT NULL
                              AND datid <> (SELECT oid FROM pg_database WHERE datname = current_database()))),
    pg_snapshot_xmax(pg_current_snapshot())))`;
