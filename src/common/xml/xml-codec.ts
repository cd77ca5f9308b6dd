import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { AdminErrors } from '../errors/apigee-error.js';
import { BodyTooDeep, xmlNestsDeeperThan } from '../http/nesting-depth.js';

/**
 * Apigee's XML shapes: PascalCase elements, name/value attributes as <Attributes><Attribute><Name/><Value/>,
 * lists of scalars as <List><Item/> at the top level, and a container per list field (<Credentials><Credential>).
 */
const LIST_ITEM_NAMES: Record<string, string> = {
  attributes: 'Attribute',
  credentials: 'Credential',
  apiProducts: 'ApiProduct',
  scopes: 'Scope',
  apiResources: 'ApiResource',
  environments: 'Environment',
  proxies: 'Proxy',
  property: 'Property',
  apps: 'App',
  developer: 'Developer',
  company: 'Company',
  companies: 'Company',
  app: 'App',
  apiProduct: 'ApiProduct',
  appUser: 'AppUser',
  user: 'User',
  attribute: 'Attribute',
};

export interface XmlShape {
  /** The root element, e.g. "Developer"; a top-level array is always <List><Item>. */
  root: string;
  /** Fields rendered as XML attributes of the root, as Apigee does with <App name="…">. */
  attributes?: string[];
}

const pascalCase = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const camelCase = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function toXmlNode(value: unknown, field?: string): unknown {
  if (Array.isArray(value)) {
    const itemName = (field && LIST_ITEM_NAMES[field]) ?? 'Item';
    return { [itemName]: value.map((item) => toXmlNode(item, itemName === 'Item' ? undefined : camelCase(itemName))) };
  }
  if (value !== null && typeof value === 'object') {
    const node: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      const element = pascalCase(key);
      // {"developer": […]} (an expanded list) becomes repeated <Developer> elements, not a nested container.
      node[element] =
        Array.isArray(child) && LIST_ITEM_NAMES[key] === element
          ? child.map((item) => toXmlNode(item))
          : toXmlNode(child, key);
    }
    return node;
  }
  return value === null ? '' : value;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  processEntities: true,
});

export function renderXml(data: unknown, shape: XmlShape): string {
  let body: unknown;
  if (Array.isArray(data)) {
    body = { List: toXmlNode(data) };
  } else {
    const node = toXmlNode(data) as Record<string, unknown>;
    for (const attribute of shape.attributes ?? []) {
      const key = pascalCase(attribute);
      if (key in node) {
        node[`@_${attribute}`] = node[key];
        delete node[key];
      }
    }
    body = { [shape.root]: node };
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${builder.build(body)}`;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  trimValues: true,
  processEntities: false,
  ignoreDeclaration: true,
});

function fromXmlNode(node: unknown, field?: string): unknown {
  if (field && LIST_ITEM_NAMES[field] === pascalCase(field)) {
    // Repeated elements under their own name, as {"developer": […]} or {"attribute": […]} render:
    // <Developer>…</Developer><Developer>…, <Attributes><Attribute/><Attribute/></Attributes>.
    if (node === null || typeof node !== 'object') return [];
    return (Array.isArray(node) ? node : [node]).map((item) => fromXmlNode(item));
  }
  if (field && field in LIST_ITEM_NAMES) {
    // A list container such as <Attributes>: its one child element holds the items; <Attributes/> is empty.
    if (node === null || typeof node !== 'object') return [];
    const items = Object.values(node as Record<string, unknown>)[0] ?? [];
    return (Array.isArray(items) ? items : [items]).map((item) => fromXmlNode(item));
  }
  if (node === null || typeof node !== 'object') return node;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
    const name = camelCase(key);
    result[name] = fromXmlNode(child, name);
  }
  return result;
}

/**
 * Parses an Apigee XML request body into the JSON shape the DTOs validate. A DOCTYPE or entity declaration is
 * refused outright: nothing is ever expanded or fetched.
 */
export function parseXmlBody(text: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw AdminErrors.invalidRequest('XML document type and entity declarations are not allowed');
  }
  if (xmlNestsDeeperThan(text)) throw new BodyTooDeep('XML');
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    throw AdminErrors.invalidRequest(`Malformed XML body: ${validation.err.msg} (line ${validation.err.line})`);
  }
  const document = parser.parse(text) as Record<string, unknown>;
  const roots = Object.entries(document);
  if (roots.length !== 1) throw AdminErrors.invalidRequest('XML body must have exactly one root element');
  const [, root] = roots[0];
  return root === '' || root === null ? {} : (fromXmlNode(root) as Record<string, unknown>);
}
