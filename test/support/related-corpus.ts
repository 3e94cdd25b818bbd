// A small hand-made newsroom for the related-articles tests: three subjects (river pollution,
// grain prices, press freedom) in English and Russian, with tags, a draft, a scheduled article
// and two copies of one wire story that differ only in their tags.
import type { ArticleStatus } from '../../src/db/schema.ts';
import { indexArticle, type SearchDb } from '../../src/modules/search/index.ts';

export interface CorpusArticle {
  id: string;
  language: string;
  status: ArticleStatus;
  title: string;
  standfirst: string;
  body: string;
  /** Day of November 2026. */
  day: number;
  tags: string[];
}

const a = (
  id: string,
  language: string,
  status: ArticleStatus,
  day: number,
  tags: string[],
  title: string,
  standfirst: string,
  body: string,
): CorpusArticle => ({ id, language, status, day, tags, title, standfirst, body });

export const TAGS = ['environment', 'economy', 'press', 'courts'];

export const CORPUS: CorpusArticle[] = [
  a(
    'en-river-factory',
    'en',
    'published',
    10,
    ['environment'],
    'Factory waste turns the river red',
    'Residents downstream of the chemical plant say the river pollution is killing fish.',
    'The river ran red for three days. Fishermen found dead fish along the banks and the water smelled of chemicals. Samples taken by residents showed heavy metals far above the legal limit. The factory denies dumping waste into the river, but pipes from the plant empty into the water at night.',
  ),
  a(
    'en-river-fish',
    'en',
    'published',
    12,
    ['environment'],
    'Dead fish and oil on the river',
    'River pollution from the refinery has reached the reservoir.',
    'Oil slicks and dead fish cover the river below the refinery. Water samples show pollution ten times the limit. Fishermen say the fish disappeared after the plant began dumping waste at night, and residents no longer drink the river water.',
  ),
  a(
    'en-river-court',
    'en',
    'published',
    14,
    ['environment', 'courts'],
    'Residents sue the paper mill over river pollution',
    'A court will hear the first case against the mill that poisons the river.',
    'Residents filed a lawsuit against the paper mill, accusing it of river pollution and of dumping chemical waste. Their water samples show the pollution killed fish for miles downstream. The court hearing is set for next month.',
  ),
  a(
    'en-river-draft',
    'en',
    'draft',
    15,
    ['environment'],
    'River pollution: the factory inspection report',
    'Not ready: the leaked report on river pollution at the chemical factory.',
    'Inspectors found the factory dumping chemical waste into the river. Dead fish, polluted water samples and heavy metals: the river pollution is worse than residents feared.',
  ),
  a(
    'en-river-scheduled',
    'en',
    'scheduled',
    30,
    ['environment'],
    'River pollution reaches the city water supply',
    'Embargoed: the river pollution from the factory reaches the city.',
    'Chemical waste from the factory has polluted the river upstream of the water intake. Dead fish, water samples and heavy metals.',
  ),
  a(
    'en-grain-prices',
    'en',
    'published',
    9,
    ['economy'],
    'Grain prices climb as the harvest fails',
    'Drought cut the wheat harvest; bread will cost more this winter.',
    'The wheat harvest fell by a third after the drought, and grain prices rose to a record. Traders expect the price of bread to climb further. Farmers with grain in storage are holding it back, waiting for prices to rise.',
  ),
  a(
    'en-grain-export',
    'en',
    'published',
    11,
    ['economy'],
    'Wheat exports halted to keep bread cheap',
    'The ministry banned grain exports until the spring.',
    'To keep bread prices down the ministry stopped wheat exports. Grain traders say the ban will lower prices at home but farmers will plant less wheat next year. The harvest was the worst in a decade.',
  ),
  a(
    'en-grain-farmers',
    'en',
    'published',
    13,
    ['economy'],
    'Farmers hoard grain as prices rise',
    'Barns are full while bakeries pay record prices for wheat.',
    'Farmers are storing grain rather than selling at the fixed price. Bakeries report record prices for wheat and flour. Economists blame the failed harvest and the export ban for the grain shortage.',
  ),
  a(
    'en-press-detained',
    'en',
    'published',
    8,
    ['press'],
    'Journalists detained at the border',
    'Two reporters of an independent newsroom were held for twelve hours.',
    'Border guards detained two journalists of an independent newsroom and searched their phones and notebooks. Press freedom groups condemned the detention. The reporters were released after twelve hours without charge.',
  ),
  a(
    'en-press-blocked',
    'en',
    'published',
    10,
    ['press'],
    'Independent newsroom blocked for its reporting',
    'The regulator blocked the site after its investigation of the governor.',
    'The regulator blocked the independent newsroom after its journalists published an investigation into the governor. Press freedom organisations called the block censorship. Readers still reach the site through mirrors and VPNs.',
  ),
  a(
    'en-press-wire-a',
    'en',
    'published',
    12,
    [],
    'Wire: reporter detained, phone searched',
    'Another journalist detained at the border by guards.',
    'Border guards detained a reporter of an independent newsroom and searched her phone. Press freedom groups condemned the detention of journalists.',
  ),
  a(
    'en-press-wire-b',
    'en',
    'published',
    12,
    ['press'],
    'Wire: reporter detained, phone searched',
    'Another journalist detained at the border by guards.',
    'Border guards detained a reporter of an independent newsroom and searched her phone. Press freedom groups condemned the detention of journalists.',
  ),
  a(
    'ru-river-factory',
    'ru',
    'published',
    10,
    ['environment'],
    'Завод сбрасывает отходы в реку',
    'Жители жалуются: загрязнение реки убивает рыбу.',
    'Река три дня была красной. Рыбаки нашли мёртвую рыбу, вода пахла химией. Пробы воды показали тяжёлые металлы. Завод отрицает сброс отходов в реку. River pollution factory waste fish.',
  ),
  a(
    'ru-river-fish',
    'ru',
    'published',
    12,
    ['environment'],
    'Мёртвая рыба и нефть в реке',
    'Загрязнение реки дошло до водохранилища.',
    'Нефтяные пятна и мёртвая рыба покрывают реку ниже завода. Пробы воды показывают загрязнение в десять раз выше нормы. Жители больше не пьют воду из реки.',
  ),
  a(
    'ru-grain-prices',
    'ru',
    'published',
    9,
    ['economy'],
    'Цены на зерно растут после неурожая',
    'Засуха уничтожила урожай пшеницы.',
    'Урожай пшеницы упал на треть, цены на зерно и хлеб растут. Фермеры придерживают зерно.',
  ),
  a(
    'ru-press-detained',
    'ru',
    'published',
    8,
    ['press'],
    'Журналистов задержали на границе',
    'Двух репортёров независимой редакции держали двенадцать часов.',
    'Пограничники задержали двух журналистов и обыскали их телефоны. Защитники свободы прессы осудили задержание.',
  ),
];

