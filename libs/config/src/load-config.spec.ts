import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('fills the documented defaults from an empty environment', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/ember');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.apiPort).toBe(8776);
    expect(c.auth).toBe('noauth');
    expect(c.quotaSnapshots).toBe(10);
    expect(c.dataDir.endsWith('/var/data')).toBe(true);
  });

  it('names every invalid variable at once', () => {
    const attempt = () => loadConfig({ EMBER_API_PORT: 'eighty', EMBER_AUTH: 'ldap', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('EMBER_API_PORT must be an integer');
      expect(msg).toContain('EMBER_AUTH must be noauth or keystone');
      expect(msg).toContain('DATABASE_URL must be a postgres:// URL');
    }
  });

  it('requires a Keystone URL only in keystone mode', () => {
    expect(() => loadConfig({ EMBER_AUTH: 'keystone' })).toThrow(/EMBER_KEYSTONE_URL/);
    expect(loadConfig({ EMBER_AUTH: 'keystone', EMBER_KEYSTONE_URL: 'http://127.0.0.1:5000/v3' }).keystoneUrl).toBe(
      'http://127.0.0.1:5000/v3',
    );
  });

  it('runs one API process unless EMBER_API_PROCESSES asks for more (at least 1)', () => {
    expect(loadConfig({}).apiProcesses).toBe(1);
    expect(loadConfig({ EMBER_API_PROCESSES: '2' }).apiProcesses).toBe(2);
    expect(() => loadConfig({ EMBER_API_PROCESSES: '0' })).toThrow(/EMBER_API_PROCESSES must be at least 1/);
    expect(() => loadConfig({ EMBER_API_PROCESSES: 'two' })).toThrow(/EMBER_API_PROCESSES must be an integer/);
  });

  it('schedules the worker normally unless EMBER_WORKER_SCHED says idle', () => {
    expect(loadConfig({}).workerSched).toBe('normal');
    expect(loadConfig({ EMBER_WORKER_SCHED: 'idle' }).workerSched).toBe('idle');
    expect(() => loadConfig({ EMBER_WORKER_SCHED: 'batch' })).toThrow(/EMBER_WORKER_SCHED must be idle or normal/);
  });

  it('runs a normally scheduled worker at niceness 10 unless EMBER_WORKER_NICE says otherwise (0 to 19)', () => {
    expect(loadConfig({}).workerNice).toBe(10);
    expect(loadConfig({ EMBER_WORKER_NICE: '0' }).workerNice).toBe(0);
    expect(loadConfig({ EMBER_WORKER_NICE: '19' }).workerNice).toBe(19);
    expect(() => loadConfig({ EMBER_WORKER_NICE: '20' })).toThrow(/EMBER_WORKER_NICE must be an integer from 0 to 19/);
    expect(() => loadConfig({ EMBER_WORKER_NICE: '-5' })).toThrow(ConfigError);
  });

  it('caps a group commit at EMBER_GROUP_COMMIT creates (default 64; 1 turns grouping off)', () => {
    expect(loadConfig({}).groupCommit).toBe(64);
    expect(loadConfig({ EMBER_GROUP_COMMIT: '1' }).groupCommit).toBe(1);
    expect(() => loadConfig({ EMBER_GROUP_COMMIT: '0' })).toThrow(/EMBER_GROUP_COMMIT must be an integer from 1 to 1000/);
    expect(() => loadConfig({ EMBER_GROUP_COMMIT: 'many' })).toThrow(/EMBER_GROUP_COMMIT/);
  });

  it("sizes each process's Postgres pool from EMBER_DB_POOL_SIZE (default 20)", () => {
    expect(loadConfig({}).dbPoolSize).toBe(20);
    expect(loadConfig({ EMBER_DB_POOL_SIZE: '8' }).dbPoolSize).toBe(8);
    expect(() => loadConfig({ EMBER_DB_POOL_SIZE: '0' })).toThrow(/EMBER_DB_POOL_SIZE must be at least 1/);
  });

  it('accepts -1 as an unlimited quota but nothing below', () => {
    expect(loadConfig({ EMBER_QUOTA_SNAPSHOTS: '-1' }).quotaSnapshots).toBe(-1);
    expect(() => loadConfig({ EMBER_QUOTA_SNAPSHOTS: '-2' })).toThrow(ConfigError);
  });
});
