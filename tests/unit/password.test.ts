// The password policy: at least 10 characters, and not easy to guess by zxcvbn's estimate.
import { describe, expect, it } from 'vitest';
import { AuthError, checkPassword, latinKeys } from '../../server/auth.js';

const refusal = (password: string, username?: string) => {
  try {
    checkPassword(password, username);
  } catch (error) {
    if (error instanceof AuthError) return { code: error.code, ...error.extra };
    throw error;
  }
  return null;
};

describe('checkPassword', () => {
  it('refuses a password under 10 characters as short', () => {
    expect(refusal('Kx9$mQ2')).toEqual({ code: 'weak_password', reason: 'password_short' });
  });

  it.each([
    'aaaaaaaaaa',
    'password123',
    'qwertyuiop',
    '1234567890',
    '1q2w3e4r5t6y',
    'iloveyou12',
    'Password2026!',
    'coopgraph2026',
    'Coopgraph2026!',
    'Gfhjkm2026!',
  ])('refuses %s as easy to guess', (password) => {
    expect(refusal(password)).toEqual({ code: 'weak_password', reason: 'password_guessable' });
  });

  // No Russian dictionary, but the common passwords hold Russian words typed on the Latin layout.
  it.each(['пароль12345', 'йцукенгшщз', 'наташа1990', 'привет123456', 'ПАРОЛЬ12345'])(
    'refuses %s as easy to guess, by the keys it is typed with',
    (password) => {
      expect(refusal(password)).toEqual({ code: 'weak_password', reason: 'password_guessable' });
    },
  );

  it('maps the Russian layout onto the Latin keys', () => {
    expect(latinKeys('пароль')).toBe('gfhjkm');
    expect(latinKeys('Пароль, ЖЭ.ё')).toBe("Gfhjkm, ;'.`");
  });

  it("refuses the account's own name made long", () => {
    expect(refusal('marinamarina', 'marina')).toEqual({ code: 'weak_password', reason: 'password_guessable' });
  });

  it.each([
    'correct horse battery staple',
    'another long password',
    'from the environment',
    'Лесопилка-2026',
    'медведь вышел на лёд в марте',
  ])('accepts %s', (password) => {
    expect(refusal(password)).toBeNull();
  });
});
