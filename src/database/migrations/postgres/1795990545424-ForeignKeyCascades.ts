import { MigrationInterface, QueryRunner } from "typeorm";

export class ForeignKeyCascades1795990545424 implements MigrationInterface {
    name = 'ForeignKeyCascades1795990545424'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Rows whose parent is gone (the hand-written cascades could leave some) would fail the new constraints: delete
        // them first, parents before children, as the cascades would have.
        await queryRunner.query(`DELETE FROM "developer_apps" WHERE "developerId" NOT IN (SELECT "developerId" FROM "developers")`);
        await queryRunner.query(`DELETE FROM "credentials" WHERE "appId" NOT IN (SELECT "appId" FROM "developer_apps")`);
        await queryRunner.query(`DELETE FROM "user_roles" WHERE "email" NOT IN (SELECT "email" FROM "management_users")`);
        await queryRunner.query(`DELETE FROM "oauth1_access_tokens" WHERE "consumerKey" NOT IN (SELECT "consumerKey" FROM "credentials") OR "appId" NOT IN (SELECT "appId" FROM "developer_apps")`);
        await queryRunner.query(`DELETE FROM "oauth1_request_tokens" WHERE "consumerKey" NOT IN (SELECT "consumerKey" FROM "credentials") OR "appId" NOT IN (SELECT "appId" FROM "developer_apps")`);
        await queryRunner.query(`DELETE FROM "oauth1_verifiers" WHERE "requestToken" NOT IN (SELECT "token" FROM "oauth1_request_tokens")`);
        await queryRunner.query(`ALTER TABLE "developer_apps" ADD CONSTRAINT "FK_e6cdfa06622482e9bc3c176adda" FOREIGN KEY ("developerId") REFERENCES "developers"("developerId") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "credentials" ADD CONSTRAINT "FK_7285898435957998b1c33193644" FOREIGN KEY ("appId") REFERENCES "developer_apps"("appId") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "user_roles" ADD CONSTRAINT "FK_fb8c5b62ab5a7a949b36664e19a" FOREIGN KEY ("email") REFERENCES "management_users"("email") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "oauth1_access_tokens" ADD CONSTRAINT "FK_c822a2e78d03a226178421d9174" FOREIGN KEY ("consumerKey") REFERENCES "credentials"("consumerKey") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "oauth1_access_tokens" ADD CONSTRAINT "FK_7baf426994e25b92d835d28c556" FOREIGN KEY ("appId") REFERENCES "developer_apps"("appId") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "oauth1_request_tokens" ADD CONSTRAINT "FK_1c878fa51d2f06112a7b1796b14" FOREIGN KEY ("consumerKey") REFERENCES "credentials"("consumerKey") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "oauth1_request_tokens" ADD CONSTRAINT "FK_3ea57a5a0948f04f5d4b2796a37" FOREIGN KEY ("appId") REFERENCES "developer_apps"("appId") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "oauth1_verifiers" ADD CONSTRAINT "FK_173fb237f87044186ded2279f20" FOREIGN KEY ("requestToken") REFERENCES "oauth1_request_tokens"("token") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "oauth1_verifiers" DROP CONSTRAINT "FK_173fb237f87044186ded2279f20"`);
        await queryRunner.query(`ALTER TABLE "oauth1_request_tokens" DROP CONSTRAINT "FK_3ea57a5a0948f04f5d4b2796a37"`);
        await queryRunner.query(`ALTER TABLE "oauth1_request_tokens" DROP CONSTRAINT "FK_1c878fa51d2f06112a7b1796b14"`);
        await queryRunner.query(`ALTER TABLE "oauth1_access_tokens" DROP CONSTRAINT "FK_7baf426994e25b92d835d28c556"`);
        await queryRunner.query(`ALTER TABLE "oauth1_access_tokens" DROP CONSTRAINT "FK_c822a2e78d03a226178421d9174"`);
        await queryRunner.query(`ALTER TABLE "user_roles" DROP CONSTRAINT "FK_fb8c5b62ab5a7a949b36664e19a"`);
        await queryRunner.query(`ALTER TABLE "credentials" DROP CONSTRAINT "FK_7285898435957998b1c33193644"`);
        await queryRunner.query(`ALTER TABLE "developer_apps" DROP CONSTRAINT "FK_e6cdfa06622482e9bc3c176adda"`);
    }

}
