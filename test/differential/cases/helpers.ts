import type { Case } from '../case.js';

/** A query string, every value URL-encoded: `qs({ name: 'a b' })` → `?name=a%20b`. */
export const qs = (params: Record<string, string | number>): string =>
  `?${Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
    .replace(/%7B([a-z_]+)%7D/g, '{$1}')}`; // placeholders stay resolvable

/** Stamps a group on a list of cases. */
export const group = (name: string, cases: Omit<Case, 'group'>[]): Case[] => cases.map((c) => ({ ...c, group: name }));

export const SNAPSHOTS = '/v3/{project}/snapshots';
export const SNAPSHOT = '/v3/{project}/snapshots/{snapshot}';
