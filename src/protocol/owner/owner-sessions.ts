import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Clock } from '../../common/clock.js';
import { randomAlphanumeric } from '../../common/random.js';
import { AppConfig } from '../../config/app-config.js';
import { ResourceOwnerCredentials } from '../../tokens/resource-owners.js';
import type { ResourceOwner } from '../../tokens/resource-owners.js';
import { publicSchemeOf } from '../signed-request.js';

/** Sent back only to the pages under /oauth (authorize, authenticate, connections). */
const COOKIE_PATH = '/oauth';
const SESSION_COOKIE = 'oauth1_owner_session';
/** The sign-in form's CSRF value before there is a session (double submit: this cookie and the form field). */
const FORM_COOKIE = 'oauth1_form';
const FORM_NONCE_LENGTH = 32;
const SESSION_PURPOSE = 'oauth1-owner-session\n';
const CSRF_PURPOSE = 'oauth1-owner-session-csrf\n';

/** A resource owner signed in on this browser, for one organization. */
export interface OwnerSession {
  owner: ResourceOwner;
  /** The cookie's signature: unique to this sign-in, it binds CSRF tokens to the session. */
  binding: string;
  /** The key the cookie is signed with. */
  key: Buffer;
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const fromBase64url = (text: string) => Buffer.from(text, 'base64url').toString();

function sameText(expected: string, given: string | null | undefined): boolean {
  const expectedBytes = Buffer.from(expected);
  const givenBytes = Buffer.from(given ?? '');
  return givenBytes.length === expectedBytes.length && timingSafeEqual(givenBytes, expectedBytes);
}

export function cookieOf(request: FastifyRequest, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/**
 * The resource-owner session (contract 1.2): after a sign-in on the authorize, authenticate or connections page the
 * browser holds a cookie naming the organization, the owner and the session's end, signed with a key derived from
 * the owner's password hash (ResourceOwnerCredentials.sessionKey). Nothing is stored on the server, so every
 * process accepts every other's cookies; a new password or a deactivated account ends all of the owner's sessions,
 * and signing out removes the cookie from the browser.
 */
@Injectable()
export class OwnerSessions {
  constructor(
    private readonly owners: ResourceOwnerCredentials,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The session the request's cookie proves, when it is one for that organization and still valid. */
  async current(request: FastifyRequest, organization?: string): Promise<OwnerSession | undefined> {
    const parts = cookieOf(request, SESSION_COOKIE)?.split('.');
    if (parts?.length !== 4) return undefined;
    const [encodedOrganization, encodedId, expiresAtText, signature] = parts;
    const sessionOrganization = fromBase64url(encodedOrganization);
    const expiresAt = Number(expiresAtText);
    const now = this.clock.now();
    if (organization !== undefined && sessionOrganization !== organization) return undefined;
    // A session cannot outlast OWNER_SESSION_SECONDS from now, even one signed while it was set longer.
    if (!(expiresAt > now && expiresAt <= now + this.config.ownerSessionSeconds * 1000)) return undefined;
    const found = await this.owners.sessionKey(sessionOrganization, fromBase64url(encodedId));
    if (found === undefined) return undefined;
    const expected = this.sign(found.key, `${encodedOrganization}.${encodedId}.${expiresAtText}`);
    if (!sameText(expected, signature)) return undefined;
    return { owner: found.owner, binding: signature, key: found.key };
  }

  /** Signs the owner in on this browser for OWNER_SESSION_SECONDS. */
  async start(request: FastifyRequest, reply: FastifyReply, owner: ResourceOwner): Promise<void> {
    const found = await this.owners.sessionKey(owner.organization, owner.id);
    if (found === undefined) return;
    const expiresAt = this.clock.now() + this.config.ownerSessionSeconds * 1000;
    const payload = `${base64url(owner.organization)}.${base64url(owner.id)}.${expiresAt}`;
    const value = `${payload}.${this.sign(found.key, payload)}`;
    this.setCookie(request, reply, SESSION_COOKIE, value, { maxAge: this.config.ownerSessionSeconds, sameSite: 'Lax' });
  }

  end(request: FastifyRequest, reply: FastifyReply): void {
    this.setCookie(request, reply, SESSION_COOKIE, '', { maxAge: 0, sameSite: 'Lax' });
  }

  /** The CSRF field of a form that acts for the signed-in owner: only a page rendered for this session has it. */
  csrfTokenFor(session: OwnerSession): string {
    return createHmac('sha256', session.key).update(CSRF_PURPOSE).update(session.binding).digest('base64url');
  }

  isValidCsrfToken(session: OwnerSession, given: string | null): boolean {
    return sameText(this.csrfTokenFor(session), given);
  }

  /**
   * The CSRF field of a sign-in form shown before there is a session: a random value also set as a SameSite=Strict
   * cookie, which another site can neither read nor make the browser send.
   */
  formNonce(request: FastifyRequest, reply: FastifyReply): string {
    const existing = cookieOf(request, FORM_COOKIE);
    if (existing !== undefined && /^[A-Za-z0-9]{32}$/.test(existing)) return existing;
    const nonce = randomAlphanumeric(FORM_NONCE_LENGTH);
    this.setCookie(request, reply, FORM_COOKIE, nonce, { sameSite: 'Strict' });
    return nonce;
  }

  isValidFormNonce(request: FastifyRequest, given: string | null): boolean {
    const cookie = cookieOf(request, FORM_COOKIE);
    return cookie !== undefined && cookie !== '' && sameText(cookie, given);
  }

  private sign(key: Buffer, payload: string): string {
    return createHmac('sha256', key).update(SESSION_PURPOSE).update(payload).digest('base64url');
  }

  private setCookie(
    request: FastifyRequest,
    reply: FastifyReply,
    name: string,
    value: string,
    options: { maxAge?: number; sameSite: 'Lax' | 'Strict' },
  ): void {
    const attributes = [`${name}=${value}`, `Path=${COOKIE_PATH}`, 'HttpOnly', `SameSite=${options.sameSite}`];
    if (options.maxAge !== undefined) attributes.push(`Max-Age=${options.maxAge}`);
    if (publicSchemeOf(request, this.config) === 'https') attributes.push('Secure');
    void reply.header('set-cookie', attributes.join('; '));
  }
}
