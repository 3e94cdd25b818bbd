import { describe, expect, it } from 'vitest';
import { TooLargeError, ValidationError } from '../../domain/errors.ts';
import {
  checkDimensions,
  checkUploadSize,
  DEFAULT_MEDIA_LIMITS,
  resolveMediaLimits,
} from './media-limits.ts';

describe('media limits', () => {
  it('defaults to 25 MB, 50 megapixels and at least 1 pixel a side', () => {
    expect(DEFAULT_MEDIA_LIMITS).toEqual({
      maxBytes: 25 * 1024 * 1024,
      maxPixels: 50_000_000,
      minDimension: 1,
    });
  });

  it('overrides only what is given and refuses nonsense', () => {
    expect(resolveMediaLimits({ maxBytes: 1000 })).toEqual({ ...DEFAULT_MEDIA_LIMITS, maxBytes: 1000 });
    expect(() => resolveMediaLimits({ maxPixels: -1 })).toThrow(/invalid media limits/);
    expect(() => resolveMediaLimits({ maxBytes: 1.5 })).toThrow(/invalid media limits/);
  });

  it('refuses uploads over the byte limit with TooLargeError', () => {
    const limits = resolveMediaLimits({ maxBytes: 100 });
    expect(() => checkUploadSize(100, limits)).not.toThrow();
    expect(() => checkUploadSize(101, limits)).toThrow(TooLargeError);
  });

  it('refuses images over the pixel limit with TooLargeError', () => {
    expect(() => checkDimensions(10_000, 5_000, DEFAULT_MEDIA_LIMITS)).not.toThrow();
    expect(() => checkDimensions(10_000, 5_001, DEFAULT_MEDIA_LIMITS)).toThrow(TooLargeError);
    expect(() => checkDimensions(30_000, 30_000, DEFAULT_MEDIA_LIMITS)).toThrow(/900\.0 megapixels/);
  });

  it('refuses images smaller than the minimum side with ValidationError', () => {
    expect(() => checkDimensions(1, 1, DEFAULT_MEDIA_LIMITS)).not.toThrow();
    expect(() => checkDimensions(0, 10, DEFAULT_MEDIA_LIMITS)).toThrow(ValidationError);
    expect(() => checkDimensions(20, 9, resolveMediaLimits({ minDimension: 10 }))).toThrow(ValidationError);
  });
});
