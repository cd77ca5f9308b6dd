import { Injectable } from '@nestjs/common';
import { FailedAttemptLimiter } from '../common/auth/failed-attempt-limiter.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import {
  BODY_HASH_PARAMETER,
  collectParameters,
  isSignatureMethod,
  OAuthProblem,
  signatureBaseString,
  verifySignature,
} from '../oauth1/index.js';
import type { SignatureMethod, SignedRequestInput } from '../oauth1/index.js';
import type { AccessToken } from '../tokens/access-token.entity.js';
import { AccessTokenStore } from '../tokens/access-token.store.js';
import { ConsumerDirectory } from '../tokens/consumer-directory.js';
import type { Consumer } from '../tokens/consumer-directory.js';
import { standingOf, stateOf } from '../tokens/lifecycle.js';
import type { TokenState } from '../tokens/lifecycle.js';
import { NonceStore } from '../tokens/nonce.store.js';
import type { TokenWrite } from '../tokens/nonce.store.js';
import type { RequestToken } from '../tokens/request-token.entity.js';
import { RequestTokenStore } from '../tokens/request-token.store.js';
import { consumerProblem, tokenProblem } from './lifecycle-problems.js';

/** Which token a request is signed with: none (initiate), a request token (token) or an access token (resources). */
export type TokenKind = 'none' | 'request' | 'access';

interface TokenOfKind {
  none: undefined;
  request: RequestToken;
  access: AccessToken;
}

export interface SignedRequestPolicy<K extends TokenKind> {
  token: K;
  /** Protocol parameters this endpoint needs besides those every signed request carries. */
  required?: readonly string[];
  /**
   * The client's address (initiate, token): its failed signatures are counted, and once AUTH_FAILURE_LIMIT of them
   * fall in a window it gets 429 for a window, whatever it sends. Left out for verify, whose caller is the resource
   * server passing on its clients' requests.
   */
  clientAddress?: string;
  /**
   * The token states this endpoint accepts besides `usable`: renew and revoke also take an `inactive` (idle) token.
   */
  alsoAccepts?: ReadonlySet<TokenState>;
}

/** A request whose form was read: its protocol parameters are present and well formed. */
export interface SignedRequestForm {
  /** The oauth_* parameters, decoded. */
  protocol: Map<string, string>;
  /** Every signed name/value pair (protocol and others), decoded, in the order received. */
  signed: Array<[string, string]>;
  signatureMethod: SignatureMethod;
  /** Absent only for PLAINTEXT, which may leave out timestamp and nonce (RFC 5849 3.1). */
  timestamp: number | undefined;
}

/** A genuine request: correctly signed by a consumer in good standing with a usable token. Its nonce is not spent. */
export interface AuthenticatedRequest<K extends TokenKind> extends SignedRequestForm {
  consumer: Consumer;
  token: TokenOfKind[K];
}

const ALWAYS_REQUIRED = ['oauth_consumer_key', 'oauth_signature_method', 'oauth_signature'] as const;
// RFC 5849 3.1: "The parameters MAY be omitted when using the PLAINTEXT signature method" (Akana documents it too).
const REPLAY_PROTECTION = ['oauth_timestamp', 'oauth_nonce'] as const;
const TOKEN_REQUIRED = ['oauth_token'] as const;
// Widely used clients send 1.0a (node-oauth can be set to) or 1.0A; both name the same protocol.
const ACCEPTED_VERSIONS = new Set(['1.0', '1.0a', '1.0A']);
const TIMESTAMP = /^[0-9]{1,12}$/;

/**
 * The checks contract section 1 makes on every signed request, as steps an endpoint runs top to bottom, cheapest and
 * least revealing first: the client's address, the request's form, the consumer, its standing, the token, the
 * signature. `authenticate` runs them all; an endpoint with a check of its own between two steps (verify's
 * organization) calls them one by one. The nonce is spent separately, last, once the endpoint's own checks pass, so
 * that neither a forged request nor a refused one can spend a genuine client's nonce.
 */
