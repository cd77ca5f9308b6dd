import { MigrationInterface, QueryRunner } from "typeorm";

export class AddFailedAttempts1795987436380 implements MigrationInterface {
    name = 'AddFailedAttempts1795987436380'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "failed_attempts" ("kind" varchar NOT NULL, "address" varchar NOT NULL, "failures" integer NOT NULL, "windowStartedAt" bigint NOT NULL, "blockedUntil" bigint NOT NULL, PRIMARY KEY ("kind", "address"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "failed_attempts"`);
    }

}
