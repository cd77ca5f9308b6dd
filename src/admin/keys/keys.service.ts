import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createPublicKey, KeyObject } from 'node:crypto';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import { approvalStatus, type ApprovalAction } from '../admin-routes.js';
import type { AttributeStore, OwnerPath } from '../attributes.js';
import type { NameValue } from '../../database/columns.js';
import { ApiProductsService } from '../apiproducts/apiproducts.service.js';
import { AppsService, type AppOwnerRef, ownerRefOf } from '../apps/apps.service.js';
import type { DeveloperApp } from '../apps/developer-app.entity.js';
import { Credential, type CredentialApiProduct } from './credential.entity.js';
import { CreateKeyDto, credentialView, CredentialView, PutKeyDto, UpdateKeyDto } from './keys.dto.js';

/** A key's path: /developers/{email}/apps/{app}/keys/{key} or /companies/{company}/apps/… in an org. */
export interface KeyPath {
  org: string;
  owner: AppOwnerRef;
  app: string;
  key: string;
}

/** A key path from a route's parameters (`:org`, `:email` or `:company`, `:app`, `:key`). */
export const keyPathOf = (path: OwnerPath): KeyPath => ({
  org: path.org,
  owner: ownerRefOf(path),
  app: path.app,
  key: path.key,
});

const INVALID_PUBLIC_KEY = 'publicKey must be an RSA public key in PEM (-----BEGIN PUBLIC KEY-----)';

/** Normalizes an RSA public key to SPKI PEM. A private key is refused, so that none is ever stored. */
function rsaPublicKey(pem: string): string {
  if (!/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem) || /PRIVATE KEY/.test(pem)) {
    throw AdminErrors.invalidRequest(INVALID_PUBLIC_KEY);
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw AdminErrors.invalidRequest(INVALID_PUBLIC_KEY);
  }
  if (key.asymmetricKeyType !== 'rsa') throw AdminErrors.invalidRequest(INVALID_PUBLIC_KEY);
  return key.export({ type: 'spki', format: 'pem' }) as string;
}

