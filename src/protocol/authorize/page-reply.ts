import type { FastifyReply } from 'fastify';
import { contentSecurityPolicy, Html } from './authorize-page.js';

/** Headers on every answer of the authorize page, redirects included (so no-referrer covers the hop to the client). */
function pageHeaders(formTargets: readonly string[]): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(formTargets),
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}

export interface PageOptions {
  /** Origins (besides our own) a form on the page may lead to: the client's callback origin. */
  formTargets?: readonly string[];
  headers?: Record<string, string>;
}

export function sendPage(reply: FastifyReply, status: number, page: Html, options: PageOptions = {}): FastifyReply {
  return reply
    .status(status)
    .headers({ ...pageHeaders(options.formTargets ?? []), ...options.headers })
    .type('text/html; charset=utf-8')
    .send(page.text);
}

export function sendRedirect(reply: FastifyReply, location: string, status: 302 | 303 = 302): FastifyReply {
  return reply.headers(pageHeaders([])).redirect(location, status);
}
