import { describe, expect, it } from '@jest/globals';
import { NEVER_EXPIRES } from '../../../src/tokens/expiry.js';
import { standingOf, stateOf, statusShown } from '../../../src/tokens/lifecycle.js';

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
