import { describe, expect, it } from 'vitest';
import { cleanBody } from './clean-body.ts';

describe('cleanBody trackers', () => {
  it("removes Substack's open pixel even when it is not sized 1x1", () => {
    const pixel = '<img src="https://eotrx.substackcdn.com/open?token=abc123" width="20" height="20">';
    const { html, removed, images } = cleanBody(`<p>Hello</p>${pixel}`);
    expect(html).toBe('<p>Hello</p>');
    expect(removed).toEqual({ tracker: 1 });
    expect(images).toEqual([]);
  });

  it("keeps Substack's photos: only the /open path on that host is a tracker", () => {
    const photos = [
      'https://substackcdn.com/image/fetch/w_1456/photo.jpg',
      'https://substackcdn.com/opening-night.jpg',
      'https://example.org/open/photo.jpg',
    ];
    const { removed, images } = cleanBody(photos.map((src) => `<img src="${src}" width="600">`).join(''));
    expect(removed).toEqual({});
    expect(images).toEqual(photos);
  });

  it('removes images from a tracker host and its subdomains', () => {
    const { removed, images } = cleanBody(
      '<img src="https://www.google-analytics.com/collect?v=1" width="40"><img src="https://stats.wp.com/g.gif" width="40">',
    );
    expect(removed).toEqual({ tracker: 2 });
    expect(images).toEqual([]);
  });
});
