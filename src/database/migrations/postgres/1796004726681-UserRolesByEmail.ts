import { MigrationInterface, QueryRunner } from "typeorm";

export class UserRolesByEmail1796004726681 implements MigrationInterface {
    name = 'UserRolesByEmail1796004726681'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "IDX_fb8c5b62ab5a7a949b36664e19" ON "user_roles"  ("email") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_fb8c5b62ab5a7a949b36664e19"`);
    }

}
