import { describe, expect, it } from 'vitest';
import { hashPassword, verifyDummyPassword, verifyPassword } from './passwords';

// Tests use a small cost; the format and the comparison are what is under test.
const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe('passwords', () => {
  it('hashes into a self-describing string and verifies the right password only', async () => {
    const hash = await hashPassword('correct horse battery', cheap);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('uses a fresh salt for every hash', async () => {
    const a = await hashPassword('same password', cheap);
    const b = await hashPassword('same password', cheap);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('verifies with the parameters stored in the hash, including the default cost', async () => {
    const hash = await hashPassword('Pässwörter sind lang');
    expect(hash.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('Pässwörter sind lang', hash)).toBe(true);
    // NFC and NFD spellings of the same text are the same password.
    expect(await verifyPassword('Pässwörter sind lang'.normalize('NFD'), hash)).toBe(true);
  });

  it('never matches a malformed or hostile hash', async () => {
    const good = await hashPassword('pw-1234567890', cheap);
    const parts = good.split('$');
    const variants = [
      '',
      'plain-text',
      parts.slice(0, 5).join('$'),
      ['bcrypt', ...parts.slice(1)].join('$'),
      ['scrypt', '1000', ...parts.slice(2)].join('$'), // N not a power of two
      ['scrypt', String(2 ** 24), ...parts.slice(2)].join('$'), // N too large
      ['scrypt', '1024', '0', ...parts.slice(3)].join('$'),
      [...parts.slice(0, 4), '', parts[5]].join('$'),
      [...parts.slice(0, 5), 'c2hvcnQ'].join('$'),
    ];
    for (const v of variants) expect(await verifyPassword('pw-1234567890', v)).toBe(false);
  });

  it('the dummy verification always fails', async () => {
    expect(await verifyDummyPassword('anything')).toBe(false);
  });
});
