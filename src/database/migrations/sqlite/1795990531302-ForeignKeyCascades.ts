import { MigrationInterface, QueryRunner } from "typeorm";

export class ForeignKeyCascades1795990531302 implements MigrationInterface {
    name = 'ForeignKeyCascades1795990531302'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Rows whose parent is gone (the hand-written cascades could leave some) would fail the new constraints: delete
        // them first, parents before children, as the cascades would have.
        await queryRunner.query(`DELETE FROM "developer_apps" WHERE "developerId" NOT IN (SELECT "developerId" FROM "developers")`);
        await queryRunner.query(`DELETE FROM "credentials" WHERE "appId" NOT IN (SELECT "appId" FROM "developer_apps")`);
        await queryRunner.query(`DELETE FROM "user_roles" WHERE "email" NOT IN (SELECT "email" FROM "management_users")`);
        await queryRunner.query(`DELETE FROM "oauth1_access_tokens" WHERE "consumerKey" NOT IN (SELECT "consumerKey" FROM "credentials") OR "appId" NOT IN (SELECT "appId" FROM "developer_apps")`);
        await queryRunner.query(`DELETE FROM "oauth1_request_tokens" WHERE "consumerKey" NOT IN (SELECT "consumerKey" FROM "credentials") OR "appId" NOT IN (SELECT "appId" FROM "developer_apps")`);
        await queryRunner.query(`DELETE FROM "oauth1_verifiers" WHERE "requestToken" NOT IN (SELECT "token" FROM "oauth1_request_tokens")`);
        // Each table is rebuilt before any table referencing it gets its constraint, so no DROP TABLE cascades.
        await queryRunner.query(`DROP INDEX "IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`DROP INDEX "IDX_685b78544ca36a20988fcc6767"`);
        await queryRunner.query(`CREATE TABLE "temporary_developer_apps" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "appId" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "developerId" varchar NOT NULL, "name" varchar NOT NULL, "callbackUrl" varchar, "status" varchar NOT NULL, "attributes" text NOT NULL, "scopes" text NOT NULL, CONSTRAINT "FK_e6cdfa06622482e9bc3c176adda" FOREIGN KEY ("developerId") REFERENCES "developers" ("developerId") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_developer_apps"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes" FROM "developer_apps"`);
        await queryRunner.query(`DROP TABLE "developer_apps"`);
        await queryRunner.query(`ALTER TABLE "temporary_developer_apps" RENAME TO "developer_apps"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps" ("developerId", "name") `);
        await queryRunner.query(`CREATE INDEX "IDX_685b78544ca36a20988fcc6767" ON "developer_apps" ("organization") `);
        await queryRunner.query(`DROP INDEX "IDX_7285898435957998b1c3319364"`);
        await queryRunner.query(`CREATE TABLE "temporary_credentials" ("consumerKey" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "appId" varchar NOT NULL, "consumerSecret" varchar NOT NULL, "status" varchar NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "scopes" text NOT NULL, "attributes" text NOT NULL, "apiProducts" text NOT NULL, "publicKey" text, CONSTRAINT "FK_7285898435957998b1c33193644" FOREIGN KEY ("appId") REFERENCES "developer_apps" ("appId") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_credentials"("consumerKey", "organization", "appId", "consumerSecret", "status", "issuedAt", "expiresAt", "scopes", "attributes", "apiProducts", "publicKey") SELECT "consumerKey", "organization", "appId", "consumerSecret", "status", "issuedAt", "expiresAt", "scopes", "attributes", "apiProducts", "publicKey" FROM "credentials"`);
        await queryRunner.query(`DROP TABLE "credentials"`);
        await queryRunner.query(`ALTER TABLE "temporary_credentials" RENAME TO "credentials"`);
        await queryRunner.query(`CREATE INDEX "IDX_7285898435957998b1c3319364" ON "credentials" ("appId") `);
        await queryRunner.query(`CREATE TABLE "temporary_user_roles" ("organization" varchar NOT NULL, "email" varchar NOT NULL, "role" varchar NOT NULL, CONSTRAINT "FK_fb8c5b62ab5a7a949b36664e19a" FOREIGN KEY ("email") REFERENCES "management_users" ("email") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("organization", "email", "role"))`);
        await queryRunner.query(`INSERT INTO "temporary_user_roles"("organization", "email", "role") SELECT "organization", "email", "role" FROM "user_roles"`);
        await queryRunner.query(`DROP TABLE "user_roles"`);
        await queryRunner.query(`ALTER TABLE "temporary_user_roles" RENAME TO "user_roles"`);
        await queryRunner.query(`DROP INDEX "IDX_c822a2e78d03a226178421d917"`);
        await queryRunner.query(`DROP INDEX "IDX_7baf426994e25b92d835d28c55"`);
        await queryRunner.query(`CREATE TABLE "temporary_oauth1_access_tokens" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "token" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "consumerKey" varchar NOT NULL, "appId" varchar NOT NULL, "appUserId" varchar NOT NULL, "secret" varchar NOT NULL, "scope" varchar NOT NULL DEFAULT (''), "attributes" text NOT NULL, "status" varchar NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "accessType" varchar NOT NULL DEFAULT ('write'), "lastUsedAt" bigint, CONSTRAINT "FK_c822a2e78d03a226178421d9174" FOREIGN KEY ("consumerKey") REFERENCES "credentials" ("consumerKey") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_7baf426994e25b92d835d28c556" FOREIGN KEY ("appId") REFERENCES "developer_apps" ("appId") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_oauth1_access_tokens"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "appUserId", "secret", "scope", "attributes", "status", "issuedAt", "expiresAt", "accessType", "lastUsedAt") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "appUserId", "secret", "scope", "attributes", "status", "issuedAt", "expiresAt", "accessType", "lastUsedAt" FROM "oauth1_access_tokens"`);
        await queryRunner.query(`DROP TABLE "oauth1_access_tokens"`);
        await queryRunner.query(`ALTER TABLE "temporary_oauth1_access_tokens" RENAME TO "oauth1_access_tokens"`);
        await queryRunner.query(`CREATE INDEX "IDX_c822a2e78d03a226178421d917" ON "oauth1_access_tokens" ("consumerKey") `);
        await queryRunner.query(`CREATE INDEX "IDX_7baf426994e25b92d835d28c55" ON "oauth1_access_tokens" ("appId") `);
        await queryRunner.query(`DROP INDEX "IDX_738aad4496ec07ac9c6626b167"`);
        await queryRunner.query(`CREATE TABLE "temporary_oauth1_request_tokens" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "token" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "consumerKey" varchar NOT NULL, "appId" varchar NOT NULL, "secret" varchar NOT NULL, "callbackUrl" varchar NOT NULL, "scope" varchar NOT NULL DEFAULT (''), "attributes" text NOT NULL, "status" varchar NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "usedAt" bigint, "accessType" varchar NOT NULL DEFAULT ('write'), CONSTRAINT "FK_1c878fa51d2f06112a7b1796b14" FOREIGN KEY ("consumerKey") REFERENCES "credentials" ("consumerKey") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_3ea57a5a0948f04f5d4b2796a37" FOREIGN KEY ("appId") REFERENCES "developer_apps" ("appId") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_oauth1_request_tokens"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "secret", "callbackUrl", "scope", "attributes", "status", "issuedAt", "expiresAt", "usedAt", "accessType") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "secret", "callbackUrl", "scope", "attributes", "status", "issuedAt", "expiresAt", "usedAt", "accessType" FROM "oauth1_request_tokens"`);
        await queryRunner.query(`DROP TABLE "oauth1_request_tokens"`);
        await queryRunner.query(`ALTER TABLE "temporary_oauth1_request_tokens" RENAME TO "oauth1_request_tokens"`);
        await queryRunner.query(`CREATE INDEX "IDX_738aad4496ec07ac9c6626b167" ON "oauth1_request_tokens" ("expiresAt") `);
        await queryRunner.query(`DROP INDEX "IDX_173fb237f87044186ded2279f2"`);
        await queryRunner.query(`DROP INDEX "IDX_eff58388075bf2455c962763c4"`);
        await queryRunner.query(`CREATE TABLE "temporary_oauth1_verifiers" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "code" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "requestToken" varchar NOT NULL, "appUserId" varchar NOT NULL, "attributes" text NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, CONSTRAINT "FK_173fb237f87044186ded2279f20" FOREIGN KEY ("requestToken") REFERENCES "oauth1_request_tokens" ("token") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_oauth1_verifiers"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "code", "organization", "requestToken", "appUserId", "attributes", "issuedAt", "expiresAt") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "code", "organization", "requestToken", "appUserId", "attributes", "issuedAt", "expiresAt" FROM "oauth1_verifiers"`);
        await queryRunner.query(`DROP TABLE "oauth1_verifiers"`);
        await queryRunner.query(`ALTER TABLE "temporary_oauth1_verifiers" RENAME TO "oauth1_verifiers"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_173fb237f87044186ded2279f2" ON "oauth1_verifiers" ("requestToken") `);
        await queryRunner.query(`CREATE INDEX "IDX_eff58388075bf2455c962763c4" ON "oauth1_verifiers" ("expiresAt") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_eff58388075bf2455c962763c4"`);
        await queryRunner.query(`DROP INDEX "IDX_173fb237f87044186ded2279f2"`);
        await queryRunner.query(`ALTER TABLE "oauth1_verifiers" RENAME TO "temporary_oauth1_verifiers"`);
        await queryRunner.query(`CREATE TABLE "oauth1_verifiers" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "code" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "requestToken" varchar NOT NULL, "appUserId" varchar NOT NULL, "attributes" text NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL)`);
        await queryRunner.query(`INSERT INTO "oauth1_verifiers"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "code", "organization", "requestToken", "appUserId", "attributes", "issuedAt", "expiresAt") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "code", "organization", "requestToken", "appUserId", "attributes", "issuedAt", "expiresAt" FROM "temporary_oauth1_verifiers"`);
        await queryRunner.query(`DROP TABLE "temporary_oauth1_verifiers"`);
        await queryRunner.query(`CREATE INDEX "IDX_eff58388075bf2455c962763c4" ON "oauth1_verifiers" ("expiresAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_173fb237f87044186ded2279f2" ON "oauth1_verifiers" ("requestToken") `);
        await queryRunner.query(`DROP INDEX "IDX_738aad4496ec07ac9c6626b167"`);
        await queryRunner.query(`ALTER TABLE "oauth1_request_tokens" RENAME TO "temporary_oauth1_request_tokens"`);
        await queryRunner.query(`CREATE TABLE "oauth1_request_tokens" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "token" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "consumerKey" varchar NOT NULL, "appId" varchar NOT NULL, "secret" varchar NOT NULL, "callbackUrl" varchar NOT NULL, "scope" varchar NOT NULL DEFAULT (''), "attributes" text NOT NULL, "status" varchar NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "usedAt" bigint, "accessType" varchar NOT NULL DEFAULT ('write'))`);
        await queryRunner.query(`INSERT INTO "oauth1_request_tokens"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "secret", "callbackUrl", "scope", "attributes", "status", "issuedAt", "expiresAt", "usedAt", "accessType") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "secret", "callbackUrl", "scope", "attributes", "status", "issuedAt", "expiresAt", "usedAt", "accessType" FROM "temporary_oauth1_request_tokens"`);
        await queryRunner.query(`DROP TABLE "temporary_oauth1_request_tokens"`);
        await queryRunner.query(`CREATE INDEX "IDX_738aad4496ec07ac9c6626b167" ON "oauth1_request_tokens" ("expiresAt") `);
        await queryRunner.query(`DROP INDEX "IDX_7baf426994e25b92d835d28c55"`);
        await queryRunner.query(`DROP INDEX "IDX_c822a2e78d03a226178421d917"`);
        await queryRunner.query(`ALTER TABLE "oauth1_access_tokens" RENAME TO "temporary_oauth1_access_tokens"`);
        await queryRunner.query(`CREATE TABLE "oauth1_access_tokens" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "token" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "consumerKey" varchar NOT NULL, "appId" varchar NOT NULL, "appUserId" varchar NOT NULL, "secret" varchar NOT NULL, "scope" varchar NOT NULL DEFAULT (''), "attributes" text NOT NULL, "status" varchar NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "accessType" varchar NOT NULL DEFAULT ('write'), "lastUsedAt" bigint)`);
        await queryRunner.query(`INSERT INTO "oauth1_access_tokens"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "appUserId", "secret", "scope", "attributes", "status", "issuedAt", "expiresAt", "accessType", "lastUsedAt") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "appUserId", "secret", "scope", "attributes", "status", "issuedAt", "expiresAt", "accessType", "lastUsedAt" FROM "temporary_oauth1_access_tokens"`);
        await queryRunner.query(`DROP TABLE "temporary_oauth1_access_tokens"`);
        await queryRunner.query(`CREATE INDEX "IDX_7baf426994e25b92d835d28c55" ON "oauth1_access_tokens" ("appId") `);
        await queryRunner.query(`CREATE INDEX "IDX_c822a2e78d03a226178421d917" ON "oauth1_access_tokens" ("consumerKey") `);
        await queryRunner.query(`ALTER TABLE "user_roles" RENAME TO "temporary_user_roles"`);
        await queryRunner.query(`CREATE TABLE "user_roles" ("organization" varchar NOT NULL, "email" varchar NOT NULL, "role" varchar NOT NULL, PRIMARY KEY ("organization", "email", "role"))`);
        await queryRunner.query(`INSERT INTO "user_roles"("organization", "email", "role") SELECT "organization", "email", "role" FROM "temporary_user_roles"`);
        await queryRunner.query(`DROP TABLE "temporary_user_roles"`);
        await queryRunner.query(`DROP INDEX "IDX_7285898435957998b1c3319364"`);
        await queryRunner.query(`ALTER TABLE "credentials" RENAME TO "temporary_credentials"`);
        await queryRunner.query(`CREATE TABLE "credentials" ("consumerKey" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "appId" varchar NOT NULL, "consumerSecret" varchar NOT NULL, "status" varchar NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "scopes" text NOT NULL, "attributes" text NOT NULL, "apiProducts" text NOT NULL, "publicKey" text)`);
        await queryRunner.query(`INSERT INTO "credentials"("consumerKey", "organization", "appId", "consumerSecret", "status", "issuedAt", "expiresAt", "scopes", "attributes", "apiProducts", "publicKey") SELECT "consumerKey", "organization", "appId", "consumerSecret", "status", "issuedAt", "expiresAt", "scopes", "attributes", "apiProducts", "publicKey" FROM "temporary_credentials"`);
        await queryRunner.query(`DROP TABLE "temporary_credentials"`);
        await queryRunner.query(`CREATE INDEX "IDX_7285898435957998b1c3319364" ON "credentials" ("appId") `);
        await queryRunner.query(`DROP INDEX "IDX_685b78544ca36a20988fcc6767"`);
        await queryRunner.query(`DROP INDEX "IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`ALTER TABLE "developer_apps" RENAME TO "temporary_developer_apps"`);
        await queryRunner.query(`CREATE TABLE "developer_apps" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "appId" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "developerId" varchar NOT NULL, "name" varchar NOT NULL, "callbackUrl" varchar, "status" varchar NOT NULL, "attributes" text NOT NULL, "scopes" text NOT NULL)`);
        await queryRunner.query(`INSERT INTO "developer_apps"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes" FROM "temporary_developer_apps"`);
        await queryRunner.query(`DROP TABLE "temporary_developer_apps"`);
        await queryRunner.query(`CREATE INDEX "IDX_685b78544ca36a20988fcc6767" ON "developer_apps" ("organization") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps" ("developerId", "name") `);
    }

}
