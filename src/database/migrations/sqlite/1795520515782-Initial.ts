import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795520515782 implements MigrationInterface {
    name = 'Initial1795520515782'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "api_products" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "id" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "name" varchar NOT NULL, "displayName" varchar NOT NULL, "description" varchar NOT NULL DEFAULT (''), "approvalType" varchar NOT NULL, "scopes" text NOT NULL, "attributes" text NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_24d994646f4268cb0eb9f8ef0f" ON "api_products" ("organization", "name") `);
        await queryRunner.query(`CREATE TABLE "developer_apps" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "appId" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "developerId" varchar NOT NULL, "name" varchar NOT NULL, "callbackUrl" varchar, "status" varchar NOT NULL, "attributes" text NOT NULL, "scopes" text NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "IDX_685b78544ca36a20988fcc6767" ON "developer_apps" ("organization") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps" ("developerId", "name") `);
        await queryRunner.query(`CREATE TABLE "app_users" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "organization" varchar NOT NULL, "id" varchar NOT NULL, "displayName" varchar NOT NULL, "passwordHash" varchar NOT NULL, "status" varchar NOT NULL, PRIMARY KEY ("organization", "id"))`);
        await queryRunner.query(`CREATE TABLE "developers" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "developerId" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "email" varchar NOT NULL, "firstName" varchar NOT NULL, "lastName" varchar NOT NULL, "userName" varchar NOT NULL, "status" varchar NOT NULL, "attributes" text NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_70f417d933e7acd73b14118654" ON "developers" ("organization", "email") `);
        await queryRunner.query(`CREATE TABLE "credentials" ("consumerKey" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "appId" varchar NOT NULL, "consumerSecret" varchar NOT NULL, "status" varchar NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "scopes" text NOT NULL, "attributes" text NOT NULL, "apiProducts" text NOT NULL, "publicKey" text)`);
        await queryRunner.query(`CREATE INDEX "IDX_7285898435957998b1c3319364" ON "credentials" ("appId") `);
        await queryRunner.query(`CREATE TABLE "organizations" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "name" varchar PRIMARY KEY NOT NULL, "displayName" varchar NOT NULL)`);
        await queryRunner.query(`CREATE TABLE "management_users" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "email" varchar PRIMARY KEY NOT NULL, "firstName" varchar NOT NULL, "lastName" varchar NOT NULL, "passwordHash" varchar NOT NULL, "sysadmin" boolean NOT NULL DEFAULT (0))`);
        await queryRunner.query(`CREATE TABLE "user_roles" ("organization" varchar NOT NULL, "email" varchar NOT NULL, "role" varchar NOT NULL, PRIMARY KEY ("organization", "email", "role"))`);
        await queryRunner.query(`CREATE TABLE "oauth1_access_tokens" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "token" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "consumerKey" varchar NOT NULL, "appId" varchar NOT NULL, "appUserId" varchar NOT NULL, "secret" varchar NOT NULL, "scope" varchar NOT NULL DEFAULT (''), "attributes" text NOT NULL, "status" varchar NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "IDX_c822a2e78d03a226178421d917" ON "oauth1_access_tokens" ("consumerKey") `);
        await queryRunner.query(`CREATE INDEX "IDX_7baf426994e25b92d835d28c55" ON "oauth1_access_tokens" ("appId") `);
        await queryRunner.query(`CREATE TABLE "oauth1_nonces" ("consumerKey" varchar NOT NULL, "token" varchar NOT NULL, "timestamp" bigint NOT NULL, "nonce" varchar NOT NULL, "receivedAt" bigint NOT NULL, PRIMARY KEY ("consumerKey", "token", "timestamp", "nonce"))`);
        await queryRunner.query(`CREATE INDEX "IDX_516fba46024bfbe7e7fc8643a7" ON "oauth1_nonces" ("receivedAt") `);
        await queryRunner.query(`CREATE TABLE "oauth1_request_tokens" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "token" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "consumerKey" varchar NOT NULL, "appId" varchar NOT NULL, "secret" varchar NOT NULL, "callbackUrl" varchar NOT NULL, "scope" varchar NOT NULL DEFAULT (''), "attributes" text NOT NULL, "status" varchar NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "usedAt" bigint)`);
        await queryRunner.query(`CREATE INDEX "IDX_738aad4496ec07ac9c6626b167" ON "oauth1_request_tokens" ("expiresAt") `);
        await queryRunner.query(`CREATE TABLE "oauth1_verifiers" ("createdAt" bigint NOT NULL, "createdBy" varchar NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" varchar NOT NULL, "code" varchar PRIMARY KEY NOT NULL, "organization" varchar NOT NULL, "requestToken" varchar NOT NULL, "appUserId" varchar NOT NULL, "attributes" text NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "IDX_eff58388075bf2455c962763c4" ON "oauth1_verifiers" ("expiresAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_173fb237f87044186ded2279f2" ON "oauth1_verifiers" ("requestToken") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_173fb237f87044186ded2279f2"`);
        await queryRunner.query(`DROP INDEX "IDX_eff58388075bf2455c962763c4"`);
        await queryRunner.query(`DROP TABLE "oauth1_verifiers"`);
        await queryRunner.query(`DROP INDEX "IDX_738aad4496ec07ac9c6626b167"`);
        await queryRunner.query(`DROP TABLE "oauth1_request_tokens"`);
        await queryRunner.query(`DROP INDEX "IDX_516fba46024bfbe7e7fc8643a7"`);
        await queryRunner.query(`DROP TABLE "oauth1_nonces"`);
        await queryRunner.query(`DROP INDEX "IDX_7baf426994e25b92d835d28c55"`);
        await queryRunner.query(`DROP INDEX "IDX_c822a2e78d03a226178421d917"`);
        await queryRunner.query(`DROP TABLE "oauth1_access_tokens"`);
        await queryRunner.query(`DROP TABLE "user_roles"`);
        await queryRunner.query(`DROP TABLE "management_users"`);
        await queryRunner.query(`DROP TABLE "organizations"`);
        await queryRunner.query(`DROP INDEX "IDX_7285898435957998b1c3319364"`);
        await queryRunner.query(`DROP TABLE "credentials"`);
        await queryRunner.query(`DROP INDEX "IDX_70f417d933e7acd73b14118654"`);
        await queryRunner.query(`DROP TABLE "developers"`);
        await queryRunner.query(`DROP TABLE "app_users"`);
        await queryRunner.query(`DROP INDEX "IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`DROP INDEX "IDX_685b78544ca36a20988fcc6767"`);
        await queryRunner.query(`DROP TABLE "developer_apps"`);
        await queryRunner.query(`DROP INDEX "IDX_24d994646f4268cb0eb9f8ef0f"`);
        await queryRunner.query(`DROP TABLE "api_products"`);
    }

}
