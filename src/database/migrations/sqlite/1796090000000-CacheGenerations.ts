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
    for (const { cache, table, onlyWhenBlockedUntilChanges } of CACHE_GENERATION_SOURCES) {
      await queryRunner.query(`INSERT OR IGNORE INTO "cache_generations" ("name", "generation") VALUES ('${cache}', 0)`);
      const bump = `UPDATE "cache_generations" SET "generation" = "generation" + 1 WHERE "name" = '${cache}'`;
      const when = {
        INSERT: onlyWhenBlockedUntilChanges ? 'WHEN NEW."blockedUntil" > 0' : '',
        UPDATE: onlyWhenBlockedUntilChanges ? 'WHEN NEW."blockedUntil" IS NOT OLD."blockedUntil"' : '',
        DELETE: '',
      };
      for (const event of ['INSERT', 'UPDATE', 'DELETE'] as const) {
        if (onlyWhenBlockedUntilChanges && event === 'DELETE') continue;
        await queryRunner.query(
          `CREATE TRIGGER "${table}_${event.toLowerCase()}_bumps_${cache}" AFTER ${event} ON "${table}" ${when[event]}
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
