/** The read-model row a volume response is built from (timestamps already in Cinder's text format). */
export interface VolumeView {
  id: string;
  projectId: string;
  userId: string;
  name: string | null;
  description: string | null;
  status: string;
  size: number;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string | null;
  snapshotId: string | null;
  sourceVolid: string | null;
  availabilityZone: string;
  /** Volume type *name* (`__DEFAULT__` by default). */
  volumeType: string;
  volumeTypeId: string;
  bootable: boolean;
  /** Attachment objects, rendered as given. */
  attachments: unknown[];
  multiattach: boolean;
  consumesQuota: boolean;
  migrationStatus: string | null;
  /** Backend host (`os-vol-host-attr:host`, admins only); null when unscheduled. */
  host?: string | null;
}

/** How a volume is being rendered for this request. */
export interface VolumeViewOptions {
  /** scheme://host[:port][/prefix], no version (see `requestBaseUrl`). */
  baseUrl: string;
  /** The project id when the request URL had one (links then include it), else null. */
  projectInUrl: string | null;
  /** Caller is admin: adds migration_status, provider_id, cluster_name and the admin extension keys. */
  admin: boolean;
  /** Show/detail add the `os-vol-*` extension keys; create/update responses do not. Default true. */
  extendedAttributes?: boolean;
}
