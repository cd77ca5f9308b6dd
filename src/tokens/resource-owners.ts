/** A resource owner who may authorize a request token: an active app user of the token's organization. */
export interface ResourceOwner {
  organization: string;
  id: string;
  displayName: string;
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
}
