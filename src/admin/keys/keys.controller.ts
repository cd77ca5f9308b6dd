import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
  Type as ClassType,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, AdminAccess } from '../../common/auth/admin-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { ErrorView } from '../../common/dto.js';
import { XmlRoot } from '../../common/http/xml-response.js';
import { actionOrUpdate, ApiAction, ApiActionOrUpdate, APPROVAL_ACTIONS, parseAction } from '../admin-routes.js';
import { attributesController, type OwnerPath } from '../attributes.js';
import { ownerRefOf } from '../apps/apps.service.js';
import { CreateKeyDto, CredentialView, PutKeyDto, UpdateKeyDto } from './keys.dto.js';
import { keyPathOf, KeysService } from './keys.service.js';

/** Where an app's keys live: a developer's app or a company's. */
interface AppRoutes {
  /** Names the controllers, and so their operationIds: "Keys", "CompanyKeys". */
  name: string;
  /** The app's paths, under both organization prefixes. */
  paths: string[];
  /** The code of an unknown owner. */
  ownerNotFound: string;
}

const DEVELOPER_APPS: AppRoutes = {
  name: 'Keys',
  paths: ['v1/o/:org/developers/:email/apps/:app', 'v1/organizations/:org/developers/:email/apps/:app'],
  ownerNotFound: 'developer.service.DeveloperIdDoesNotExist',
};
const COMPANY_APPS: AppRoutes = {
  name: 'CompanyKeys',
  paths: ['v1/o/:org/companies/:company/apps/:app', 'v1/organizations/:org/companies/:company/apps/:app'],
  ownerNotFound: 'developer.service.CompanyDoesNotExist',
};

const keyNotFound = ({ ownerNotFound }: AppRoutes) =>
  `${ownerNotFound}, developer.service.AppDoesNotExist or ` +
  'keymanagement.service.InvalidClientIdForGivenApp (also for a key of another app)';

/**
 * An app's keys (contract 2.4): import, read, update or approve/revoke, replace, delete, and their API products. One
 * set of routes for developer apps and company apps alike: the path's owner parameter names which.
 */
