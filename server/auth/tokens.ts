import { createHash, randomBytes, randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET } from '../../shared/domain';

/** A bearer secret from the CSPRNG: 32 bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash of a token is stored, so a leaked database holds no usable token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A random code of the given length from the unambiguous join-code alphabet (CSPRNG). */
export function newJoinCode(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return out;
}

/** A random id for records (URL-safe, 16 bytes). */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}
