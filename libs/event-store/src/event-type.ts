/** `snapshot.requested.v2` → 2; unversioned types count as 1. */
export function schemaVersionOf(type: string): number {
  const match = /\.v(\d+)$/.exec(type);
  return match ? Number(match[1]) : 1;
}