function keysController(routes: AppRoutes): ClassType {
  const KEY_NOT_FOUND = { type: ErrorView, description: keyNotFound(routes) };
  const PRODUCT_NOT_FOUND = {
    type: ErrorView,
    description: `${KEY_NOT_FOUND.description}, or keymanagement.service.apiproduct_doesnot_exist (not on the key)`,
  };

  @ApiTags('keys')
  @Controller(routes.paths.map((path) => `${path}/keys`))
  class KeysController {
    constructor(private readonly keys: KeysService) {}

    @Post('create')
    @HttpCode(201)
    @AdminAccess('org')
    @XmlRoot('Credential')
    @ApiCreatedResponse({ type: CredentialView, description: 'The imported key' })
    @ApiBadRequestResponse({
      type: ErrorView,
      description: 'A bad field, or a publicKey that is not an RSA public key',
    })
    @ApiNotFoundResponse({
      type: ErrorView,
      description: `${routes.ownerNotFound}, AppDoesNotExist or keymanagement.service.apiproduct_doesnot_exist`,
    })
    @ApiConflictResponse({ type: ErrorView, description: 'keymanagement.service.ConsumerKeyAlreadyExists' })
    create(@Param() path: OwnerPath, @Body() body: CreateKeyDto, @Actor() actor: Principal): Promise<CredentialView> {
      return this.keys.create({ org: path.org, owner: ownerRefOf(path), app: path.app }, body, actor.email);
    }

    @Get(':key')
    @AdminAccess('org')
    @XmlRoot('Credential')
    @ApiOkResponse({ type: CredentialView })
    @ApiNotFoundResponse(KEY_NOT_FOUND)
    get(@Param() path: OwnerPath): Promise<CredentialView> {
      return this.keys.get(keyPathOf(path));
    }

    @Post(':key')
    @AdminAccess('org')
    @XmlRoot('Credential')
    @ApiActionOrUpdate(UpdateKeyDto, 'the key')
    @ApiOkResponse({ type: CredentialView, description: 'Without ?action=: the updated key' })
    @ApiBadRequestResponse({ type: ErrorView, description: 'An unknown action, a bad field or a bad publicKey' })
    @ApiNotFoundResponse(PRODUCT_NOT_FOUND)
    async updateOrSetStatus(
      @Param() path: OwnerPath,
      @Query('action') action: string | undefined,
      @Body() body: unknown,
      @Actor() actor: Principal,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<CredentialView | undefined> {
      const key = keyPathOf(path);
      return actionOrUpdate({ action, body, reply }, UpdateKeyDto, {
        act: (approval) => this.keys.setStatus(key, approval, actor.email),
        update: (changes) => this.keys.update(key, changes, actor.email),
      });
    }

    @Put(':key')
    @AdminAccess('org')
    @XmlRoot('Credential')
    @ApiOkResponse({ type: CredentialView, description: 'The updated key' })
    @ApiBadRequestResponse({
      type: ErrorView,
      description: "A bad field, or keymanagement.service.InvalidScopes (a scope none of the key's products has)",
    })
    @ApiNotFoundResponse(PRODUCT_NOT_FOUND)
    replace(@Param() path: OwnerPath, @Body() body: PutKeyDto, @Actor() actor: Principal): Promise<CredentialView> {
      return this.keys.replace(keyPathOf(path), body, actor.email);
    }

    @Delete(':key')
    @AdminAccess('org')
    @XmlRoot('Credential')
    @ApiOkResponse({ type: CredentialView, description: 'The deleted key; OAuth records issued to it are deleted too' })
    @ApiNotFoundResponse(KEY_NOT_FOUND)
    delete(@Param() path: OwnerPath, @Actor() actor: Principal): Promise<CredentialView> {
      return this.keys.delete(keyPathOf(path), actor.email);
    }

    @Post(':key/apiproducts/:product')
    @AdminAccess('org')
    @ApiAction(APPROVAL_ACTIONS, "Approves or revokes the key's API product")
    @ApiNotFoundResponse(PRODUCT_NOT_FOUND)
    async setProductStatus(
      @Param() path: OwnerPath,
      @Query('action') action: string | undefined,
      @Actor() actor: Principal,
    ): Promise<void> {
      await this.keys.setProductStatus(
        keyPathOf(path),
        path.product,
        parseAction(action, APPROVAL_ACTIONS),
        actor.email,
      );
    }

    @Delete(':key/apiproducts/:product')
    @AdminAccess('org')
    @XmlRoot('Credential')
    @ApiOkResponse({ type: CredentialView, description: 'The key without the API product' })
    @ApiNotFoundResponse(PRODUCT_NOT_FOUND)
    removeProduct(@Param() path: OwnerPath, @Actor() actor: Principal): Promise<CredentialView> {
      return this.keys.removeProduct(keyPathOf(path), path.product, actor.email);
    }
  }
  Object.defineProperty(KeysController, 'name', { value: `${routes.name}Controller` });
  return KeysController;
}

/** /developers/{email}/apps/{app}/keys… and /companies/{company}/apps/{app}/keys…. */
export const KeysController = keysController(DEVELOPER_APPS);
export const CompanyKeysController = keysController(COMPANY_APPS);

/** GET|POST …/keys/{key}/attributes, GET|POST|DELETE …/attributes/{attribute}, on either kind of app. */
export const KeyAttributesController = attributesController(
  'Key',
  'keys',
  DEVELOPER_APPS.paths.map((path) => `${path}/keys/:key`),
  KeysService,
  keyNotFound(DEVELOPER_APPS),
);
export const CompanyKeyAttributesController = attributesController(
  'CompanyKey',
  'keys',
  COMPANY_APPS.paths.map((path) => `${path}/keys/:key`),
  KeysService,
  keyNotFound(COMPANY_APPS),
);
