/** The roles a management user may hold in an organization, with Apigee's names. */
export const ORG_ROLES = ['orgadmin', 'readonlyadmin'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** A management user whose Basic credentials were verified. */
export interface Principal {
  email: string;
  sysadmin: boolean;
  roles: Map<string, OrgRole>;
}

/**
 * What the global guard needs to know about management users. The users feature provides it, so that common
 * imports no feature; an abstract class rather than an interface because Nest injects by class.
 */
export abstract class PrincipalResolver {
  /** The user a Basic Authorization header names when its password is right; undefined otherwise. */
  abstract authenticate(authorization: string | undefined): Promise<Principal | undefined>;

  abstract organizationExists(name: string): Promise<boolean>;
}
