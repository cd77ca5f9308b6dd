import { MigrationInterface, QueryRunner } from "typeorm";

export class AddFailedAttempts1795987447387 implements MigrationInterface {
    name = 'AddFailedAttempts1795987447387'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "failed_attempts" ("kind" character varying NOT NULL, "address" character varying NOT NULL, "failures" integer NOT NULL, "windowStartedAt" bigint NOT NULL, "blockedUntil" bigint NOT NULL, CONSTRAINT "PK_5f765575b3dec41968a25d193a8" PRIMARY KEY ("kind", "address"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "failed_attempts"`);
    }

}
