import { MigrationInterface, QueryRunner } from "typeorm";

export class UserRolesByEmail1796004725212 implements MigrationInterface {
    name = 'UserRolesByEmail1796004725212'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "IDX_fb8c5b62ab5a7a949b36664e19" ON "user_roles" ("email") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_fb8c5b62ab5a7a949b36664e19"`);
    }

}
