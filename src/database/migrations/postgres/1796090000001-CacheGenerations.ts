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
 * A counter per cache of the hot path, bumped by triggers on the tables it reads (see cache-generations.ts): once per
 * statement, except failed_attempts, whose counter moves only when an address's block changes.
 */
export class CacheGenerations1796090000001 implements MigrationInterface {
  name = 'CacheGenerations1796090000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "cache_generations" ("name" character varying NOT NULL PRIMARY KEY, "generation" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "bump_cache_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE "cache_generations" SET "generation" = "generation" + 1 WHERE "name" = TG_ARGV[0];
          RETURN NULL;
        END $$`,
    );
    for (const cache of new Set(CACHE_GENERATION_SOURCES.map((source) => source.cache))) {
      await queryRunner.query(`INSERT INTO "cache_generations" ("name", "generation") VALUES ('${cache}', 0)`);
    }
    for (const { cache, table, onlyWhenBlockedUntilChanges } of CACHE_GENERATION_SOURCES) {
      const bump = `EXECUTE FUNCTION "bump_cache_generation"('${cache}')`;
      if (onlyWhenBlockedUntilChanges) {
        await queryRunner.query(
          `CREATE TRIGGER "${table}_insert_bumps_${cache}" AFTER INSERT ON "${table}"
            FOR EACH ROW WHEN (NEW."blockedUntil" > 0) ${bump}`,
        );
        await queryRunner.query(
          `CREATE TRIGGER "${table}_update_bumps_${cache}" AFTER UPDATE ON "${table}"
            FOR EACH ROW WHEN (NEW."blockedUntil" IS DISTINCT FROM OLD."blockedUntil") ${bump}`,
        );
      } else {
        await queryRunner.query(
          `CREATE TRIGGER "${table}_changes_bump_${cache}" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
            FOR EACH STATEMENT ${bump}`,
        );
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { cache, table } of CACHE_GENERATION_SOURCES) {
      for (const name of [`${table}_insert_bumps_${cache}`, `${table}_update_bumps_${cache}`, `${table}_changes_bump_${cache}`]) {
        await queryRunner.query(`DROP TRIGGER IF EXISTS "${name}" ON "${table}"`);
      }
    }
    await queryRunner.query(`DROP FUNCTION "bump_cache_generation"`);
    await queryRunner.query(`DROP TABLE "cache_generations"`);
  }
}
