import { MigrationInterface, QueryRunner } from "typeorm";

export class ApigeeCompanies1795998969696 implements MigrationInterface {
    name = 'ApigeeCompanies1795998969696'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "companies" ("createdAt" bigint NOT NULL, "createdBy" character varying NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" character varying NOT NULL, "companyId" character varying NOT NULL, "organization" character varying NOT NULL, "name" character varying NOT NULL, "displayName" character varying NOT NULL, "status" character varying NOT NULL, "attributes" text NOT NULL, CONSTRAINT "PK_9de34f59e8578db786054269261" PRIMARY KEY ("companyId"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_62def9fa46a11929f556b0c99c" ON "companies"  ("organization", "name") `);
        await queryRunner.query(`CREATE TABLE "company_developers" ("companyId" character varying NOT NULL, "developerId" character varying NOT NULL, "role" character varying, CONSTRAINT "PK_6cd059ef38c345969d2c393797a" PRIMARY KEY ("companyId", "developerId"))`);
        await queryRunner.query(`CREATE INDEX "IDX_b5be70c918329fe4c9117ab1e1" ON "company_developers"  ("developerId") `);
        await queryRunner.query(`ALTER TABLE "api_products" ADD "apiResources" text NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "api_products" ADD "environments" text NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "api_products" ADD "proxies" text NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "api_products" ADD "quota" character varying`);
        await queryRunner.query(`ALTER TABLE "api_products" ADD "quotaInterval" character varying`);
        await queryRunner.query(`ALTER TABLE "api_products" ADD "quotaTimeUnit" character varying`);
        await queryRunner.query(`ALTER TABLE "developer_apps" ADD "companyId" character varying`);
        await queryRunner.query(`ALTER TABLE "developer_apps" ADD "appFamily" character varying NOT NULL DEFAULT 'default'`);
        await queryRunner.query(`ALTER TABLE "developer_apps" DROP CONSTRAINT "FK_e6cdfa06622482e9bc3c176adda"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`ALTER TABLE "developer_apps" ALTER COLUMN "developerId" DROP NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_dfb59ddbb40df47225bcc24e70" ON "developer_apps"  ("companyId", "name") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps"  ("developerId", "name") `);
        await queryRunner.query(`ALTER TABLE "company_developers" ADD CONSTRAINT "FK_c15b0b52de0e3592d4b01897fec" FOREIGN KEY ("companyId") REFERENCES "companies"("companyId") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "company_developers" ADD CONSTRAINT "FK_b5be70c918329fe4c9117ab1e12" FOREIGN KEY ("developerId") REFERENCES "developers"("developerId") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "developer_apps" ADD CONSTRAINT "FK_e6cdfa06622482e9bc3c176adda" FOREIGN KEY ("developerId") REFERENCES "developers"("developerId") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "developer_apps" ADD CONSTRAINT "FK_08f8e100cc8773412f8a06e51d6" FOREIGN KEY ("companyId") REFERENCES "companies"("companyId") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "developer_apps" DROP CONSTRAINT "FK_08f8e100cc8773412f8a06e51d6"`);
        await queryRunner.query(`ALTER TABLE "developer_apps" DROP CONSTRAINT "FK_e6cdfa06622482e9bc3c176adda"`);
        await queryRunner.query(`ALTER TABLE "company_developers" DROP CONSTRAINT "FK_b5be70c918329fe4c9117ab1e12"`);
        await queryRunner.query(`ALTER TABLE "company_developers" DROP CONSTRAINT "FK_c15b0b52de0e3592d4b01897fec"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_dfb59ddbb40df47225bcc24e70"`);
        await queryRunner.query(`ALTER TABLE "developer_apps" ALTER COLUMN "developerId" SET NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps" USING btree ("developerId", "name") `);
        await queryRunner.query(`ALTER TABLE "developer_apps" ADD CONSTRAINT "FK_e6cdfa06622482e9bc3c176adda" FOREIGN KEY ("developerId") REFERENCES "developers"("developerId") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "developer_apps" DROP COLUMN "appFamily"`);
        await queryRunner.query(`ALTER TABLE "developer_apps" DROP COLUMN "companyId"`);
        await queryRunner.query(`ALTER TABLE "api_products" DROP COLUMN "quotaTimeUnit"`);
        await queryRunner.query(`ALTER TABLE "api_products" DROP COLUMN "quotaInterval"`);
        await queryRunner.query(`ALTER TABLE "api_products" DROP COLUMN "quota"`);
        await queryRunner.query(`ALTER TABLE "api_products" DROP COLUMN "proxies"`);
        await queryRunner.query(`ALTER TABLE "api_products" DROP COLUMN "environments"`);
        await queryRunner.query(`ALTER TABLE "api_products" DROP COLUMN "apiResources"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_b5be70c918329fe4c9117ab1e1"`);
        await queryRunner.query(`DROP TABLE "company_developers"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_62def9fa46a11929f556b0c99c"`);
        await queryRunner.query(`DROP TABLE "companies"`);
    }

}
