import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { versionsDocument } from './versions-document.js';

const SAMPLES = resolve(process.cwd(), '../shared/cinder-samples');

describe('versionsDocument', () => {
  it('advertises v3.0 CURRENT with microversions 3.0–3.71 and a self link under the base URL', () => {
    expect(versionsDocument('http://127.0.0.1:8776')).toEqual({
      versions: [
        {
          id: 'v3.0',
          status: 'CURRENT',
          version: '3.71',
          min_version: '3.0',
          updated: '2023-08-31T00:00:00Z',
          links: [
            { rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' },
            { rel: 'self', href: 'http://127.0.0.1:8776/v3/' },
          ],
          'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.volume+json;version=3' }],
        },
      ],
    });
  });

  it('keeps a path prefix and drops a trailing slash of the base URL', () => {
    const links = versionsDocument('https://cloud.example/volume/').versions[0]!.links;
    expect(links[1]).toEqual({ rel: 'self', href: 'https://cloud.example/volume/v3/' });
  });

  it.skipIf(!existsSync(SAMPLES))('equals the api-ref sample for the same host (samples dir present)', () => {
    const sample = JSON.parse(readFileSync(resolve(SAMPLES, 'versions/version-show-response.json'), 'utf8'));
    expect(versionsDocument('http://127.0.0.1:44895')).toEqual(sample);
  });
});
