import { ApiProduct } from '../admin/apiproducts/api-product.entity.js';
import { DeveloperApp } from '../admin/apps/developer-app.entity.js';
import { AppUser } from '../admin/appusers/app-user.entity.js';
import { Company, CompanyDeveloper } from '../admin/companies/company.entity.js';
import { Developer } from '../admin/developers/developer.entity.js';
import { Credential } from '../admin/keys/credential.entity.js';
import { Organization } from '../admin/organizations/organization.entity.js';
import { ManagementUser, UserRole } from '../admin/users/management-user.entity.js';
import { FailedAttempt } from '../common/auth/failed-attempt.entity.js';
import { AccessToken } from '../tokens/access-token.entity.js';
import { Nonce } from '../tokens/nonce.entity.js';
import { RequestToken } from '../tokens/request-token.entity.js';
import { Verifier } from '../tokens/verifier.entity.js';

export const ENTITIES = [
  Organization,
  ManagementUser,
  UserRole,
  Developer,
  Company,
  CompanyDeveloper,
  DeveloperApp,
  Credential,
  ApiProduct,
  AppUser,
  RequestToken,
  Verifier,
  AccessToken,
  Nonce,
  FailedAttempt,
];
