import { MigrationInterface, QueryRunner } from "typeorm";

export class AccessTypeAndLastUse1795987265193 implements MigrationInterface {
    name = 'AccessTypeAndLastUse1795987265193'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_7baf426994e25b92d835d28c55"`);
        await queryRunner.query(`DROP INDEX "IDX_c822a2e78d03a226178421d917"`);
        await queryRunner.query(`CREATE TABLE "temporary_oauth1_access_tokens" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "token" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "consumerKey" varchar NOT NULL, "appId" varchar NOT NULL, "appUserId" varchar NOT NULL, "secret" varchar NOT NULL, "scope" varchar NOT NULL DEFAULT (''), "attributes" text NOT NULL, "status" varchar NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "accessType" varchar NOT NULL DEFAULT ('write'), "lastUsedAt" bigint)`);
        await queryRunner.query(`INSERT INTO "temporary_oauth1_access_tokens"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "appUserId", "secret", "scope", "attributes", "status", "issuedAt", "expiresAt") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "appUserId", "secret", "scope", "attributes", "status", "issuedAt", "expiresAt" FROM "oauth1_access_tokens"`);
        await queryRunner.query(`DROP TABLE "oauth1_access_tokens"`);
        await queryRunner.query(`ALTER TABLE "temporary_oauth1_access_tokens" RENAME TO "oauth1_access_tokens"`);
        await queryRunner.query(`CREATE INDEX "IDX_7baf426994e25b92d835d28c55" ON "oauth1_access_tokens" ("appId") `);
        await queryRunner.query(`CREATE INDEX "IDX_c822a2e78d03a226178421d917" ON "oauth1_access_tokens" ("consumerKey") `);
        await queryRunner.query(`DROP INDEX "IDX_738aad4496ec07ac9c6626b167"`);
        await queryRunner.query(`CREATE TABLE "temporary_oauth1_request_tokens" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "token" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "consumerKey" varchar NOT NULL, "appId" varchar NOT NULL, "secret" varchar NOT NULL, "callbackUrl" varchar NOT NULL, "scope" varchar NOT NULL DEFAULT (''), "attributes" text NOT NULL, "status" varchar NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "usedAt" bigint, "accessType" varchar NOT NULL DEFAULT ('write'))`);
        await queryRunner.query(`INSERT INTO "temporary_oauth1_request_tokens"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "secret", "callbackUrl", "scope", "attributes", "status", "issuedAt", "expiresAt", "usedAt") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "secret", "callbackUrl", "scope", "attributes", "status", "issuedAt", "expiresAt", "usedAt" FROM "oauth1_request_tokens"`);
        await queryRunner.query(`DROP TABLE "oauth1_request_tokens"`);
        await queryRunner.query(`ALTER TABLE "temporary_oauth1_request_tokens" RENAME TO "oauth1_request_tokens"`);
        await queryRunner.query(`CREATE INDEX "IDX_738aad4496ec07ac9c6626b167" ON "oauth1_request_tokens" ("expiresAt") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_738aad4496ec07ac9c6626b167"`);
        await queryRunner.query(`ALTER TABLE "oauth1_request_tokens" RENAME TO "temporary_oauth1_request_tokens"`);
        await queryRunner.query(`CREATE TABLE "oauth1_request_tokens" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "token" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "consumerKey" varchar NOT NULL, "appId" varchar NOT NULL, "secret" varchar NOT NULL, "callbackUrl" varchar NOT NULL, "scope" varchar NOT NULL DEFAULT (''), "attributes" text NOT NULL, "status" varchar NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "usedAt" bigint)`);
        await queryRunner.query(`INSERT INTO "oauth1_request_tokens"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "secret", "callbackUrl", "scope", "attributes", "status", "issuedAt", "expiresAt", "usedAt") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "secret", "callbackUrl", "scope", "attributes", "status", "issuedAt", "expiresAt", "usedAt" FROM "temporary_oauth1_request_tokens"`);
        await queryRunner.query(`DROP TABLE "temporary_oauth1_request_tokens"`);
        await queryRunner.query(`CREATE INDEX "IDX_738aad4496ec07ac9c6626b167" ON "oauth1_request_tokens" ("expiresAt") `);
        await queryRunner.query(`DROP INDEX "IDX_c822a2e78d03a226178421d917"`);
        await queryRunner.query(`DROP INDEX "IDX_7baf426994e25b92d835d28c55"`);
        await queryRunner.query(`ALTER TABLE "oauth1_access_tokens" RENAME TO "temporary_oauth1_access_tokens"`);
        await queryRunner.query(`CREATE TABLE "oauth1_access_tokens" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "token" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "consumerKey" varchar NOT NULL, "appId" varchar NOT NULL, "appUserId" varchar NOT NULL, "secret" varchar NOT NULL, "scope" varchar NOT NULL DEFAULT (''), "attributes" text NOT NULL, "status" varchar NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL)`);
        await queryRunner.query(`INSERT INTO "oauth1_access_tokens"("createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "appUserId", "secret", "scope", "attributes", "status", "issuedAt", "expiresAt") SELECT "createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy", "token", "organization", "consumerKey", "appId", "appUserId", "secret", "scope", "attributes", "status", "issuedAt", "expiresAt" FROM "temporary_oauth1_access_tokens"`);
        await queryRunner.query(`DROP TABLE "temporary_oauth1_access_tokens"`);
        await queryRunner.query(`CREATE INDEX "IDX_c822a2e78d03a226178421d917" ON "oauth1_access_tokens" ("consumerKey") `);
        await queryRunner.query(`CREATE INDEX "IDX_7baf426994e25b92d835d28c55" ON "oauth1_access_tokens" ("appId") `);
    }

}
