/**
 * RFC 5849 section 3.5.1: protocol parameters in the HTTP Authorization header, as
 *
 *   OAuth realm="Example", oauth_consumer_key="0685bd9184jfhq22", ...
 *
 * The scanner below is hand-written and linear so that a hostile, very long header costs time proportional to its
 * length and nothing more.
 */
import { percentDecode, percentEncode } from './encoding.js';
import { OAuthProblem } from './problem.js';

const SCHEME = 'oauth';
const SPACE = 0x20;
const TAB = 0x09;
const COMMA = 0x2c;
const EQUALS = 0x3d;
const QUOTE = 0x22;

function isLinearWhitespace(charCode: number): boolean {
  return charCode === SPACE || charCode === TAB;
}

// RFC 9110 5.6.2 tchar: the characters a scheme or parameter name may consist of.
const TOKEN_CHARS = new Set(
  Array.from("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
);

function isTokenChar(char: string): boolean {
  return TOKEN_CHARS.has(char);
}

function malformed(advice: string): OAuthProblem {
  return new OAuthProblem('parameter_rejected', { advice: `Malformed OAuth Authorization header: ${advice}` });
}

/**
 * Returns the header's parameters, percent-decoded and in the order given, without realm (which 3.4.1.3.1 leaves out
 * of the signature). Returns undefined for any scheme other than OAuth, so that the caller can leave such a header to
 * whoever understands it.
 */
export function parseAuthorizationHeader(header: string): Array<[string, string]> | undefined {
  const length = header.length;
  let position = 0;
  const skipWhitespace = (): void => {
    while (position < length && isLinearWhitespace(header.charCodeAt(position))) position++;
  };
  const readToken = (): string => {
    const start = position;
    while (position < length && isTokenChar(header.charAt(position))) position++;
    return header.slice(start, position);
  };

  skipWhitespace();
  if (readToken().toLowerCase() !== SCHEME) return undefined;
  if (position < length && !isLinearWhitespace(header.charCodeAt(position))) {
    throw malformed('the scheme must be followed by a space');
  }

  const parameters: Array<[string, string]> = [];
  const seen = new Set<string>();
  skipWhitespace();
  while (position < length) {
    // RFC 9110 5.6.1: a list may contain empty elements, which recipients ignore.
    if (header.charCodeAt(position) === COMMA) {
      position++;
      skipWhitespace();
      continue;
    }

    const rawName = readToken();
    if (rawName === '') throw malformed(`expected a parameter name at offset ${position}`);
    const name = percentDecode(rawName);
    skipWhitespace();
    if (header.charCodeAt(position) !== EQUALS) throw malformed(`parameter ${name} has no "=" and value`);
    position++;
    skipWhitespace();
    if (header.charCodeAt(position) !== QUOTE) throw malformed(`the value of ${name} must be in double quotes`);
    const valueStart = position + 1;
    const valueEnd = header.indexOf('"', valueStart);
    if (valueEnd === -1) throw malformed(`the value of ${name} has no closing quote`);
    position = valueEnd + 1;

    if (seen.has(name)) throw malformed(`${name} given more than once`);
    seen.add(name);
    // realm is an RFC 2617 quoted-string rather than a percent-encoded value, and it is not signed: skip it unread.
    if (name !== 'realm') parameters.push([name, percentDecode(header.slice(valueStart, valueEnd))]);

    skipWhitespace();
    if (position < length && header.charCodeAt(position) !== COMMA) {
      throw malformed(`expected "," after the value of ${name} at offset ${position}`);
    }
  }
  return parameters;
}

/** Builds an OAuth Authorization header the way a client sends it (3.5.1), each name and value percent-encoded. */
export function formatAuthorizationHeader(params: Array<[string, string]>, realm?: string): string {
  const fields = params.map(([name, value]) => `${percentEncode(name)}="${percentEncode(value)}"`);
  if (realm !== undefined) {
    // realm travels unencoded, so a quote or backslash in it would end or escape the quoted string.
    if (/["\\]/.test(realm)) throw new RangeError('realm must not contain a double quote or a backslash');
    fields.unshift(`realm="${realm}"`);
  }
  return fields.length === 0 ? 'OAuth' : `OAuth ${fields.join(', ')}`;
}
