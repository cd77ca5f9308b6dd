import { Injectable } from '@nestjs/common';
import { FailedAttemptLimiter } from '../common/auth/failed-attempt-limiter.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import {
  collectParameters,
  isSignatureMethod,
  OAuthProblem,
  signatureBaseString,
  verifySignature,
} from '../oauth1/index.js';
import type { SignatureMethod, SignedRequestInput } from '../oauth1/index.js';
import type { AccessToken } from '../tokens/access-token.entity.js';
import { AccessTokenStore } from '../tokens/access-token.store.js';
import { hasExpired } from '../tokens/expiry.js';
import { NonceStore } from '../tokens/nonce.store.js';
import type { RequestToken } from '../tokens/request-token.entity.js';
import { RequestTokenStore } from '../tokens/request-token.store.js';
import { ConsumerDirectory } from './consumer-directory.js';
import type { Consumer } from './consumer-directory.js';

/** Which token a request is signed with: none (initiate), a request token (token) or an access token (resources). */
export type TokenKind = 'none' | 'request' | 'access';

interface TokenOfKind {
  none: undefined;
  request: RequestToken;
  access: AccessToken;
}

export interface VerifiedRequest<K extends TokenKind> {
  /** The oauth_* parameters, decoded. */
  protocol: Map<string, string>;
  /** Every signed name/value pair (protocol and others), decoded, in the order received. */
  signed: Array<[string, string]>;
  consumer: Consumer;
  token: TokenOfKind[K];
}

export interface VerificationPolicy<K extends TokenKind> {
  token: K;
  /** Protocol parameters this endpoint needs besides those every signed request carries. */
  required?: readonly string[];
  /** Runs as soon as the consumer is known, before anything about it is revealed (verify's organization check). */
  onConsumer?: (consumer: Consumer) => void;
  /** The endpoint's own checks: they run on a genuine (correctly signed) request, before its nonce is spent. */
  beforeNonce?: (request: VerifiedRequest<K>) => Promise<void> | void;
  /**
   * The client's address (initiate, token): its failed signatures are counted, and once AUTH_FAILURE_LIMIT of them
   * fall in a window it gets 429 for a window, whatever it sends. Left out for verify, whose caller is the resource
   * server passing on its clients' requests.
   */
  clientAddress?: string;
}

const ALWAYS_REQUIRED = [
  'oauth_consumer_key',
  'oauth_signature_method',
  'oauth_signature',
  'oauth_timestamp',
  'oauth_nonce',
] as const;
const TOKEN_REQUIRED = ['oauth_token'] as const;
const TIMESTAMP = /^[0-9]{1,12}$/;

/**
 * Every check contract section 1 makes on a signed request, cheapest and least revealing first: whether the client's
 * address is refused for too many bad signatures, the request's own form, then the consumer, then the token, then the
 * signature, and the nonce last, so that a forged request cannot spend a genuine client's nonce.
 */
