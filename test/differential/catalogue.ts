import type { Case } from './case.js';
import { snapshotActionCases } from './cases/snapshot-actions.js';
import { snapshotCreateCases } from './cases/snapshot-create.js';
import { snapshotListCases } from './cases/snapshot-list.js';
import { snapshotManageCases } from './cases/snapshot-manage.js';
import { snapshotMetadataCases } from './cases/snapshot-metadata.js';
import { snapshotShowCases } from './cases/snapshot-show.js';
import { snapshotDeleteCases, snapshotUpdateCases } from './cases/snapshot-update-delete.js';
import { versionCases } from './cases/versions.js';
import { quotaCases, volumeCases } from './cases/volumes-quotas.js';

export type { Case } from './case.js';

/**
 * Every request the differential suite sends to both Ember and the real Cinder, in run order.
 * Cases that change state use `{new_…}` resources of their own, so the order only matters for
 * readability. Deviations (`deviation`) are listed in docs/compatibility.md.
 */
export const CATALOGUE: readonly Case[] = [
  ...versionCases,
  ...snapshotCreateCases,
  ...snapshotShowCases,
  ...snapshotListCases,
  ...snapshotUpdateCases,
  ...snapshotDeleteCases,
  ...snapshotMetadataCases,
  ...snapshotActionCases,
  ...snapshotManageCases,
  ...volumeCases,
  ...quotaCases,
];

const seen = new Set<string>();
for (const c of CATALOGUE) {
  if (seen.has(c.name)) throw new Error(`catalogue: duplicate case name "${c.name}"`);
  seen.add(c.name);
}
