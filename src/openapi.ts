import type { OpenAPIObject } from '@nestjs/swagger';
import { stringify } from 'yaml';

export function renderOpenApiYaml(document: OpenAPIObject): string {
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}