@Injectable()
export class SignedRequestVerifier {
  constructor(
    private readonly consumers: ConsumerDirectory,
    private readonly requestTokens: RequestTokenStore,
    private readonly accessTokens: AccessTokenStore,
    private readonly nonces: NonceStore,
    private readonly failures: FailedAttemptLimiter,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async verify<K extends TokenKind>(
    input: SignedRequestInput,
    policy: VerificationPolicy<K>,
  ): Promise<VerifiedRequest<K>> {
    const address = policy.clientAddress;
    const retryAfter = address === undefined ? 0 : this.failures.retryAfterSeconds('signature', address);
    if (retryAfter > 0) {
      throw new OAuthProblem('permission_denied', {
        retryAfterSeconds: retryAfter,
        advice: `Too many failed signatures from this address; try again in ${retryAfter} s`,
      });
    }

    const { protocol, signed } = collectParameters(input);
    const param = (name: string): string => protocol.get(name) ?? '';

    const required = [
      ...ALWAYS_REQUIRED,
      ...(policy.token === 'none' ? [] : TOKEN_REQUIRED),
      ...(policy.required ?? []),
    ];
    const absent = required.filter((name) => param(name) === '');
    if (absent.length > 0) {
      throw new OAuthProblem('parameter_absent', {
        parametersAbsent: absent,
        advice: `Missing OAuth parameters: ${absent.join(', ')}`,
      });
    }

    const version = protocol.get('oauth_version');
    if (version !== undefined && version !== '1.0') {
      throw new OAuthProblem('version_rejected', { advice: 'oauth_version must be 1.0 when present' });
    }

    const method = param('oauth_signature_method');
    if (!isSignatureMethod(method)) {
      throw new OAuthProblem('signature_method_rejected', {
        advice: 'Supported signature methods: HMAC-SHA1, HMAC-SHA256, RSA-SHA1, PLAINTEXT',
      });
    }

    const timestamp = this.checkTimestamp(param('oauth_timestamp'));
    const consumer = await this.findConsumer(param('oauth_consumer_key'), policy.onConsumer);
    if (method === 'RSA-SHA1' && !consumer.publicKey) {
      throw new OAuthProblem('signature_method_rejected', {
        advice: 'RSA-SHA1 needs an RSA public key on the consumer key; none is registered',
      });
    }

    const token = (await this.findToken(policy.token, param('oauth_token'), consumer)) as TokenOfKind[K];
    if (!this.signatureMatches(method, input, signed, param('oauth_signature'), consumer, token?.secret)) {
      if (address !== undefined) this.failures.recordFailure('signature', address);
      throw new OAuthProblem('signature_invalid', {
        advice: 'Sign the request over the method, the URL as requested and every parameter (RFC 5849 3.4)',
      });
    }

    const verified: VerifiedRequest<K> = { protocol, signed, consumer, token };
    await policy.beforeNonce?.(verified);
    if (!(await this.nonces.record(consumer.consumerKey, token?.token ?? '', timestamp, param('oauth_nonce')))) {
      throw new OAuthProblem('nonce_used', { advice: 'This nonce was already used with this timestamp' });
    }
    return verified;
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

  private async findConsumer(consumerKey: string, onConsumer?: (consumer: Consumer) => void): Promise<Consumer> {
    const consumer = await this.consumers.find(consumerKey);
    if (consumer === undefined) throw new OAuthProblem('consumer_key_unknown');
    onConsumer?.(consumer);
    const rejected = (advice: string) => new OAuthProblem('consumer_key_rejected', { advice });
    if (consumer.credentialStatus !== 'approved') throw rejected('The consumer key is revoked');
    if (hasExpired(consumer.credentialExpiresAt, this.clock.now())) throw rejected('The consumer key has expired');
    if (consumer.appStatus !== 'approved') throw rejected('The application is not approved');
    if (consumer.developerStatus !== 'active') throw rejected('The developer is not active');
    return consumer;
  }

  private async findToken(
    kind: TokenKind,
    value: string,
    consumer: Consumer,
  ): Promise<RequestToken | AccessToken | undefined> {
    if (kind === 'none') return undefined;
    const token = kind === 'request' ? await this.requestTokens.find(value) : await this.accessTokens.find(value);
    // A token of another consumer is reported exactly like an unknown one: nothing about it is revealed.
    if (token === null || token.consumerKey !== consumer.consumerKey) throw new OAuthProblem('token_rejected');
    if (token.status !== 'approved') throw new OAuthProblem('token_revoked');
    if ('usedAt' in token && token.usedAt !== null) {
      throw new OAuthProblem('token_used', { advice: 'This request token was already exchanged for an access token' });
    }
    if (hasExpired(token.expiresAt, this.clock.now())) throw new OAuthProblem('token_expired');
    return token;
  }

  private signatureMatches(
    method: SignatureMethod,
    input: SignedRequestInput,
    signed: Array<[string, string]>,
    signature: string,
    consumer: Consumer,
    tokenSecret: string | undefined,
  ): boolean {
    const baseString = signatureBaseString(input.method, input.url, signed);
    const secrets = { consumerSecret: consumer.consumerSecret, tokenSecret };
    return verifySignature(method, baseString, signature, secrets, consumer.publicKey ?? undefined);
  }
}
