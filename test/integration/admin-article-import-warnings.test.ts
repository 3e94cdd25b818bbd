import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../support/admin-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// Pasted HTML is kept whole: what the document model has no place for becomes text, and the
// answer to the save says so, so an editor is never told "saved" about text that was dropped.

interface Saved {
  article: { id: string; version: number; body: unknown };
  warnings: Array<{ code: string; element?: string }>;
}

describe.each(testDatabases)('warnings about pasted HTML in the Admin API (%s)', (dialect) => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    admin = adminClient(t, await t.key('editor'));
  });
  afterAll(async () => t?.close());

  const HOSTILE =
    '<p>Before the chart.</p><svg viewBox="0 0 10 10"><style>text{fill:red}</style>' +
    '<script>alert(1)</script><text>Reservoir at 41%</text></svg><p>After the chart.</p>';

  it('keeps the text after an <svg> holding <style> and <script>, and reports what became text', async () => {
    const created = await admin.post<Saved>('/articles', { title: 'Water levels', body_html: HOSTILE });
    expect(created.status).toBe(201);
    const stored = JSON.stringify(created.body.article.body);
    for (const text of ['Before the chart.', 'Reservoir at 41%', 'After the chart.']) {
      expect(stored).toContain(text);
    }
    expect(stored).not.toContain('alert(1)');
    expect(created.body.warnings).toContainEqual(
      expect.objectContaining({ code: 'replaced_by_text', element: 'svg' }),
    );
  });

  it('answers an empty list when everything was kept, on create and on update', async () => {
    const created = await admin.post<Saved>('/articles', { title: 'Plain', body_html: '<p>Just words.</p>' });
    expect(created.body.warnings).toEqual([]);
    const { id, version } = created.body.article;
    const updated = await admin.patch<Saved>(`/articles/${id}`, { version, body_html: HOSTILE });
    expect(updated.status).toBe(200);
    expect(updated.body.warnings.map((w) => w.code)).toContain('replaced_by_text');
  });
});