@Injectable()
export class SignedRequestAuthenticator {
  constructor(
    private readonly consumers: ConsumerDirectory,
    private readonly requestTokens: RequestTokenStore,
    private readonly accessTokens: AccessTokenStore,
    private readonly nonces: NonceStore,
    private readonly failures: FailedAttemptLimiter,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async authenticate<K extends TokenKind>(
    input: SignedRequestInput,
    policy: SignedRequestPolicy<K>,
  ): Promise<AuthenticatedRequest<K>> {
    await this.refuseBlockedAddress(policy.clientAddress);
    const form = this.readForm(input, policy);
    const consumer = await this.findConsumer(form);
    return this.authenticateConsumer(input, form, consumer, policy);
  }

  /** 429 for an address with too many failed signatures, whatever it sends. */
  async refuseBlockedAddress(address: string | undefined): Promise<void> {
    const retryAfter = address === undefined ? 0 : await this.failures.retryAfterSeconds('signature', address);
    if (retryAfter > 0) {
      throw new OAuthProblem('permission_denied', {
        retryAfterSeconds: retryAfter,
        advice: `Too many failed signatures from this address; try again in ${retryAfter} s`,
      });
    }
  }

  /** The protocol parameters: present (RFC 5849 3.1), a known version and signature method, a fresh timestamp. */
  readForm(input: SignedRequestInput, policy: SignedRequestPolicy<TokenKind>): SignedRequestForm {
    const { protocol, signed } = collectParameters(input);
    const plaintext = protocol.get('oauth_signature_method') === 'PLAINTEXT';
    const required = [
      ...ALWAYS_REQUIRED,
      ...(plaintext ? [] : REPLAY_PROTECTION),
      ...(policy.token === 'none' ? [] : TOKEN_REQUIRED),
      ...(policy.required ?? []),
    ];
    const absent = required.filter((name) => (protocol.get(name) ?? '') === '');
    if (absent.length > 0) {
      throw new OAuthProblem('parameter_absent', {
        parametersAbsent: absent,
        advice: `Missing OAuth parameters: ${absent.join(', ')}`,
      });
    }

    const version = protocol.get('oauth_version');
    if (version !== undefined && !ACCEPTED_VERSIONS.has(version)) {
      throw new OAuthProblem('version_rejected', { advice: 'oauth_version must be 1.0 when present' });
    }

    const signatureMethod = protocol.get('oauth_signature_method') ?? '';
    if (!isSignatureMethod(signatureMethod)) {
      throw new OAuthProblem('signature_method_rejected', {
        advice: 'Supported signature methods: HMAC-SHA1, HMAC-SHA256, RSA-SHA1, PLAINTEXT',
      });
    }

    // The body hash extension is for bodies a signature does not cover; a form body is signed already.
    if (protocol.has(BODY_HASH_PARAMETER) && input.formBody !== undefined) {
      throw new OAuthProblem('parameter_rejected', {
        advice: 'oauth_body_hash must not be sent with a form-encoded body, whose parameters are signed already',
      });
    }

    const timestampValue = protocol.get('oauth_timestamp');
    const timestamp = timestampValue === undefined ? undefined : this.checkTimestamp(timestampValue);
    return { protocol, signed, signatureMethod, timestamp };
  }

  /** The consumer the request names; nothing about it is judged yet. */
  async findConsumer(form: SignedRequestForm): Promise<Consumer> {
    const consumer = await this.consumers.find(form.protocol.get('oauth_consumer_key') ?? '');
    if (consumer === undefined) throw new OAuthProblem('consumer_key_unknown');
    return consumer;
  }

  /** The consumer's standing, then the token's state, then the signature over both secrets. */
  async authenticateConsumer<K extends TokenKind>(
    input: SignedRequestInput,
    form: SignedRequestForm,
    consumer: Consumer,
    policy: SignedRequestPolicy<K>,
  ): Promise<AuthenticatedRequest<K>> {
    const now = this.clock.now();
    const standing = standingOf(consumer, now);
    if (standing !== 'good') throw consumerProblem(standing);
    if (form.signatureMethod === 'RSA-SHA1' && !consumer.publicKey) {
      throw new OAuthProblem('signature_method_rejected', {
        advice: 'RSA-SHA1 needs an RSA public key on the consumer key; none is registered',
      });
    }

    const tokenValue = form.protocol.get('oauth_token') ?? '';
    const token = (await this.findToken(policy, tokenValue, consumer, now)) as TokenOfKind[K];
    if (!this.signatureMatches(input, form, consumer, token?.secret)) {
      if (policy.clientAddress !== undefined) await this.failures.recordFailure('signature', policy.clientAddress);
      throw new OAuthProblem('signature_invalid', {
        advice: 'Sign the request over the method, the URL as requested and every parameter (RFC 5849 3.4)',
      });
    }
    return { ...form, consumer, token };
  }

  /**
   * Records the request's nonce; a nonce seen before with that consumer, token and timestamp is a replay. A nonce is
   * recorded only with its timestamp: a PLAINTEXT request without them has no replay protection, which is PLAINTEXT's
   * nature (it relies on TLS).
   */
  async spendNonce(request: AuthenticatedRequest<TokenKind>, alongWith?: TokenWrite): Promise<void> {
    const nonce = request.protocol.get('oauth_nonce');
    if (nonce === undefined || request.timestamp === undefined) {
      // PLAINTEXT without a nonce: nothing to spend, the write goes on its own.
      if (alongWith !== undefined) await alongWith[0].execute(...alongWith[1]);
      return;
    }
    const token = request.token?.token ?? '';
    if (!(await this.nonces.record(request.consumer.consumerKey, token, request.timestamp, nonce, alongWith))) {
      throw new OAuthProblem('nonce_used', { advice: 'This nonce was already used with this timestamp' });
    }
  }

  private checkTimestamp(value: string): number {
    const nowSeconds = Math.floor(this.clock.now() / 1000);
    const window = this.config.timestampWindowSeconds;
    const timestamp = TIMESTAMP.test(value) ? Number(value) : Number.NaN;
    if (!(Math.abs(nowSeconds - timestamp) <= window)) {
      throw new OAuthProblem('timestamp_refused', {
        acceptableTimestamps: { from: nowSeconds - window, to: nowSeconds + window },
        advice: `oauth_timestamp must be within ${window} seconds of the server's time`,
      });
    }
    return timestamp;
  }

  private async findToken(
    policy: SignedRequestPolicy<TokenKind>,
    value: string,
    consumer: Consumer,
    now: number,
  ): Promise<RequestToken | AccessToken | undefined> {
    if (policy.token === 'none') return undefined;
    const token =
      policy.token === 'request' ? await this.requestTokens.find(value) : await this.accessTokens.find(value);
    // A token of another consumer is reported exactly like an unknown one: nothing about it is revealed.
    if (token === null || token.consumerKey !== consumer.consumerKey) throw new OAuthProblem('token_rejected');
    const state = stateOf(token, now, policy.token === 'access' ? this.config.accessTokenIdleSeconds : undefined);
    if (state !== 'usable' && !policy.alsoAccepts?.has(state)) throw tokenProblem(state);
    return token;
  }

  private signatureMatches(
    input: SignedRequestInput,
    form: SignedRequestForm,
    consumer: Consumer,
    tokenSecret: string | undefined,
  ): boolean {
    const baseString = signatureBaseString(input.method, input.url, form.signed);
    const secrets = { consumerSecret: consumer.consumerSecret, tokenSecret };
    const signature = form.protocol.get('oauth_signature') ?? '';
    return verifySignature(form.signatureMethod, baseString, signature, secrets, consumer.publicKey ?? undefined);
  }
}
