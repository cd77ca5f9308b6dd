import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { AdminErrors } from '../errors/apigee-error.js';
import { FormBody, OpaqueBody } from './request-bodies.js';

function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      // class-validator names the property alone; nested fields read better with their whole path.
      parent ? message.replace(error.property, path) : message,
    );
    return [...own, ...describe(error.children ?? [], path)];
  });
}

/**
 * Registered globally. Validates @Body() and @Query() DTOs, answering 400 InvalidRequest naming each field; a body
 * that is neither JSON nor XML gets 415. Fields a DTO does not declare are dropped, never refused: Apigee clients
 * send fields this surface does not use, and read-modify-write scripts send back read-only ones (developerId,
 * credentials, createdAt, …), which Apigee accepts and ignores.
 */
@Injectable()
export class BodyValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: false,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: (errors) => AdminErrors.invalidRequest(describe(errors).join('; ')),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      if (value instanceof OpaqueBody) throw AdminErrors.unsupportedMediaType(value.contentType);
      if (value instanceof FormBody) throw AdminErrors.unsupportedMediaType('application/x-www-form-urlencoded');
      if (typeof value === 'string') throw AdminErrors.unsupportedMediaType('text/plain');
      if (value === undefined || value === null) throw AdminErrors.invalidRequest('A request body is required');
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw AdminErrors.invalidRequest('The request body must be an object');
      }
    }
    return super.transform(value, metadata);
  }
}
