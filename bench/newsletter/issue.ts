// The issue the benchmark sends: three articles of about 500 words each (the email holds their
// full text; about 40 KB a message with both parts), rendered by our renderer.
import type { renderIssue } from '../../src/modules/newsletters/index.ts';

export const BENCH_SITE = 'https://news.example';
export const BENCH_FROM = 'Newsroom <desk@news.example>';

const sentence = (i: number) =>
  `Paragraph ${i} of the story: officials said the water level at the dam had fallen for the third week in a row, and residents downstream described what they had seen.`;

function body(paragraphs: number): string {
  return JSON.stringify({
    type: 'doc',
    content: Array.from({ length: paragraphs }, (_, i) => ({
      type: 'paragraph',
      content: [{ type: 'text', text: `${sentence(i)} ${sentence(i + 1)} ${sentence(i + 2)}` }],
    })),
  });
}

export function benchIssue(): Parameters<typeof renderIssue>[0] {
  return {
    publicationName: 'The Bench Times',
    siteUrl: BENCH_SITE,
    list: { id: 'list', slug: 'weekly', name: 'Weekly digest' },
    subject: 'This week: the dam, the court, the market',
    intro: 'Good morning. Three stories this week.',
    language: 'en',
    archiveUrl: `${BENCH_SITE}/newsletter/archive/weekly-1`,
    articles: [1, 2, 3].map((n) => ({
      id: `a${n}`,
      slug: `story-${n}`,
      language: 'en',
      title: `Story number ${n}`,
      standfirst: 'What happened, and why it matters.',
      body: body(10),
      publishedAt: new Date().toISOString(),
      heroMediaId: null,
      url: `${BENCH_SITE}/articles/story-${n}`,
    })),
    mirrors: [{ url: 'https://mirror.news.example.net/', label: 'Mirror' }],
  };
}
