import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.ts';
import { importColumns } from './subscriber-import.ts';

describe('the import header', () => {
  it('finds the columns in any order and case', () => {
    expect(importColumns(['Name', ' EMAIL ', 'language'])).toEqual({ email: 1, name: 0, language: 2 });
    expect(importColumns(['email'])).toEqual({ email: 0, name: -1, language: -1 });
  });
  it('refuses a file without email, with an unknown or a repeated column', () => {
    for (const header of [['mail', 'name'], ['email', 'phone'], ['email', 'Email'], []]) {
      expect(() => importColumns(header), header.join(',')).toThrow(ValidationError);
    }
  });
});
