import { describe, expect, it } from 'vitest';
import { ApiVersion } from '../microversions/api-version.js';
import { HAVE_SAMPLES, loadSample, samplesTitle, shapeOf } from './__fixtures__/cinder-samples.js';
import type { SnapshotView } from './snapshot-view.js';
import { snapshotCreateResponse, snapshotDetail, snapshotSummary } from './snapshot-views.js';

const VIEW: SnapshotView = {
  id: '2c228773-50eb-422d-be7e-b5c6ced0c7a9',
  projectId: 'bab7d5c60cd041a0a36f7c4b6e1dd978',
  userId: 'admin',
  volumeId: 'ba4ef252-761f-454a-914b-d0324fd63e75',
  name: 'snap-001',
  description: 'nightly',
  status: 'available',
  progress: '100%',
  size: 1,
  metadata: { k: 'v' },
  createdAt: '2026-11-26T17:07:08.319757',
  updatedAt: null,
  groupSnapshotId: null,
  consumesQuota: true,
};

const v = ApiVersion.of;

describe('snapshot views', () => {
  it('summary has the 9 base fields in Cinder order at every microversion', () => {
    expect(Object.keys(snapshotSummary(VIEW))).toEqual([
      'id', 'created_at', 'updated_at', 'name', 'description', 'volume_id', 'status', 'size', 'metadata',
    ]);
  });

  it.each([
    ['3.0', []],
    ['3.13', []],
    ['3.14', ['group_snapshot_id']],
    ['3.40', ['group_snapshot_id']],
    ['3.41', ['group_snapshot_id', 'user_id']],
    ['3.64', ['group_snapshot_id', 'user_id']],
    ['3.65', ['group_snapshot_id', 'user_id', 'consumes_quota']],
    ['3.71', ['group_snapshot_id', 'user_id', 'consumes_quota']],
  ])('at %s detail adds %j', (version, added) => {
    const keys = Object.keys(snapshotCreateResponse(VIEW, v(version)));
    expect(keys.slice(9)).toEqual(added);
  });

  it('show/detail add the extended attributes only when the caller may see them', () => {
    expect(snapshotDetail(VIEW, v('3.0'), { extendedAttributes: true })).toMatchObject({
      'os-extended-snapshot-attributes:project_id': VIEW.projectId,
      'os-extended-snapshot-attributes:progress': '100%',
    });
    expect(Object.keys(snapshotDetail(VIEW, v('3.0'), { extendedAttributes: false }))).not.toContain(
      'os-extended-snapshot-attributes:progress',
    );
  });

  it('never shares the metadata object with the read model', () => {
    const json = snapshotSummary(VIEW);
    json.metadata.extra = 'x';
    expect(VIEW.metadata).toEqual({ k: 'v' });
  });
});

type Render = (s: SnapshotView, version: ApiVersion) => Record<string, unknown>;
const summary: Render = (s) => ({ ...snapshotSummary(s) });
const create: Render = (s, version) => ({ ...snapshotCreateResponse(s, version) });
const detail: Render = (s, version) => ({ ...snapshotDetail(s, version, { extendedAttributes: true }) });

const SAMPLE_CASES: Array<[string, string, Render]> = [];
for (const [dir, version] of [['', '3.0'], ['v3.14/', '3.14'], ['v3.41/', '3.41'], ['v3.65/', '3.65']] as const) {
  SAMPLE_CASES.push(
    [`snapshots/${dir}snapshot-show-response.json`, version, detail],
    [`snapshots/${dir}snapshot-create-response.json`, version, create],
    [`snapshots/${dir}snapshot-update-response.json`, version, create],
    [`snapshots/${dir}snapshots-list-detailed-response.json`, version, detail],
  );
}
SAMPLE_CASES.push(['snapshots/snapshots-list-response.json', '3.0', summary]);

/** The first snapshot of a sample body, whether a single snapshot or a list. */
function sampleItem(file: string): Record<string, unknown> {
  const body = loadSample(file);
  return (body.snapshot ?? (body.snapshots as unknown[])[0]) as Record<string, unknown>;
}

/** The read-model row that should render as `item`. */
function viewFrom(item: Record<string, unknown>): SnapshotView {
  return {
    id: item.id as string,
    projectId: (item['os-extended-snapshot-attributes:project_id'] as string) ?? 'p',
    userId: (item.user_id as string) ?? 'u',
    volumeId: item.volume_id as string,
    name: item.name as string | null,
    description: item.description as string | null,
    status: item.status as string,
    progress: (item['os-extended-snapshot-attributes:progress'] as string) ?? '0%',
    size: item.size as number,
    metadata: item.metadata as Record<string, string>,
    createdAt: item.created_at as string,
    updatedAt: item.updated_at as string | null,
    groupSnapshotId: (item.group_snapshot_id as string | null) ?? null,
    consumesQuota: (item.consumes_quota as boolean) ?? true,
  };
}

describe.skipIf(!HAVE_SAMPLES)(samplesTitle('snapshot views against the api-ref samples'), () => {
  it.each(SAMPLE_CASES)('%s at %s has the same keys and value types', (file, version, render) => {
    expect(shapeOf(render(VIEW, v(version)))).toEqual(shapeOf(sampleItem(file)));
  });

  it.each(SAMPLE_CASES)('%s at %s is reproduced exactly from its own values', (file, version, render) => {
    const item = sampleItem(file);
    expect(render(viewFrom(item), v(version))).toEqual(item);
  });
});
