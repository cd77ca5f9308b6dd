import { MigrationInterface, QueryRunner } from "typeorm";

export class AccessTypeAndLastUse1795987273579 implements MigrationInterface {
    name = 'AccessTypeAndLastUse1795987273579'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "oauth1_access_tokens" ADD "accessType" character varying NOT NULL DEFAULT 'write'`);
        await queryRunner.query(`ALTER TABLE "oauth1_access_tokens" ADD "lastUsedAt" bigint`);
        await queryRunner.query(`ALTER TABLE "oauth1_request_tokens" ADD "accessType" character varying NOT NULL DEFAULT 'write'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "oauth1_request_tokens" DROP COLUMN "accessType"`);
        await queryRunner.query(`ALTER TABLE "oauth1_access_tokens" DROP COLUMN "lastUsedAt"`);
        await queryRunner.query(`ALTER TABLE "oauth1_access_tokens" DROP COLUMN "accessType"`);
    }

}
