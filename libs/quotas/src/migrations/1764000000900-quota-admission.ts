import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ADMIT_LOCK, QUOTA_LOCK, QUOTA_REFUSED_SQLSTATE } from '../infrastructure/quota-locks.js';

/**
 * `ember_quota_admit(...)`: QuotaGuard's admission of one event as one statement, so that it can ride
 * in the append's batch without its answer being waited for (a refusal fails the statement, and the
 * transaction with it). Same rules and locks as the guard had in TypeScript:
 *
 * - the project's quota lock shared, then the limits (read after the lock: the limits committed
 *   before it; a VOLATILE function takes a fresh snapshot per statement under READ COMMITTED);
 * - `p_size` (volumes only) against `per_volume_gigabytes`;
 * - each resource that grows against its total and per-type limit, if either is finite: under the
 *   (project, resource) admission lock, the usage summed over its shards.
 *
 * A refusal raises SQLSTATE EMQTA; its DETAIL is JSON with the figures the guard turns into Cinder's
 * message: `{"perVolume", "size"}` or `{"resource", "delta", "total", "typed", "consumed"}`.
 */
export class QuotaAdmission1764000000900 implements MigrationInterface {
  name = 'QuotaAdmission1764000000900';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION ember_quota_admit(p_project text, p_resources text[], p_typed_keys text[], p_deltas bigint[],
                                        p_defaults bigint[], p_size integer) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        v_limits jsonb;
        v_per_volume bigint;
        v_total bigint;
        v_typed bigint;
        v_consumed bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(${QUOTA_LOCK}, hashtext(p_project));
        SELECT coalesce(jsonb_object_agg(l.resource, l.hard_limit), '{}') INTO v_limits
          FROM quota_limits l
         WHERE l.project_id = p_project AND l.resource = ANY ('{per_volume_gigabytes}' || p_resources || p_typed_keys);
        IF p_size IS NOT NULL THEN
          v_per_volume := coalesce((v_limits->>'per_volume_gigabytes')::bigint, -1);
          IF v_per_volume >= 0 AND p_size > v_per_volume THEN
            RAISE EXCEPTION 'quota: a volume of %G is over the per-volume limit', p_size USING ERRCODE = '${QUOTA_REFUSED_SQLSTATE}',
              DETAIL = json_build_object('perVolume', v_per_volume, 'size', p_size)::text;
          END IF;
        END IF;
        FOR i IN 1 .. coalesce(array_length(p_resources, 1), 0) LOOP
          CONTINUE WHEN p_deltas[i] <= 0;
          v_total := coalesce((v_limits->>p_resources[i])::bigint, p_defaults[i]);
          v_typed := coalesce((v_limits->>p_typed_keys[i])::bigint, -1);
          CONTINUE WHEN v_total < 0 AND v_typed < 0;
          PERFORM pg_advisory_xact_lock(${ADMIT_LOCK}, hashtext(p_project || '/' || p_resources[i]));
          SELECT coalesce(sum(u.in_use), 0) INTO v_consumed
            FROM quota_usages u WHERE u.project_id = p_project AND u.resource = p_resources[i];
          IF (v_total >= 0 AND v_consumed + p_deltas[i] > v_total) OR (v_typed >= 0 AND v_consumed + p_deltas[i] > v_typed) THEN
            RAISE EXCEPTION 'quota: % over its limit', p_resources[i] USING ERRCODE = '${QUOTA_REFUSED_SQLSTATE}',
              DETAIL = json_build_object('resource', p_resources[i], 'delta', p_deltas[i], 'total', v_total,
                                         'typed', v_typed, 'consumed', v_consumed)::text;
          END IF;
        END LOOP;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION ember_quota_admit(text, text[], text[], bigint[], bigint[], integer)');
  }
}
