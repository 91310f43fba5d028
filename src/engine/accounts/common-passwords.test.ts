import { describe, expect, it } from 'vitest';
import { commonPasswordCount, guessablePasswordProblem } from './common-passwords';
import { passwordProblem } from './password';

describe('guessable passwords', () => {
  it('refuses the passwords the attack tried, saying why', () => {
    expect(passwordProblem('12345678')).toMatch(/one of the 10,000 most common passwords, which attackers try first/);
    expect(passwordProblem('password')).toMatch(/one of the 10,000 most common passwords/);
    expect(passwordProblem('PassWord')).toMatch(/one of the 10,000 most common passwords/);
    expect(passwordProblem('abcdefgh')).toMatch(/a run of neighbouring characters \(like abcdefgh, 12345678 or qwertyui\)/);
    expect(passwordProblem('qwertyui')).toMatch(/one of the 10,000 most common passwords|a run of neighbouring characters/);
  });

  it('refuses runs and repeats no list holds in every variant', () => {
    for (const p of ['bcdefghi', '98765432', 'zyxwvuts', 'asdfghjkl;', 'lkjhgfds', ',mnbvcxz']) expect(guessablePasswordProblem(p), p).toMatch(/run of neighbouring characters/);
    for (const p of ['abcabcabc', 'xyzxyzxy', 'q1w2q1w2q1w2']) expect(guessablePasswordProblem(p), p).toMatch(/repeats a few characters/);
  });

  it('accepts passwords that are none of those', () => {
    for (const p of ['correct horse', 'tr0ub4dor&3', 'plum kettle 42', 'Zq7!mR2#vL']) expect(passwordProblem(p), p).toBeUndefined();
  });

  it('ships 10,000 passwords', () => {
    expect(commonPasswordCount()).toBe(10_000);
  });
});
