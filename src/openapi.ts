import type { OpenAPIObject } from '@nestjs/swagger';
import { stringify } from 'yaml';

export function renderOpenApiYaml(document: OpenAPIObject): string {
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The operations OpenAPI 3.0 knows; Nest's `@All` also emits `search`, which no tool reads. */
const OPENAPI_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * Mends what Nest's generator leaves invalid, so that Swagger UI renders every operation: a handler mounted on
 * several paths by `@All` gets the same operationId on each (Swagger UI then stops rendering at the first repeat), a
 * wildcard route's `{path}` is not declared as a parameter, and `@All` adds a method OpenAPI does not have.
 */
export function mendGeneratedDocument(document: OpenAPIObject): OpenAPIObject {
  const seen = new Map<string, number>();
  for (const [path, item] of Object.entries(document.paths)) {
    const operations = item as Record<string, { operationId?: string; parameters?: unknown[] }>;
    for (const method of Object.keys(operations)) {
      if (!OPENAPI_METHODS.has(method)) {
        delete operations[method];
        continue;
      }
      const operation = operations[method];
      if (operation.operationId !== undefined) {
        const uses = seen.get(operation.operationId) ?? 0;
        seen.set(operation.operationId, uses + 1);
        if (uses > 0) operation.operationId = `${operation.operationId}[${uses}]`;
      }
      // Undeclared path parameters go first, in the path's order, as Nest lists declared ones.
      const parameters = (operation.parameters ??= []) as { name: string; in: string }[];
      const missing = [...path.matchAll(/\{([^}]+)\}/g)]
        .map(([, name]) => name)
        .filter((name) => !parameters.some((parameter) => parameter.in === 'path' && parameter.name === name));
      parameters.unshift(
        ...missing.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }) as never),
      );
    }
  }
  return document;
}
