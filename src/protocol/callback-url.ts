import { OAuthProblem } from '../oauth1/index.js';

/** RFC 5849 2.1: the callback "oob" means the client cannot receive one and the verifier is shown instead. */
export const OUT_OF_BAND = 'oob';
const MAX_CALLBACK_LENGTH = 2048;
const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

function rejected(advice: string): OAuthProblem {
  return new OAuthProblem('parameter_rejected', { advice });
}

function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol in DEFAULT_PORTS ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Scheme, host, port and path: what a callback must share with the app's registered callback URL. */
function endpointOf(url: URL): string {
  return `${url.protocol}//${url.hostname}:${url.port || DEFAULT_PORTS[url.protocol]}${url.pathname}`;
}

/**
 * Checks oauth_callback: an absolute http(s) URL or "oob". Where the app registered a callback URL, a URL callback
 * must lead to the same endpoint (its query may differ), so that a stolen consumer key cannot send a resource
 * owner's verifier elsewhere.
 */
export function checkCallback(callback: string, registered: string | null): void {
  if (callback === OUT_OF_BAND) return;
  const url = callback.length <= MAX_CALLBACK_LENGTH ? parseHttpUrl(callback) : undefined;
  if (url === undefined) {
    throw rejected(
      `oauth_callback must be an absolute http or https URL (at most ${MAX_CALLBACK_LENGTH} characters), or "oob"`,
    );
  }
  if (!registered || registered === OUT_OF_BAND) return;
  const expected = parseHttpUrl(registered);
  if (expected === undefined || endpointOf(url) !== endpointOf(expected)) {
    throw rejected(
      "oauth_callback must have the scheme, host, port and path of the application's registered callback URL",
    );
  }
}

/**
 * The callback URL with `parameters` added to its query (RFC 5849 2.2). Its own query is kept byte for byte (a
 * client may compare its `state` exactly) and so is its fragment.
 */
export function callbackWith(callback: string, parameters: Record<string, string>): string {
  const url = new URL(callback);
  const added = new URLSearchParams(parameters).toString();
  url.search = url.search === '' ? added : `${url.search}&${added}`;
  return url.href;
}
