/** OAuth 1.0a (RFC 5849) signing and parsing, free of any framework. */
export { formatAuthorizationHeader, parseAuthorizationHeader } from './authorization-header.js';
export { baseStringUri, normalizeParameters, signatureBaseString } from './base-string.js';
export { formDecode, percentDecode, percentEncode } from './encoding.js';
export { collectParameters, parseFormEncoded } from './parameters.js';
export type { CollectedParameters, ParameterSource, SignedRequestInput } from './parameters.js';
export { BODY_HASH_PARAMETER, bodyHash, bodyHashMatches } from './body-hash.js';
export { OAuthProblem } from './problem.js';
export type { OAuthProblemCode, OAuthProblemOptions } from './problem.js';
export { SIGNATURE_METHODS, isSignatureMethod, sign, signingKey, verifySignature } from './signature.js';
export type { SignatureMethod, SigningSecrets } from './signature.js';