@Injectable()
export class KeysService implements AttributeStore {
  constructor(
    @InjectRepository(Credential) private readonly credentials: Repository<Credential>,
    private readonly apps: AppsService,
    private readonly products: ApiProductsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The key, if it belongs to the app the path names; another app's key is as unknown as a made-up one. The OAuth1
   * records resolve a key's path through this.
   */
  async find(path: KeyPath): Promise<{ app: DeveloperApp; credential: Credential }> {
    const { app } = await this.apps.find(path.org, path.owner, path.app);
    const credential = await this.credentials.findOneBy({ consumerKey: path.key, appId: app.appId });
    if (!credential) throw AdminErrors.keyNotFoundForApp();
    return { app, credential };
  }

  async get(path: KeyPath): Promise<CredentialView> {
    return credentialView((await this.find(path)).credential);
  }

  /** Imports a given key and secret into the app (Apigee's keys/create). */
  async create(path: Omit<KeyPath, 'key'>, body: CreateKeyDto, actor: string): Promise<CredentialView> {
    const { app } = await this.apps.find(path.org, path.owner, path.app);
    const publicKey = body.publicKey ? rsaPublicKey(body.publicKey) : null;
    if (await this.credentials.existsBy({ consumerKey: body.consumerKey })) throw AdminErrors.keyExists();
    const credential = this.credentials.create({
      consumerKey: body.consumerKey,
      consumerSecret: body.consumerSecret,
      organization: path.org,
      appId: app.appId,
      status: 'approved',
      issuedAt: this.clock.now(),
      expiresAt: body.expiresAt ?? -1,
      scopes: body.scopes ?? [],
      attributes: body.attributes ?? [],
      apiProducts: await this.products.grants(path.org, body.apiProducts ?? []),
      publicKey,
    });
    await this.credentials.insert(credential);
    await this.apps.touch(app, actor);
    return credentialView(credential);
  }

  /** Adds API products (those the key has keep their status), replaces attributes, sets or removes publicKey. */
  async update(path: KeyPath, body: UpdateKeyDto, actor: string): Promise<CredentialView> {
    const { app, credential } = await this.find(path);
    const changes: Partial<Credential> = {
      apiProducts: await this.withProducts(path.org, credential, body.apiProducts),
      attributes: body.attributes ?? credential.attributes,
    };
    if (body.publicKey !== undefined) changes.publicKey = body.publicKey ? rsaPublicKey(body.publicKey) : null;
    return this.save(app, credential, changes, actor);
  }

  async readAttributes(path: OwnerPath): Promise<NameValue[]> {
    return (await this.find(keyPathOf(path))).credential.attributes;
  }

  /** A key has no audit fields of its own: its app records the change, as for every other change of a key. */
  async writeAttributes(path: OwnerPath, attributes: NameValue[], actor: string): Promise<void> {
    const { app, credential } = await this.find(keyPathOf(path));
    await this.save(app, credential, { attributes }, actor);
  }

  /**
   * PUT on the key: adds API products as update does, replaces attributes, and replaces scopes, which must each be a
   * scope of one of the key's API products (else 400 InvalidScopes).
   */
  async replace(path: KeyPath, body: PutKeyDto, actor: string): Promise<CredentialView> {
    const { app, credential } = await this.find(path);
    const apiProducts = await this.withProducts(path.org, credential, body.apiProducts);
    const changes: Partial<Credential> = { apiProducts, attributes: body.attributes ?? credential.attributes };
    if (body.scopes !== undefined) {
      const offered = await this.products.scopesOf(
        path.org,
        apiProducts.map((grant) => grant.apiproduct),
      );
      const invalid = body.scopes.filter((scope) => !offered.has(scope));
      if (invalid.length > 0) throw AdminErrors.invalidScopes(invalid);
      changes.scopes = [...new Set(body.scopes)];
    }
    return this.save(app, credential, changes, actor);
  }

  /** The key's grants with the named products added; those it has keep their status. */
  private async withProducts(
    org: string,
    credential: Credential,
    names: string[] | undefined,
  ): Promise<CredentialApiProduct[]> {
    const held = new Set(credential.apiProducts.map((grant) => grant.apiproduct));
    const added = await this.products.grants(org, names ?? []);
    return [...credential.apiProducts, ...added.filter((grant) => !held.has(grant.apiproduct))];
  }

  async setStatus(path: KeyPath, action: ApprovalAction, actor: string): Promise<void> {
    const { app, credential } = await this.find(path);
    await this.save(app, credential, { status: approvalStatus(action) }, actor);
  }

  async setProductStatus(path: KeyPath, product: string, action: ApprovalAction, actor: string): Promise<void> {
    const { app, credential } = await this.find(path);
    if (!credential.apiProducts.some((grant) => grant.apiproduct === product)) {
      throw AdminErrors.apiProductNotFound(product);
    }
    const apiProducts = credential.apiProducts.map((grant) =>
      grant.apiproduct === product ? { ...grant, status: approvalStatus(action) } : grant,
    );
    await this.save(app, credential, { apiProducts }, actor);
  }

  async removeProduct(path: KeyPath, product: string, actor: string): Promise<CredentialView> {
    const { app, credential } = await this.find(path);
    const apiProducts = credential.apiProducts.filter((grant) => grant.apiproduct !== product);
    if (apiProducts.length === credential.apiProducts.length) throw AdminErrors.apiProductNotFound(product);
    return this.save(app, credential, { apiProducts }, actor);
  }

  /** Deletes the key and (the schema's cascade) the OAuth records issued to it. */
  async delete(path: KeyPath, actor: string): Promise<CredentialView> {
    const { app, credential } = await this.find(path);
    await this.credentials.delete({ consumerKey: credential.consumerKey });
    await this.apps.touch(app, actor);
    return credentialView(credential);
  }

  private async save(
    app: DeveloperApp,
    credential: Credential,
    changes: Partial<Credential>,
    actor: string,
  ): Promise<CredentialView> {
    await this.credentials.update({ consumerKey: credential.consumerKey }, changes);
    await this.apps.touch(app, actor);
    return credentialView({ ...credential, ...changes });
  }
}