/** A story that is published later in the tests: about the first article's river and factory. */
export const LATE_RIVER_STORY = a(
  'en-river-late',
  'en',
  'draft',
  20,
  ['environment'],
  'The factory that poisons the river, one year on',
  'River pollution from the chemical factory still kills fish; residents still test the water.',
  'A year after the river ran red, the factory still dumps chemical waste into the river at night. Residents take water samples every week; heavy metals are still far above the limit and dead fish wash up on the banks.',
);

export function publishedAt(article: CorpusArticle): string | null {
  return article.status === 'draft' ? null : new Date(Date.UTC(2026, 10, article.day, 9)).toISOString();
}

/** Insert tags, then the articles with their tags, and index them. */
export async function loadCorpus(db: SearchDb, articles: readonly CorpusArticle[]): Promise<void> {
  const at = '2026-11-01T00:00:00.000Z';
  const existing = new Set((await db.kysely.selectFrom('tags').select('id').execute()).map((t) => t.id));
  for (const tag of TAGS.filter((t) => !existing.has(t))) {
    await db.kysely
      .insertInto('tags')
      .values({
        id: tag,
        name: tag,
        slug: tag,
        description: '',
        is_section: 0,
        nav_order: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  for (const f of articles) {
    await db.kysely
      .insertInto('articles')
      .values({
        id: f.id,
        slug: f.id,
        language: f.language,
        title: f.title,
        standfirst: f.standfirst,
        body: JSON.stringify({
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: f.body }] }],
        }),
        body_text: f.body,
        status: f.status,
        published_at: publishedAt(f),
        created_at: at,
        updated_at: at,
        seo_title: '',
        seo_description: '',
        version: 1,
      })
      .execute();
    if (f.tags.length > 0) {
      await db.kysely
        .insertInto('article_tags')
        .values(f.tags.map((tag_id, position) => ({ article_id: f.id, tag_id, position })))
        .execute();
    }
    await indexArticle(db, {
      id: f.id,
      language: f.language,
      title: f.title,
      standfirst: f.standfirst,
      bodyText: f.body,
    });
  }
}
