import { NotFound } from '#ember/cinder';

/** A metadata key with an (encoded) `/` matches no route in Cinder: its router answers 404. */
export function routable(key: string): void {
  if (key.includes('/')) throw new NotFound();
}
