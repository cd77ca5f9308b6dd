/** A resource owner who may authorize a request token: an active app user of the token's organization. */
export interface ResourceOwner {
  organization: string;
  id: string;
  displayName: string;
}

/** A signed-in resource owner and the key their session cookies are signed with. */
export interface OwnerSessionKey {
  owner: ResourceOwner;
  key: Buffer;
}

/**
 * The credential check of the authorize page, as a port: the app-users feature of the admin API owns the accounts and
 * provides the implementation.
 */
export abstract class ResourceOwnerCredentials {
  /**
   * The active resource owner of that organization with that id and password, or undefined. Takes as long for an
   * unknown id as for a wrong password.
   */
  abstract signIn(organization: string, id: string, password: string): Promise<ResourceOwner | undefined>;

  /**
   * The active resource owner with that id and the key that signs their sessions, or undefined. The key is derived
   * from the account's stored password hash: every process computes the same one with nothing to configure, and a
   * new password, a deactivated or a deleted account ends every session signed before.
   */
  abstract sessionKey(organization: string, id: string): Promise<OwnerSessionKey | undefined>;
}
