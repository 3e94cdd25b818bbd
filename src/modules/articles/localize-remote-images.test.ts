import { describe, expect, it } from 'vitest';
import { figuresOf, type DocumentTree } from './document/index.ts';
import { localizeRemoteImages, type ImportRemoteImage } from './localize-remote-images.ts';

// The importer is the dependency here (the media library and the network); what is tested is
// which figures are sent to it, how often, and what the tree and the warnings become.

const figure = (src: string) => ({
  type: 'figure' as const,
  attrs: { src, alt: 'a', caption: '', credit: '', media_id: null },
});
const doc = (...srcs: string[]): DocumentTree => ({ type: 'doc', content: srcs.map(figure) });
const SITE = 'https://news.example';

function recordingImporter(fail: (url: string) => string | null = () => null) {
  const calls: string[] = [];
  const importImage: ImportRemoteImage = async (url) => {
    calls.push(url);
    const reason = fail(url);
    if (reason) return { ok: false, reason, detail: `it was ${reason}` };
    return { ok: true, mediaId: `m${calls.length}`, src: `${SITE}/media/m${calls.length}.jpg` };
  };
  return { calls, importImage };
}

describe('localizeRemoteImages', () => {
  it('leaves our own images alone and copies each other URL once', async () => {
    const { calls, importImage } = recordingImporter();
    const tree = doc(
      '/media/x.jpg',
      `${SITE}/media/y.jpg`,
      'https://a.example/1.jpg',
      'https://a.example/1.jpg',
    );
    const { tree: out, warnings } = await localizeRemoteImages(tree, {
      importImage,
      siteOrigin: SITE,
      budgetMs: 1000,
    });
    expect(calls).toEqual(['https://a.example/1.jpg']);
    expect(warnings).toEqual([]);
    expect(figuresOf(out).map((f) => [f.src, f.media_id])).toEqual([
      ['/media/x.jpg', null],
      [`${SITE}/media/y.jpg`, null],
      [`${SITE}/media/m1.jpg`, 'm1'],
      [`${SITE}/media/m1.jpg`, 'm1'],
    ]);
  });

  it('removes what could not be copied, one warning per URL with its origin and reason', async () => {
    const { importImage } = recordingImporter((url) => (url.includes('bad') ? 'http_status' : null));
    const tree = doc('https://bad.example/1.jpg', 'https://good.example/2.jpg', 'https://bad.example/1.jpg');
    const { tree: out, warnings } = await localizeRemoteImages(tree, {
      importImage,
      siteOrigin: SITE,
      budgetMs: 1000,
    });
    expect(figuresOf(out).map((f) => f.media_id)).toEqual(['m2']);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'remote_image_dropped',
        origin: 'https://bad.example',
        reason: 'http_status',
      }),
    ]);
  });

  it('removes every remote image when nothing can copy them', async () => {
    const { tree: out, warnings } = await localizeRemoteImages(doc('https://a.example/1.jpg'), {
      siteOrigin: SITE,
      budgetMs: 1000,
    });
    expect(figuresOf(out)).toEqual([]);
    expect(warnings.map((w) => w.reason)).toEqual(['unavailable']);
  });

  it('hands every import the save budget, which ends the imports still waiting', async () => {
    const signals: AbortSignal[] = [];
    const importImage: ImportRemoteImage = (_url, _details, signal) => {
      signals.push(signal);
      return new Promise((resolve) =>
        signal.addEventListener('abort', () => resolve({ ok: false, reason: 'timeout', detail: 'too slow' })),
      );
    };
    const urls = Array.from({ length: 6 }, (_, i) => `https://a.example/${i}.jpg`);
    const started = Date.now();
    const { warnings } = await localizeRemoteImages(doc(...urls), {
      importImage,
      siteOrigin: SITE,
      budgetMs: 100,
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(warnings.map((w) => w.reason)).toEqual(urls.map(() => 'timeout'));
    // Four at once; the two still queued when the budget ran out were never started.
    expect(signals).toHaveLength(4);
  });
});
