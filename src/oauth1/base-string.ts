/**
 * RFC 5849 section 3.4.1 (Signature Base String): the one string that client and server both sign, built from the
 * request method, the base string URI and the normalized request parameters.
 */
import { percentEncode } from './encoding.js';
import { OAuthProblem } from './problem.js';

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };

function rejectUrl(url: string, reason: string): OAuthProblem {
  return new OAuthProblem('parameter_rejected', { advice: `Cannot sign the URL ${JSON.stringify(url)}: ${reason}` });
}

/** Where the path begins (the first '/', '?' or '#' after the authority) and where it ends. */
function pathBounds(url: string, authorityStart: number): { start: number; end: number } {
  let start = authorityStart;
  while (start < url.length && !'/?#'.includes(url.charAt(start))) start++;
  let end = start;
  while (end < url.length && !'?#'.includes(url.charAt(end))) end++;
  return { start, end };
}

/**
 * 3.4.1.2: scheme and host in lower case, the port only when it is not the scheme's default, the path exactly as the
 * client sent it, and neither query nor fragment. The WHATWG URL parser is trusted with the authority but not with the
 * path, which it would re-encode (and resolve dot segments in) differently from what the client signed.
 */
export function baseStringUri(url: string): string {
  const schemeEnd = url.indexOf(':');
  const scheme = url.slice(0, schemeEnd).toLowerCase();
  const defaultPort = DEFAULT_PORTS[scheme];
  if (schemeEnd === -1 || defaultPort === undefined) throw rejectUrl(url, 'only http and https URLs can be signed');
  if (!url.startsWith('//', schemeEnd + 1)) throw rejectUrl(url, 'the URL must be absolute');

  const authorityStart = schemeEnd + 3;
  const path = pathBounds(url, authorityStart);
  // WHATWG parsers read a backslash as '/', so the authority they see would not be the one found here.
  if (url.slice(0, path.end).includes('\\')) throw rejectUrl(url, 'a backslash is not allowed before the query');

  let parsed: URL;
  try {
    parsed = new URL(url.slice(0, path.start));
  } catch {
    throw rejectUrl(url, 'the host or port is not valid');
  }
  const port = parsed.port === '' || parsed.port === defaultPort ? '' : `:${parsed.port}`;
  const rawPath = url.slice(path.start, path.end);
  return `${scheme}://${parsed.hostname}${port}${rawPath === '' ? '/' : rawPath}`;
}

// Encoded parameters are pure ASCII, so comparing UTF-16 code units is comparing bytes, as 3.4.1.3.2 requires.
function compareBytewise(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** 3.4.1.3.2: encode every name and value, sort by name and then by value, and join as name=value pairs with '&'. */
export function normalizeParameters(pairs: Array<[string, string]>): string {
  return pairs
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) => compareBytewise(nameA, nameB) || compareBytewise(valueA, valueB))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** 3.4.1.1: METHOD&encoded-base-string-URI&encoded-normalized-parameters. */
export function signatureBaseString(method: string, url: string, signedPairs: Array<[string, string]>): string {
  return [
    method.toUpperCase(),
    percentEncode(baseStringUri(url)),
    percentEncode(normalizeParameters(signedPairs)),
  ].join('&');
}
