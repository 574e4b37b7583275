/** Volume stream event types (`volume-<uuid>`). Stable strings; a new shape gets a new version. */
export const VolumeEvents = {
  Requested: 'volume.requested.v1',
  Available: 'volume.available.v1',
  Failed: 'volume.failed.v1',
  Attached: 'volume.attached.v1',
  Detached: 'volume.detached.v1',
} as const;

export interface VolumeRequested {
  volumeId: string;
  projectId: string;
  userId: string;
  name: string | null;
  description: string | null;
  metadata: Record<string, string>;
  size: number;
  availabilityZone: string;
  volumeType: string;
  snapshotId: string | null;
  sourceVolid: string | null;
  at: string;
}

export interface VolumeAvailable {
  bytes: number;
  at: string;
}

export interface VolumeFailed {
  code: string;
  reason: string;
  at: string;
}

export interface VolumeAttached {
  attachmentId: string;
  instanceUuid: string | null;
  hostName: string | null;
  mountpoint: string;
  mode: 'rw' | 'ro';
  at: string;
}

export interface VolumeDetached {
  attachmentId: string;
  at: string;
}
