import { describe, expect, it } from 'vitest';
import { createArticleFollowUps } from './article-follow-ups.ts';
import type { ArticleChange } from './article-changes.ts';

const change: ArticleChange = {
  kind: 'saved',
  articleId: 'a1',
  slug: 'a1',
  wasPublic: true,
  isPublic: true,
  alsoAffects: [],
};
const noJobs = {
  enqueue: () => Promise.reject(new Error('not used here')),
  cancel: () => Promise.reject(new Error('not used here')),
};

describe('after-commit reactions to an article change', () => {
  it('run every subscriber, in order, although one throws, and log the failure', async () => {
    const logged: Array<{ message: string; fields?: Record<string, unknown> }> = [];
    const followUps = createArticleFollowUps({
      jobs: noJobs,
      log: (_level, message, fields) => logged.push({ message, ...(fields ? { fields } : {}) }),
    });
    const ran: string[] = [];
    followUps.subscribe(() => {
      ran.push('first');
      throw new Error('first broke');
    });
    followUps.subscribe(async () => {
      ran.push('second');
      throw new Error('second broke later');
    });
    followUps.subscribe(() => void ran.push('third'));

    await expect(followUps.afterCommit(change)).resolves.toBeUndefined();
    expect(ran).toEqual(['first', 'second', 'third']);
    expect(logged.map((l) => l.fields?.error)).toEqual(['first broke', 'second broke later']);
    expect(logged.every((l) => l.fields?.articleId === 'a1')).toBe(true);
  });
});
