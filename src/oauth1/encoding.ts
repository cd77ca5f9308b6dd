/**
 * RFC 5849 section 3.6 (Percent Encoding) and RFC 3986 section 2: every value that takes part in a signature is
 * encoded in exactly one way, so that client and server produce byte-identical base strings.
 */
import { OAuthProblem } from './problem.js';

// RFC 3986 2.3 unreserved characters; everything else, including the !*'() that encodeURIComponent leaves alone, is
// escaped.
const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;
const ESCAPE_BY_BYTE: readonly string[] = Array.from({ length: 256 }, (_, byte) => {
  const char = String.fromCharCode(byte);
  return UNRESERVED_ONLY.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
});

const utf8Encoder = new TextEncoder();
// fatal: a decoded value that is not UTF-8 would be re-encoded differently from what the client signed.
// ignoreBOM: a leading %EF%BB%BF is part of the value, not a byte-order mark to be silently dropped.
const strictUtf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Encodes the UTF-8 bytes of a value, escaping every byte outside ALPHA / DIGIT / "-" / "." / "_" / "~" as %XX. */
export function percentEncode(value: string): string {
  if (UNRESERVED_ONLY.test(value)) return value;
  let encoded = '';
  for (const byte of utf8Encoder.encode(value)) encoded += ESCAPE_BY_BYTE[byte];
  return encoded;
}

function hexDigitValue(charCode: number): number {
  if (charCode >= 0x30 && charCode <= 0x39) return charCode - 0x30;
  const lowerCased = charCode | 0x20;
  if (lowerCased >= 0x61 && lowerCased <= 0x66) return lowerCased - 0x61 + 10;
  return -1;
}

/**
 * Reverses percent-encoding, refusing anything that could not have come from an encoder: a '%' not followed by two
 * hex digits, or escaped bytes that are not UTF-8. Unescaped characters are taken literally.
 */
export function percentDecode(value: string): string {
  let escapeAt = value.indexOf('%');
  if (escapeAt === -1) return value;

  const chunks: Uint8Array[] = [];
  let literalStart = 0;
  while (escapeAt !== -1) {
    if (escapeAt > literalStart) chunks.push(utf8Encoder.encode(value.slice(literalStart, escapeAt)));
    const escapedBytes: number[] = [];
    while (value.charCodeAt(escapeAt) === 0x25) {
      const high = hexDigitValue(value.charCodeAt(escapeAt + 1));
      const low = hexDigitValue(value.charCodeAt(escapeAt + 2));
      if (high === -1 || low === -1) {
        throw new OAuthProblem('parameter_rejected', {
          advice: `Malformed percent-encoding "${value.slice(escapeAt, escapeAt + 3)}": '%' must be followed by two hex digits`,
        });
      }
      escapedBytes.push(high * 16 + low);
      escapeAt += 3;
    }
    chunks.push(Uint8Array.from(escapedBytes));
    literalStart = escapeAt;
    escapeAt = value.indexOf('%', literalStart);
  }
  if (literalStart < value.length) chunks.push(utf8Encoder.encode(value.slice(literalStart)));

  try {
    return strictUtf8Decoder.decode(Buffer.concat(chunks));
  } catch {
    throw new OAuthProblem('parameter_rejected', { advice: 'A percent-encoded value is not valid UTF-8' });
  }
}

/** Decodes application/x-www-form-urlencoded content, where '+' stands for a space and '%2B' for a plus sign. */
export function formDecode(value: string): string {
  return percentDecode(value.replaceAll('+', ' '));
}
