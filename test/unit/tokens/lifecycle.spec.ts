import { describe, expect, it } from '@jest/globals';
import { NEVER_EXPIRES } from '../../../src/tokens/expiry.js';
import { requestTokenStateOf, standingOf, stateOf, statusShown, useToRecord } from '../../../src/tokens/lifecycle.js';

const NOW = 1_800_000_000_000;
const usable = { status: 'approved', expiresAt: NOW + 1000, usedAt: null };
const goodConsumer = {
  credentialStatus: 'approved',
  credentialExpiresAt: NEVER_EXPIRES,
  appStatus: 'approved',
  developerStatus: 'active',
};

describe('the token lifecycle', () => {
  it('reads an approved, unused, unexpired token as usable, and one that never expires too', () => {
    expect(stateOf(usable, NOW)).toBe('usable');
    expect(stateOf({ status: 'approved', expiresAt: NEVER_EXPIRES }, NOW)).toBe('usable');
  });

  it('reads a token at or past its expiry as expired', () => {
    expect(stateOf({ ...usable, expiresAt: NOW }, NOW)).toBe('expired');
    expect(stateOf({ ...usable, expiresAt: NOW - 1 }, NOW)).toBe('expired');
  });

  it('reads an exchanged request token as used, even once it has expired', () => {
    expect(stateOf({ ...usable, usedAt: NOW - 5 }, NOW)).toBe('used');
    expect(stateOf({ ...usable, usedAt: NOW - 5, expiresAt: NOW - 1 }, NOW)).toBe('used');
  });

  it('reads a revoked token as revoked whatever else holds', () => {
    expect(stateOf({ ...usable, status: 'revoked', usedAt: NOW - 5, expiresAt: NOW - 1 }, NOW)).toBe('revoked');
  });

  it('shows the admin API an approved token past its expiry as expired, and a revoked one as revoked', () => {
    expect(statusShown(usable, NOW)).toBe('approved');
    expect(statusShown({ ...usable, expiresAt: NOW - 1 }, NOW)).toBe('expired');
    expect(statusShown({ ...usable, status: 'revoked', expiresAt: NOW - 1 }, NOW)).toBe('revoked');
  });

  describe('idle access tokens (ACCESS_TOKEN_IDLE_SECONDS)', () => {
    const IDLE_SECONDS = 600;
    const accessToken = { status: 'approved', expiresAt: NEVER_EXPIRES, issuedAt: NOW - 100_000, lastUsedAt: null };

    it('reads a token unused for the idle limit since it was issued as inactive, and one used since as usable', () => {
      const issued = { ...accessToken, issuedAt: NOW - IDLE_SECONDS * 1000 };
      expect(stateOf(issued, NOW, IDLE_SECONDS)).toBe('inactive');
      expect(stateOf({ ...issued, issuedAt: issued.issuedAt + 1 }, NOW, IDLE_SECONDS)).toBe('usable');
      expect(stateOf({ ...issued, lastUsedAt: NOW - IDLE_SECONDS * 1000 + 1 }, NOW, IDLE_SECONDS)).toBe('usable');
      expect(stateOf({ ...issued, lastUsedAt: NOW - IDLE_SECONDS * 1000 }, NOW, IDLE_SECONDS)).toBe('inactive');
    });

    it('never reads a token inactive without an idle limit, however long unused', () => {
      const old = { ...accessToken, issuedAt: 0, lastUsedAt: 1 };
      expect(stateOf(old, NOW)).toBe('usable');
      expect(statusShown(old, NOW)).toBe('approved');
    });

    it('reads a revoked or expired idle token as revoked or expired, which renew cannot undo', () => {
      const idle = { ...accessToken, lastUsedAt: NOW - IDLE_SECONDS * 2000 };
      expect(stateOf({ ...idle, status: 'revoked' }, NOW, IDLE_SECONDS)).toBe('revoked');
      expect(stateOf({ ...idle, expiresAt: NOW - 1 }, NOW, IDLE_SECONDS)).toBe('expired');
    });

    it('shows the admin API an idle access token as inactive', () => {
      const idle = { ...accessToken, lastUsedAt: NOW - IDLE_SECONDS * 1000 };
      expect(statusShown(idle, NOW, IDLE_SECONDS)).toBe('inactive');
      expect(statusShown({ ...idle, lastUsedAt: NOW }, NOW, IDLE_SECONDS)).toBe('approved');
      expect(statusShown({ ...idle, status: 'revoked' }, NOW, IDLE_SECONDS)).toBe('revoked');
    });

    it('gives request tokens no idle state', () => {
      const requestToken = { status: 'approved', expiresAt: NOW + 1000, usedAt: null, issuedAt: NOW - 10_000_000 };
      expect(requestTokenStateOf(requestToken, NOW)).toBe('usable');
      expect(requestTokenStateOf({ ...requestToken, usedAt: NOW }, NOW)).toBe('used');
    });
  });

  describe('recording use', () => {
    it('records the first use of a token', () => {
      expect(useToRecord({ lastUsedAt: null }, NOW)).toBe(true);
      expect(useToRecord({ lastUsedAt: null }, NOW, 2)).toBe(true);
    });

    it('records a use at most once a minute without an idle limit or with a long one', () => {
      for (const idleSeconds of [undefined, 120, 86_400]) {
        expect(useToRecord({ lastUsedAt: NOW - 59_999 }, NOW, idleSeconds)).toBe(false);
        expect(useToRecord({ lastUsedAt: NOW - 60_000 }, NOW, idleSeconds)).toBe(true);
      }
    });

    it('records a use once per half the idle limit when that is shorter than a minute', () => {
      expect(useToRecord({ lastUsedAt: NOW - 29_999 }, NOW, 60)).toBe(false);
      expect(useToRecord({ lastUsedAt: NOW - 30_000 }, NOW, 60)).toBe(true);
      expect(useToRecord({ lastUsedAt: NOW - 999 }, NOW, 2)).toBe(false);
      expect(useToRecord({ lastUsedAt: NOW - 1000 }, NOW, 2)).toBe(true);
    });

    it('keeps a token in steady use from ever reading inactive', () => {
      const idleSeconds = 10;
      const token = { status: 'approved', expiresAt: NEVER_EXPIRES, issuedAt: NOW, lastUsedAt: null as number | null };
      for (let now = NOW; now < NOW + 100_000; now += 4_000) {
        expect(stateOf(token, now, idleSeconds)).toBe('usable');
        if (useToRecord(token, now, idleSeconds)) token.lastUsedAt = now;
      }
    });
  });

  it("names the first reason a consumer may not take part, in the contract's order", () => {
    expect(standingOf(goodConsumer, NOW)).toBe('good');
    expect(standingOf({ ...goodConsumer, credentialStatus: 'revoked', appStatus: 'revoked' }, NOW)).toBe('key_revoked');
    expect(standingOf({ ...goodConsumer, credentialExpiresAt: NOW - 1, appStatus: 'revoked' }, NOW)).toBe(
      'key_expired',
    );
    expect(standingOf({ ...goodConsumer, appStatus: 'revoked', developerStatus: 'inactive' }, NOW)).toBe(
      'app_not_approved',
    );
    expect(standingOf({ ...goodConsumer, developerStatus: 'inactive' }, NOW)).toBe('developer_inactive');
  });
});
