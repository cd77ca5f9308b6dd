import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795520516221 implements MigrationInterface {
    name = 'Initial1795520516221'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "api_products" ("createdAt" bigint NOT NULL, "createdBy" character varying NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" character varying NOT NULL, "id" character varying NOT NULL, "organization" character varying NOT NULL, "name" character varying NOT NULL, "displayName" character varying NOT NULL, "description" character varying NOT NULL DEFAULT '', "approvalType" character varying NOT NULL, "scopes" text NOT NULL, "attributes" text NOT NULL, CONSTRAINT "PK_f6321ff2f4232471404a7c35ebb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_24d994646f4268cb0eb9f8ef0f" ON "api_products"  ("organization", "name") `);
        await queryRunner.query(`CREATE TABLE "developer_apps" ("createdAt" bigint NOT NULL, "createdBy" character varying NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" character varying NOT NULL, "appId" character varying NOT NULL, "organization" character varying NOT NULL, "developerId" character varying NOT NULL, "name" character varying NOT NULL, "callbackUrl" character varying, "status" character varying NOT NULL, "attributes" text NOT NULL, "scopes" text NOT NULL, CONSTRAINT "PK_56b401978d41782bb484081210e" PRIMARY KEY ("appId"))`);
        await queryRunner.query(`CREATE INDEX "IDX_685b78544ca36a20988fcc6767" ON "developer_apps"  ("organization") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_149780c688f1ad078f3fa19b1b" ON "developer_apps"  ("developerId", "name") `);
        await queryRunner.query(`CREATE TABLE "app_users" ("createdAt" bigint NOT NULL, "createdBy" character varying NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" character varying NOT NULL, "organization" character varying NOT NULL, "id" character varying NOT NULL, "displayName" character varying NOT NULL, "passwordHash" character varying NOT NULL, "status" character varying NOT NULL, CONSTRAINT "PK_10aedf9aa2e9fbd972dae3f1fcc" PRIMARY KEY ("organization", "id"))`);
        await queryRunner.query(`CREATE TABLE "developers" ("createdAt" bigint NOT NULL, "createdBy" character varying NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" character varying NOT NULL, "developerId" character varying NOT NULL, "organization" character varying NOT NULL, "email" character varying NOT NULL, "firstName" character varying NOT NULL, "lastName" character varying NOT NULL, "userName" character varying NOT NULL, "status" character varying NOT NULL, "attributes" text NOT NULL, CONSTRAINT "PK_9fd4637f468b55a5e4f59c39449" PRIMARY KEY ("developerId"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_70f417d933e7acd73b14118654" ON "developers"  ("organization", "email") `);
        await queryRunner.query(`CREATE TABLE "credentials" ("consumerKey" character varying NOT NULL, "organization" character varying NOT NULL, "appId" character varying NOT NULL, "consumerSecret" character varying NOT NULL, "status" character varying NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "scopes" text NOT NULL, "attributes" text NOT NULL, "apiProducts" text NOT NULL, "publicKey" text, CONSTRAINT "PK_ace52b4bb9ab3ce015bde64f47d" PRIMARY KEY ("consumerKey"))`);
        await queryRunner.query(`CREATE INDEX "IDX_7285898435957998b1c3319364" ON "credentials"  ("appId") `);
        await queryRunner.query(`CREATE TABLE "organizations" ("createdAt" bigint NOT NULL, "createdBy" character varying NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" character varying NOT NULL, "name" character varying NOT NULL, "displayName" character varying NOT NULL, CONSTRAINT "PK_9b7ca6d30b94fef571cff876884" PRIMARY KEY ("name"))`);
        await queryRunner.query(`CREATE TABLE "management_users" ("createdAt" bigint NOT NULL, "createdBy" character varying NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" character varying NOT NULL, "email" character varying NOT NULL, "firstName" character varying NOT NULL, "lastName" character varying NOT NULL, "passwordHash" character varying NOT NULL, "sysadmin" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_ab59cceab7f9b271e3009b99874" PRIMARY KEY ("email"))`);
        await queryRunner.query(`CREATE TABLE "user_roles" ("organization" character varying NOT NULL, "email" character varying NOT NULL, "role" character varying NOT NULL, CONSTRAINT "PK_97f604fb33b00529b150829be6a" PRIMARY KEY ("organization", "email", "role"))`);
        await queryRunner.query(`CREATE TABLE "oauth1_access_tokens" ("createdAt" bigint NOT NULL, "createdBy" character varying NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" character varying NOT NULL, "token" character varying NOT NULL, "organization" character varying NOT NULL, "consumerKey" character varying NOT NULL, "appId" character varying NOT NULL, "appUserId" character varying NOT NULL, "secret" character varying NOT NULL, "scope" character varying NOT NULL DEFAULT '', "attributes" text NOT NULL, "status" character varying NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, CONSTRAINT "PK_2de9340764c549179da0777cb6b" PRIMARY KEY ("token"))`);
        await queryRunner.query(`CREATE INDEX "IDX_c822a2e78d03a226178421d917" ON "oauth1_access_tokens"  ("consumerKey") `);
        await queryRunner.query(`CREATE INDEX "IDX_7baf426994e25b92d835d28c55" ON "oauth1_access_tokens"  ("appId") `);
        await queryRunner.query(`CREATE TABLE "oauth1_nonces" ("consumerKey" character varying NOT NULL, "token" character varying NOT NULL, "timestamp" bigint NOT NULL, "nonce" character varying NOT NULL, "receivedAt" bigint NOT NULL, CONSTRAINT "PK_3aba4463affcffd502db3b511aa" PRIMARY KEY ("consumerKey", "token", "timestamp", "nonce"))`);
        await queryRunner.query(`CREATE INDEX "IDX_516fba46024bfbe7e7fc8643a7" ON "oauth1_nonces"  ("receivedAt") `);
        await queryRunner.query(`CREATE TABLE "oauth1_request_tokens" ("createdAt" bigint NOT NULL, "createdBy" character varying NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" character varying NOT NULL, "token" character varying NOT NULL, "organization" character varying NOT NULL, "consumerKey" character varying NOT NULL, "appId" character varying NOT NULL, "secret" character varying NOT NULL, "callbackUrl" character varying NOT NULL, "scope" character varying NOT NULL DEFAULT '', "attributes" text NOT NULL, "status" character varying NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, "usedAt" bigint, CONSTRAINT "PK_52fb1eaeb933d3f9784b506155a" PRIMARY KEY ("token"))`);
        await queryRunner.query(`CREATE INDEX "IDX_738aad4496ec07ac9c6626b167" ON "oauth1_request_tokens"  ("expiresAt") `);
        await queryRunner.query(`CREATE TABLE "oauth1_verifiers" ("createdAt" bigint NOT NULL, "createdBy" character varying NOT NULL, "lastModifiedAt" bigint NOT NULL, "lastModifiedBy" character varying NOT NULL, "code" character varying NOT NULL, "organization" character varying NOT NULL, "requestToken" character varying NOT NULL, "appUserId" character varying NOT NULL, "attributes" text NOT NULL, "issuedAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, CONSTRAINT "PK_eaa5c41b9f90c4bd91df7839a54" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE INDEX "IDX_eff58388075bf2455c962763c4" ON "oauth1_verifiers"  ("expiresAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_173fb237f87044186ded2279f2" ON "oauth1_verifiers"  ("requestToken") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_173fb237f87044186ded2279f2"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_eff58388075bf2455c962763c4"`);
        await queryRunner.query(`DROP TABLE "oauth1_verifiers"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_738aad4496ec07ac9c6626b167"`);
        await queryRunner.query(`DROP TABLE "oauth1_request_tokens"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_516fba46024bfbe7e7fc8643a7"`);
        await queryRunner.query(`DROP TABLE "oauth1_nonces"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7baf426994e25b92d835d28c55"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c822a2e78d03a226178421d917"`);
        await queryRunner.query(`DROP TABLE "oauth1_access_tokens"`);
        await queryRunner.query(`DROP TABLE "user_roles"`);
        await queryRunner.query(`DROP TABLE "management_users"`);
        await queryRunner.query(`DROP TABLE "organizations"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7285898435957998b1c3319364"`);
        await queryRunner.query(`DROP TABLE "credentials"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_70f417d933e7acd73b14118654"`);
        await queryRunner.query(`DROP TABLE "developers"`);
        await queryRunner.query(`DROP TABLE "app_users"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_149780c688f1ad078f3fa19b1b"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_685b78544ca36a20988fcc6767"`);
        await queryRunner.query(`DROP TABLE "developer_apps"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_24d994646f4268cb0eb9f8ef0f"`);
        await queryRunner.query(`DROP TABLE "api_products"`);
    }

}
