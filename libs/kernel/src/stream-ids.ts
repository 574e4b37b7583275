/** Stream naming: one stream per aggregate, `<kind>-<uuid>`. */
export const snapshotStream = (id: string): string => `snapshot-${id}`;
export const volumeStream = (id: string): string => `volume-${id}`;
