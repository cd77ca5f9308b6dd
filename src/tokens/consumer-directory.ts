/**
 * The protocol's read model of a consumer key: its credential, its app and the app's owner (a developer or a
 * company). The keys feature of
 * the admin API owns those tables and provides the implementation; the protocol asks through this port, so that it
 * never reaches into the admin API's repositories.
 */
export interface Consumer {
  consumerKey: string;
  consumerSecret: string;
  /** RSA public key in PEM, for RSA-SHA1. */
  publicKey: string | null;
  organization: string;
  credentialStatus: string;
  credentialExpiresAt: number;
  apiProducts: Array<{ apiproduct: string; status: string }>;
  appId: string;
  appName: string;
  appStatus: string;
  callbackUrl: string | null;
  /** The developer's email; "" for a company app. */
  developerEmail: string;
  /** The owning company's name; null for a developer app. */
  companyName: string | null;
  /** The status of the app's owner: its developer's, or its company's (active|inactive). */
  developerStatus: string;
  /** "First Last", or a company's display name, as the authorize page names the app's owner. */
  developerName: string;
}

/** Used as the injection token: the keys feature registers its implementation under this class. */
export abstract class ConsumerDirectory {
  abstract find(consumerKey: string): Promise<Consumer | undefined>;

  /**
   * The scopes a consumer may ask for: the union of the scopes of its approved API products, or undefined when none
   * of them defines any (and so nothing restricts the scope).
   */
  abstract grantableScopes(consumer: Consumer): Promise<Set<string> | undefined>;
}
