/**
 * RFC 5849 section 3.4.1.3.1 (Parameter Sources) and section 3.5 (Parameter Transmission): gathering the parameters
 * a request was signed over, and the protocol parameters that tell the server how to check it.
 */
import { parseAuthorizationHeader } from './authorization-header.js';
import { formDecode } from './encoding.js';
import { OAuthProblem } from './problem.js';

export interface SignedRequestInput {
  method: string;
  /** The absolute URL as the client signed it, query included. */
  url: string;
  authorization?: string;
  /** The raw body, given only when the Content-Type is application/x-www-form-urlencoded (3.4.1.3.1). */
  formBody?: string;
}

export type ParameterSource = 'header' | 'query' | 'body';

export interface CollectedParameters {
  /** The oauth_* parameters, oauth_signature included. */
  protocol: Map<string, string>;
  /** Every decoded name/value pair that goes into the signature base string, in the order received. */
  signed: Array<[string, string]>;
  /** Where the protocol parameters came from. */
  source: ParameterSource;
}

const PROTOCOL_PREFIX = 'oauth_';
// 3.4.1.3.1: the signature cannot sign itself, so it is left out of the base string.
const SIGNATURE_PARAMETER = 'oauth_signature';

const SOURCE_DESCRIPTIONS: Record<ParameterSource, string> = {
  header: 'the Authorization header',
  query: 'the query string',
  body: 'the request body',
};

/**
 * Splits application/x-www-form-urlencoded content (a query string or a form body) into decoded pairs. Repeated names
 * are kept, since each occurrence is signed; empty names carry nothing to sign and are skipped.
 */
export function parseFormEncoded(content: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (content === '') return pairs;
  for (const field of content.split('&')) {
    const equalsAt = field.indexOf('=');
    const rawName = equalsAt === -1 ? field : field.slice(0, equalsAt);
    if (rawName === '') continue;
    const rawValue = equalsAt === -1 ? '' : field.slice(equalsAt + 1);
    pairs.push([formDecode(rawName), formDecode(rawValue)]);
  }
  return pairs;
}

// The query is taken from the URL text itself: a URL parser would re-encode it and change what was signed.
function queryOf(url: string): string {
  const fragmentStart = url.indexOf('#');
  const beforeFragment = fragmentStart === -1 ? url : url.slice(0, fragmentStart);
  const queryStart = beforeFragment.indexOf('?');
  return queryStart === -1 ? '' : beforeFragment.slice(queryStart + 1);
}

function isProtocolParameter(name: string): boolean {
  return name.startsWith(PROTOCOL_PREFIX);
}

/**
 * Collects the signed parameters of a request from its query, its OAuth Authorization header and its form body.
 * The protocol parameters must all arrive by one of the three routes of 3.5, and each at most once: a second copy
 * would leave it ambiguous which one the server acted on while both were signed.
 */
export function collectParameters(input: SignedRequestInput): CollectedParameters {
  const sources: Array<[ParameterSource, Array<[string, string]>]> = [
    ['header', (input.authorization === undefined ? undefined : parseAuthorizationHeader(input.authorization)) ?? []],
    ['query', parseFormEncoded(queryOf(input.url))],
    ['body', input.formBody === undefined ? [] : parseFormEncoded(input.formBody)],
  ];

  const protocolSources = sources
    .filter(([, pairs]) => pairs.some(([name]) => isProtocolParameter(name)))
    .map(([source]) => source);
  if (protocolSources.length > 1) {
    const places = protocolSources.map((source) => SOURCE_DESCRIPTIONS[source]).join(' and ');
    throw new OAuthProblem('parameter_rejected', {
      advice: `OAuth parameters must be sent in one place only, but were found in ${places}`,
    });
  }

  const protocol = new Map<string, string>();
  const signed: Array<[string, string]> = [];
  for (const [, pairs] of sources) {
    for (const [name, value] of pairs) {
      if (isProtocolParameter(name)) {
        if (protocol.has(name)) {
          throw new OAuthProblem('parameter_rejected', { advice: `${name} given more than once` });
        }
        protocol.set(name, value);
        if (name === SIGNATURE_PARAMETER) continue;
      }
      signed.push([name, value]);
    }
  }
  return { protocol, signed, source: protocolSources[0] ?? 'header' };
}
