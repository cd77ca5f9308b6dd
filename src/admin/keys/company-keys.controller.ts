import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
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
import { attributesController } from '../attributes.js';
import { CreateKeyDto, CredentialView, PutKeyDto, UpdateKeyDto } from './keys.dto.js';
import { KeysService } from './keys.service.js';

const KEY_NOT_FOUND = {
  type: ErrorView,
  description:
    'developer.service.CompanyDoesNotExist, developer.service.AppDoesNotExist or ' +
    'keymanagement.service.InvalidClientIdForGivenApp (also for a key of another app)',
};
const PRODUCT_NOT_FOUND = {
  type: ErrorView,
  description: `${KEY_NOT_FOUND.description}, or keymanagement.service.apiproduct_doesnot_exist (not on the key)`,
};

/** GET|POST /companies/{company}/apps/{app}/keys/{key}/attributes, GET|POST|DELETE …/attributes/{attribute}. */
export const CompanyKeyAttributesController = attributesController(
  'CompanyKey',
  'keys',
  ['v1/o/:org/companies/:company/apps/:app/keys/:key', 'v1/organizations/:org/companies/:company/apps/:app/keys/:key'],
  KeysService,
  KEY_NOT_FOUND.description,
);

/** A company app's keys: the calls of a developer app's keys, on /companies/{company}/apps/{app}/keys. */
@ApiTags('keys')
@Controller(['v1/o/:org/companies/:company/apps/:app/keys', 'v1/organizations/:org/companies/:company/apps/:app/keys'])
export class CompanyKeysController {
  constructor(private readonly keys: KeysService) {}

  @Post('create')
  @HttpCode(201)
  @AdminAccess('org')
  @XmlRoot('Credential')
  @ApiCreatedResponse({ type: CredentialView, description: 'The imported key' })
  @ApiBadRequestResponse({ type: ErrorView, description: 'A bad field, or a publicKey that is not an RSA public key' })
  @ApiNotFoundResponse({
    type: ErrorView,
    description: 'CompanyDoesNotExist, AppDoesNotExist or keymanagement.service.apiproduct_doesnot_exist',
  })
  @ApiConflictResponse({ type: ErrorView, description: 'keymanagement.service.ConsumerKeyAlreadyExists' })
  create(
    @Param('org') org: string,
    @Param('company') company: string,
    @Param('app') app: string,
    @Body() body: CreateKeyDto,
    @Actor() actor: Principal,
  ): Promise<CredentialView> {
    return this.keys.create({ org, owner: { company }, app }, body, actor.email);
  }

  @Get(':key')
  @AdminAccess('org')
  @XmlRoot('Credential')
  @ApiOkResponse({ type: CredentialView })
  @ApiNotFoundResponse(KEY_NOT_FOUND)
  get(
    @Param('org') org: string,
    @Param('company') company: string,
    @Param('app') app: string,
    @Param('key') key: string,
  ): Promise<CredentialView> {
    return this.keys.get({ org, owner: { company }, app, key });
  }

  @Post(':key')
  @AdminAccess('org')
  @XmlRoot('Credential')
  @ApiActionOrUpdate(UpdateKeyDto, 'the key')
  @ApiOkResponse({ type: CredentialView, description: 'Without ?action=: the updated key' })
  @ApiBadRequestResponse({ type: ErrorView, description: 'An unknown action, a bad field or a bad publicKey' })
  @ApiNotFoundResponse({
    type: ErrorView,
    description: `${KEY_NOT_FOUND.description}, or keymanagement.service.apiproduct_doesnot_exist`,
  })
  async updateOrSetStatus(
    @Param('org') org: string,
    @Param('company') company: string,
    @Param('app') app: string,
    @Param('key') key: string,
    @Query('action') action: string | undefined,
    @Body() body: unknown,
    @Actor() actor: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CredentialView | undefined> {
    const path = { org, owner: { company }, app, key };
    return actionOrUpdate({ action, body, reply }, UpdateKeyDto, {
      act: (approval) => this.keys.setStatus(path, approval, actor.email),
      update: (changes) => this.keys.update(path, changes, actor.email),
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
  replace(
    @Param('org') org: string,
    @Param('company') company: string,
    @Param('app') app: string,
    @Param('key') key: string,
    @Body() body: PutKeyDto,
    @Actor() actor: Principal,
  ): Promise<CredentialView> {
    return this.keys.replace({ org, owner: { company }, app, key }, body, actor.email);
  }

  @Delete(':key')
  @AdminAccess('org')
  @XmlRoot('Credential')
  @ApiOkResponse({ type: CredentialView, description: 'The deleted key; OAuth records issued to it are deleted too' })
  @ApiNotFoundResponse(KEY_NOT_FOUND)
  delete(
    @Param('org') org: string,
    @Param('company') company: string,
    @Param('app') app: string,
    @Param('key') key: string,
    @Actor() actor: Principal,
  ): Promise<CredentialView> {
    return this.keys.delete({ org, owner: { company }, app, key }, actor.email);
  }

  @Post(':key/apiproducts/:product')
  @AdminAccess('org')
  @ApiAction(APPROVAL_ACTIONS, "Approves or revokes the key's API product")
  @ApiNotFoundResponse(PRODUCT_NOT_FOUND)
  async setProductStatus(
    @Param('org') org: string,
    @Param('company') company: string,
    @Param('app') app: string,
    @Param('key') key: string,
    @Param('product') product: string,
    @Query('action') action: string | undefined,
    @Actor() actor: Principal,
  ): Promise<void> {
    await this.keys.setProductStatus(
      { org, owner: { company }, app, key },
      product,
      parseAction(action, APPROVAL_ACTIONS),
      actor.email,
    );
  }

  @Delete(':key/apiproducts/:product')
  @AdminAccess('org')
  @XmlRoot('Credential')
  @ApiOkResponse({ type: CredentialView, description: 'The key without the API product' })
  @ApiNotFoundResponse(PRODUCT_NOT_FOUND)
  removeProduct(
    @Param('org') org: string,
    @Param('company') company: string,
    @Param('app') app: string,
    @Param('key') key: string,
    @Param('product') product: string,
    @Actor() actor: Principal,
  ): Promise<CredentialView> {
    return this.keys.removeProduct({ org, owner: { company }, app, key }, product, actor.email);
  }
}
