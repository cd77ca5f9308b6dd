import { applyDecorators, HttpCode, Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiQuery,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ErrorView } from '../common/dto.js';
import { AdminErrors } from '../common/errors/apigee-error.js';
import { BodyValidationPipe } from '../common/http/body-validation.pipe.js';

/** Apigee lists answer names, or full records under one key with ?expand=true: {"developer": […]}. */
export const isExpanded = (expand: unknown) => typeof expand === 'string' && expand.toLowerCase() === 'true';

export const ApiExpandableList = (model: Type, key: string, names: string) =>
  applyDecorators(
    ApiQuery({
      name: 'expand',
      required: false,
      type: Boolean,
      description: `true: full records as {"${key}": […]} instead of ${names}`,
    }),
    ApiExtraModels(model),
    ApiOkResponse({
      description: `${names}, sorted; with ?expand=true, {"${key}": […]}`,
      schema: {
        oneOf: [
          { type: 'array', items: { type: 'string' } },
          { type: 'object', properties: { [key]: { type: 'array', items: { $ref: getSchemaPath(model) } } } },
        ],
      },
    }),
  );

/** Apigee's ?action= calls: anything but one of the route's actions is a 400 InvalidRequest. */
export function parseAction<T extends string>(action: unknown, allowed: readonly T[]): T {
  if (typeof action !== 'string' || !(allowed as readonly string[]).includes(action)) {
    throw AdminErrors.invalidRequest(`action must be one of: ${allowed.join(', ')}`);
  }
  return action as T;
}

/** A POST that only acts: ?action= one of `actions` (204), checked by parseAction in the handler. */
export const ApiAction = (actions: readonly string[], description: string) =>
  applyDecorators(
    HttpCode(204),
    ApiQuery({ name: 'action', enum: actions, description }),
    ApiNoContentResponse({ description: 'Status set' }),
    ApiBadRequestResponse({ type: ErrorView, description: 'An unknown action' }),
  );

export const APPROVAL_ACTIONS = ['approve', 'revoke'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

export const approvalStatus = (action: ApprovalAction): 'approved' | 'revoked' =>
  action === 'approve' ? 'approved' : 'revoked';

const bodyValidation = new BodyValidationPipe();

/**
 * Apigee puts two calls on one POST path: ?action=approve|revoke (204, no body) and an update (200 with the
 * record). Nest fixes one status per route, so the route says 200 and actionOrUpdate answers 204 itself.
 */
export const ApiActionOrUpdate = (update: Type, subject: string) =>
  applyDecorators(
    HttpCode(200),
    ApiQuery({
      name: 'action',
      required: false,
      enum: APPROVAL_ACTIONS,
      description: `Approves or revokes ${subject}: answers 204`,
    }),
    ApiBody({ type: update, required: false, description: 'Without ?action=: the changes' }),
    ApiNoContentResponse({ description: 'With ?action=: status set' }),
  );

/**
 * The handler of an ApiActionOrUpdate route: acts when ?action= is given, otherwise validates the body as the update
 * DTO (here rather than by @Body(), since an action call has no body) and updates.
 */
export async function actionOrUpdate<Changes extends object, View>(
  call: { action: string | undefined; body: unknown; reply: FastifyReply },
  update: Type<Changes>,
  handlers: { act: (action: ApprovalAction) => Promise<void>; update: (changes: Changes) => Promise<View> },
): Promise<View | undefined> {
  if (call.action !== undefined) {
    await handlers.act(parseAction(call.action, APPROVAL_ACTIONS));
    call.reply.status(204);
    return undefined;
  }
  const changes = (await bodyValidation.transform(call.body, { type: 'body', metatype: update })) as Changes;
  return handlers.update(changes);
}
