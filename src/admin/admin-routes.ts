import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiQuery, getSchemaPath } from '@nestjs/swagger';
import { AdminErrors } from '../common/errors/apigee-error.js';

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

export const APPROVAL_ACTIONS = ['approve', 'revoke'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

export const approvalStatus = (action: ApprovalAction): 'approved' | 'revoked' =>
  action === 'approve' ? 'approved' : 'revoked';
