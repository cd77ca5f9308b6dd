import { MigrationInterface, QueryRunner } from "typeorm";

export class ApigeeCompanies1795998968369 implements MigrationInterface {
    name = 'ApigeeCompanies1795998968369'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "companies" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "companyId" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "name" varchar NOT NULL, "displayName" varchar NOT NULL, "status" varchar NOT NULL, "attributes" text NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_62def9fa46a11929f556b0c99c" ON "companies" ("organization", "name") `);
        await queryRunner.query(`CREATE TABLE "company_developers" ("companyId" varchar NOT NULL, "developerId" varchar NOT NULL, "role" varchar, PRIMARY KEY ("companyId", "developerId"))`);
        await queryRunner.query(`CREATE INDEX "IDX_b5be70c918329fe4c9117ab1e1" ON "company_developers" ("developerId") `);
        await queryRunner.query(`DROP INDEX "IDX_24d994646f4268cb0eb9f8ef0f"`);
        await queryRunner.query(`CREATE TABLE "temporary_api_products" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "id" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "name" varchar NOT NULL, "displayName" varchar NOT NULL, "description" varchar NOT NULL DEFAULT (''), "approvalType" varchar NOT NULL, "scopes" text NOT NULL, "attributes" text NOT NULL, "apiResources" text NOT NULL DEFAULT ('[]'), "environments" text NOT NULL DEFAULT ('[]'), "proxies" text NOT NULL DEFAULT ('[]'), "quota" varchar, "quotaInterval" varchar, "quotaTimeUnit" varchar)`);
        await queryRunner.query(`INSERT INTO "temporary_api_products"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "id", "organization", "name", "displayName", "description", "approvalType", "scopes", "attributes") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "id", "organization", "name", "displayName", "description", "approvalType", "scopes", "attributes" FROM "api_products"`);
        await queryRunner.query(`DROP TABLE "api_products"`);
        await queryRunner.query(`ALTER TABLE "temporary_api_products" RENAME TO "api_products"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_24d994646f4268cb0eb9f8ef0f" ON "api_products" ("organization", "name") `);
        await queryRunner.query(`DROP INDEX "IDX_685b78544ca36a20988fcc6767"`);
        await queryRunner.query(`DROP INDEX "IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`CREATE TABLE "temporary_developer_apps" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "appId" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "developerId" varchar NOT NULL, "name" varchar NOT NULL, "callbackUrl" varchar, "status" varchar NOT NULL, "attributes" text NOT NULL, "scopes" text NOT NULL, "companyId" varchar, "appFamily" varchar NOT NULL DEFAULT ('default'), CONSTRAINT "FK_e6cdfa06622482e9bc3c176adda" FOREIGN KEY ("developerId") REFERENCES "developers" ("developerId") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_developer_apps"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes" FROM "developer_apps"`);
        await queryRunner.query(`DROP TABLE "developer_apps"`);
        await queryRunner.query(`ALTER TABLE "temporary_developer_apps" RENAME TO "developer_apps"`);
        await queryRunner.query(`CREATE INDEX "IDX_685b78544ca36a20988fcc6767" ON "developer_apps" ("organization") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps" ("developerId", "name") `);
        await queryRunner.query(`DROP INDEX "IDX_685b78544ca36a20988fcc6767"`);
        await queryRunner.query(`DROP INDEX "IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`CREATE TABLE "temporary_developer_apps" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "appId" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "developerId" varchar NOT NULL, "name" varchar NOT NULL, "callbackUrl" varchar, "status" varchar NOT NULL, "attributes" text NOT NULL, "scopes" text NOT NULL, "companyId" varchar, "appFamily" varchar NOT NULL DEFAULT ('default'))`);
        await queryRunner.query(`INSERT INTO "temporary_developer_apps"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes", "companyId", "appFamily") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes", "companyId", "appFamily" FROM "developer_apps"`);
        await queryRunner.query(`DROP TABLE "developer_apps"`);
        await queryRunner.query(`ALTER TABLE "temporary_developer_apps" RENAME TO "developer_apps"`);
        await queryRunner.query(`CREATE INDEX "IDX_685b78544ca36a20988fcc6767" ON "developer_apps" ("organization") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps" ("developerId", "name") `);
        await queryRunner.query(`DROP INDEX "IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`DROP INDEX "IDX_685b78544ca36a20988fcc6767"`);
        await queryRunner.query(`CREATE TABLE "temporary_developer_apps" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "appId" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "developerId" varchar, "name" varchar NOT NULL, "callbackUrl" varchar, "status" varchar NOT NULL, "attributes" text NOT NULL, "scopes" text NOT NULL, "companyId" varchar, "appFamily" varchar NOT NULL DEFAULT ('default'))`);
        await queryRunner.query(`INSERT INTO "temporary_developer_apps"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes", "companyId", "appFamily") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes", "companyId", "appFamily" FROM "developer_apps"`);
        await queryRunner.query(`DROP TABLE "developer_apps"`);
        await queryRunner.query(`ALTER TABLE "temporary_developer_apps" RENAME TO "developer_apps"`);
        await queryRunner.query(`CREATE INDEX "IDX_685b78544ca36a20988fcc6767" ON "developer_apps" ("organization") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_dfb59ddbb40df47225bcc24e70" ON "developer_apps" ("companyId", "name") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps" ("developerId", "name") `);
        await queryRunner.query(`DROP INDEX "IDX_b5be70c918329fe4c9117ab1e1"`);
        await queryRunner.query(`CREATE TABLE "temporary_company_developers" ("companyId" varchar NOT NULL, "developerId" varchar NOT NULL, "role" varchar, CONSTRAINT "FK_c15b0b52de0e3592d4b01897fec" FOREIGN KEY ("companyId") REFERENCES "companies" ("companyId") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_b5be70c918329fe4c9117ab1e12" FOREIGN KEY ("developerId") REFERENCES "developers" ("developerId") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("companyId", "developerId"))`);
        await queryRunner.query(`INSERT INTO "temporary_company_developers"("companyId", "developerId", "role") SELECT "companyId", "developerId", "role" FROM "company_developers"`);
        await queryRunner.query(`DROP TABLE "company_developers"`);
        await queryRunner.query(`ALTER TABLE "temporary_company_developers" RENAME TO "company_developers"`);
        await queryRunner.query(`CREATE INDEX "IDX_b5be70c918329fe4c9117ab1e1" ON "company_developers" ("developerId") `);
        await queryRunner.query(`DROP INDEX "IDX_685b78544ca36a20988fcc6767"`);
        await queryRunner.query(`DROP INDEX "IDX_dfb59ddbb40df47225bcc24e70"`);
        await queryRunner.query(`DROP INDEX "IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`CREATE TABLE "temporary_developer_apps" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "appId" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "developerId" varchar, "name" varchar NOT NULL, "callbackUrl" varchar, "status" varchar NOT NULL, "attributes" text NOT NULL, "scopes" text NOT NULL, "companyId" varchar, "appFamily" varchar NOT NULL DEFAULT ('default'), CONSTRAINT "FK_e6cdfa06622482e9bc3c176adda" FOREIGN KEY ("developerId") REFERENCES "developers" ("developerId") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_08f8e100cc8773412f8a06e51d6" FOREIGN KEY ("companyId") REFERENCES "companies" ("companyId") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_developer_apps"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes", "companyId", "appFamily") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes", "companyId", "appFamily" FROM "developer_apps"`);
        await queryRunner.query(`DROP TABLE "developer_apps"`);
        await queryRunner.query(`ALTER TABLE "temporary_developer_apps" RENAME TO "developer_apps"`);
        await queryRunner.query(`CREATE INDEX "IDX_685b78544ca36a20988fcc6767" ON "developer_apps" ("organization") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_dfb59ddbb40df47225bcc24e70" ON "developer_apps" ("companyId", "name") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps" ("developerId", "name") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`DROP INDEX "IDX_dfb59ddbb40df47225bcc24e70"`);
        await queryRunner.query(`DROP INDEX "IDX_685b78544ca36a20988fcc6767"`);
        await queryRunner.query(`ALTER TABLE "developer_apps" RENAME TO "temporary_developer_apps"`);
        await queryRunner.query(`CREATE TABLE "developer_apps" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "appId" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "developerId" varchar, "name" varchar NOT NULL, "callbackUrl" varchar, "status" varchar NOT NULL, "attributes" text NOT NULL, "scopes" text NOT NULL, "companyId" varchar, "appFamily" varchar NOT NULL DEFAULT ('default'))`);
        await queryRunner.query(`INSERT INTO "developer_apps"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes", "companyId", "appFamily") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes", "companyId", "appFamily" FROM "temporary_developer_apps"`);
        await queryRunner.query(`DROP TABLE "temporary_developer_apps"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps" ("developerId", "name") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_dfb59ddbb40df47225bcc24e70" ON "developer_apps" ("companyId", "name") `);
        await queryRunner.query(`CREATE INDEX "IDX_685b78544ca36a20988fcc6767" ON "developer_apps" ("organization") `);
        await queryRunner.query(`DROP INDEX "IDX_b5be70c918329fe4c9117ab1e1"`);
        await queryRunner.query(`ALTER TABLE "company_developers" RENAME TO "temporary_company_developers"`);
        await queryRunner.query(`CREATE TABLE "company_developers" ("companyId" varchar NOT NULL, "developerId" varchar NOT NULL, "role" varchar, PRIMARY KEY ("companyId", "developerId"))`);
        await queryRunner.query(`INSERT INTO "company_developers"("companyId", "developerId", "role") SELECT "companyId", "developerId", "role" FROM "temporary_company_developers"`);
        await queryRunner.query(`DROP TABLE "temporary_company_developers"`);
        await queryRunner.query(`CREATE INDEX "IDX_b5be70c918329fe4c9117ab1e1" ON "company_developers" ("developerId") `);
        await queryRunner.query(`DROP INDEX "IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`DROP INDEX "IDX_dfb59ddbb40df47225bcc24e70"`);
        await queryRunner.query(`DROP INDEX "IDX_685b78544ca36a20988fcc6767"`);
        await queryRunner.query(`ALTER TABLE "developer_apps" RENAME TO "temporary_developer_apps"`);
        await queryRunner.query(`CREATE TABLE "developer_apps" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "appId" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "developerId" varchar NOT NULL, "name" varchar NOT NULL, "callbackUrl" varchar, "status" varchar NOT NULL, "attributes" text NOT NULL, "scopes" text NOT NULL, "companyId" varchar, "appFamily" varchar NOT NULL DEFAULT ('default'))`);
        await queryRunner.query(`INSERT INTO "developer_apps"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes", "companyId", "appFamily") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes", "companyId", "appFamily" FROM "temporary_developer_apps"`);
        await queryRunner.query(`DROP TABLE "temporary_developer_apps"`);
        await queryRunner.query(`CREATE INDEX "IDX_685b78544ca36a20988fcc6767" ON "developer_apps" ("organization") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps" ("developerId", "name") `);
        await queryRunner.query(`DROP INDEX "IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`DROP INDEX "IDX_685b78544ca36a20988fcc6767"`);
        await queryRunner.query(`ALTER TABLE "developer_apps" RENAME TO "temporary_developer_apps"`);
        await queryRunner.query(`CREATE TABLE "developer_apps" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "appId" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "developerId" varchar NOT NULL, "name" varchar NOT NULL, "callbackUrl" varchar, "status" varchar NOT NULL, "attributes" text NOT NULL, "scopes" text NOT NULL, "companyId" varchar, "appFamily" varchar NOT NULL DEFAULT ('default'), CONSTRAINT "FK_e6cdfa06622482e9bc3c176adda" FOREIGN KEY ("developerId") REFERENCES "developers" ("developerId") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "developer_apps"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes", "companyId", "appFamily") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes", "companyId", "appFamily" FROM "temporary_developer_apps"`);
        await queryRunner.query(`DROP TABLE "temporary_developer_apps"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps" ("developerId", "name") `);
        await queryRunner.query(`CREATE INDEX "IDX_685b78544ca36a20988fcc6767" ON "developer_apps" ("organization") `);
        await queryRunner.query(`DROP INDEX "IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`DROP INDEX "IDX_685b78544ca36a20988fcc6767"`);
        await queryRunner.query(`ALTER TABLE "developer_apps" RENAME TO "temporary_developer_apps"`);
        await queryRunner.query(`CREATE TABLE "developer_apps" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "appId" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "developerId" varchar NOT NULL, "name" varchar NOT NULL, "callbackUrl" varchar, "status" varchar NOT NULL, "attributes" text NOT NULL, "scopes" text NOT NULL, CONSTRAINT "FK_e6cdfa06622482e9bc3c176adda" FOREIGN KEY ("developerId") REFERENCES "developers" ("developerId") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "developer_apps"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes" FROM "temporary_developer_apps"`);
        await queryRunner.query(`DROP TABLE "temporary_developer_apps"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps" ("developerId", "name") `);
        await queryRunner.query(`CREATE INDEX "IDX_685b78544ca36a20988fcc6767" ON "developer_apps" ("organization") `);
        await queryRunner.query(`DROP INDEX "IDX_24d994646f4268cb0eb9f8ef0f"`);
        await queryRunner.query(`ALTER TABLE "api_products" RENAME TO "temporary_api_products"`);
        await queryRunner.query(`CREATE TABLE "api_products" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "id" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "name" varchar NOT NULL, "displayName" varchar NOT NULL, "description" varchar NOT NULL DEFAULT (''), "approvalType" varchar NOT NULL, "scopes" text NOT NULL, "attributes" text NOT NULL)`);
        await queryRunner.query(`INSERT INTO "api_products"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "id", "organization", "name", "displayName", "description", "approvalType", "scopes", "attributes") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "id", "organization", "name", "displayName", "description", "approvalType", "scopes", "attributes" FROM "temporary_api_products"`);
        await queryRunner.query(`DROP TABLE "temporary_api_products"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_24d994646f4268cb0eb9f8ef0f" ON "api_products" ("organization", "name") `);
        await queryRunner.query(`DROP INDEX "IDX_b5be70c918329fe4c9117ab1e1"`);
        await queryRunner.query(`DROP TABLE "company_developers"`);
        await queryRunner.query(`DROP INDEX "IDX_62def9fa46a11929f556b0c99c"`);
        await queryRunner.query(`DROP TABLE "companies"`);
    }

}
