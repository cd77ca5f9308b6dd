import { MigrationInterface, QueryRunner } from 'typeorm';

/** As this migration made them; a later migration that changes what a cache reads adds and drops its own triggers. */
const CACHE_GENERATION_SOURCES = [
  { cache: 'consumers', table: 'credentials' },
  { cache: 'consumers', table: 'developer_apps' },
  { cache: 'consumers', table: 'developers' },
  { cache: 'consumers', table: 'companies' },
  { cache: 'principals', table: 'management_users' },
  { cache: 'principals', table: 'user_roles' },
  { cache: 'principals', table: 'organizations' },
  { cache: 'blocks', table: 'failed_attempts', onlyWhenBlockedUntilChanges: true },
];
/**
 * A counter per cache of the hot path, bumped by triggers on the tables it reads (see cache-generations.ts). SQLite's
 * triggers are per row; a table rebuilt by a later migration loses its triggers, which that migration must recreate
 * (a test checks every source bumps its counter).
 */
export class CacheGenerations1796090000000 implements MigrationInterface {
  name = 'CacheGenerations1796090000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "cache_generations" ("name" varchar PRIMARY KEY NOT NULL, "generation" integer NOT NULL)`,
    );
    for (const cache of new Set(CACHE_GENERATION_SOURCES.map((source) => source.cache))) {
      await queryRunner.query(`INSERT INTO "cache_generations" ("name", "generation") VALUES ('${cache}', 0)`);
    }
    for (const { cache, table, onlyWhenBlockedUntilChanges } of CACHE_GENERATION_SOURCES) {
      const bump = `UPDATE "cache_generations" SET "generation" = "generation" + 1 WHERE "name" = '${cache}'`;
      // The trigger events and their conditions. failed_attempts rows are deleted only by the purge, once they refuse
      // no one, so a delete there changes no cached answer.
      const events: Record<string, string> = onlyWhenBlockedUntilChanges
        ? { INSERT: 'WHEN NEW."blockedUntil" > 0', UPDATE: 'WHEN NEW."blockedUntil" IS NOT OLD."blockedUntil"' }
        : { INSERT: '', UPDATE: '', DELETE: '' };
      for (const [event, when] of Object.entries(events)) {
        await queryRunner.query(
          `CREATE TRIGGER "${table}_${event.toLowerCase()}_bumps_${cache}" AFTER ${event} ON "${table}" ${when}
            BEGIN ${bump}; END`,
        );
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { cache, table } of CACHE_GENERATION_SOURCES) {
      for (const event of ['insert', 'update', 'delete']) {
        await queryRunner.query(`DROP TRIGGER IF EXISTS "${table}_${event}_bumps_${cache}"`);
      }
    }
    await queryRunner.query(`DROP TABLE "cache_generations"`);
  }
}
