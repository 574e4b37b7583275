import { getMetadataArgsStorage } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '#ember/platform';
import { READ_MODEL_TABLES } from './read-models.js';

describe('read models a replay rebuilds', () => {
  it('are exactly the tables of the platform entities (add a read model here when you add one there)', () => {
    const tables = ENTITIES.map((entity) => getMetadataArgsStorage().tables.find((t) => t.target === entity)?.name);
    expect([...READ_MODEL_TABLES].sort()).toEqual([...tables].sort());
  });
});
