// Sections are tags flagged for navigation; ordinary tags cut across them.
import type { DemoSection, DemoTag } from './demo.types.ts';

export const sections: DemoSection[] = [
  {
    slug: 'investigations',
    name: 'Investigations',
    description: 'Long-form reporting on power, money and abuse in Kestavia, built on documents and sources.',
    navOrder: 1,
    ru: {
      name: 'Расследования',
      slug: 'rassledovaniya',
      description:
        'Большие материалы о власти, деньгах и злоупотреблениях в Кеставии, основанные на документах и источниках.',
    },
  },
  {
    slug: 'economy',
    name: 'Economy',
    description: 'Prices, wages, banks, sanctions and the household arithmetic behind the official figures.',
    navOrder: 2,
    ru: {
      name: 'Экономика',
      slug: 'ekonomika',
      description: 'Цены, зарплаты, банки, санкции и домашняя арифметика за официальными цифрами.',
    },
  },
  {
    slug: 'environment',
    name: 'Environment',
    description:
      'Lake Tuvor, the Ilmara basin, the forests of the Sarnic Hills and the industry around them.',
    navOrder: 3,
    ru: {
      name: 'Экология',
      slug: 'ekologiya',
      description: 'Озеро Тувор, бассейн Ильмары, леса Сарнийских холмов и промышленность вокруг них.',
    },
  },
  {
    slug: 'culture',
    name: 'Culture',
    description: 'Books, theatre, music and art, including the work that cannot be shown at home.',
    navOrder: 4,
    ru: {
      name: 'Культура',
      slug: 'kultura',
      description: 'Книги, театр, музыка и искусство, в том числе то, что нельзя показать дома.',
    },
  },
  {
    slug: 'explainers',
    name: 'Explainers',
    description: 'Plain-language guides to the laws, institutions and numbers that shape life in Kestavia.',
    navOrder: 5,
    ru: {
      name: 'Объяснения',
      slug: 'obyasneniya',
      description: 'Простым языком о законах, институтах и цифрах, от которых зависит жизнь в Кеставии.',
    },
  },
  {
    slug: 'newsroom',
    name: 'From the newsroom',
    description: 'Notes from the editors on how we work, how to reach us and how to keep reading us.',
    navOrder: 6,
    ru: {
      name: 'Из редакции',
      slug: 'iz-redaktsii',
      description:
        'Заметки редакторов о том, как мы работаем, как с нами связаться и как продолжать нас читать.',
    },
  },
];

export const tags: DemoTag[] = [
  {
    slug: 'varensk',
    name: 'Varensk',
    description: 'The capital of Kestavia.',
    ru: { name: 'Варенск', slug: 'varensk', description: 'Столица Кеставии.' },
  },
  {
    slug: 'sertovo',
    name: 'Sertovo',
    description: 'The industrial north and its aluminium works.',
    ru: { name: 'Сертово', slug: 'sertovo', description: 'Промышленный север и его алюминиевые заводы.' },
  },
  {
    slug: 'lake-tuvor',
    name: 'Lake Tuvor',
    description: 'The largest lake in Kestavia, and the shrinking of it.',
    ru: {
      name: 'Озеро Тувор',
      slug: 'ozero-tuvor',
      description: 'Самое большое озеро Кеставии — и то, как оно мелеет.',
    },
  },
  {
    slug: 'political-prisoners',
    name: 'Political prisoners',
    description: 'People detained for what they said, wrote, shared or attended.',
    ru: {
      name: 'Политзаключённые',
      slug: 'politzaklyuchennye',
      description: 'Люди, задержанные за сказанное, написанное, репост или участие в акции.',
    },
  },
  {
    slug: 'elections',
    name: 'Elections',
    description: 'Votes, referendums and the machinery around them.',
    ru: { name: 'Выборы', slug: 'vybory', description: 'Голосования, референдумы и машина вокруг них.' },
  },
  {
    slug: 'censorship',
    name: 'Censorship',
    description: 'Blocked sites, banned books and the laws behind them.',
    ru: {
      name: 'Цензура',
      slug: 'tsenzura',
      description: 'Заблокированные сайты, запрещённые книги и законы, стоящие за ними.',
    },
  },
  {
    slug: 'data',
    name: 'Data',
    description: 'Stories built on our own datasets and analysis.',
    ru: {
      name: 'Данные',
      slug: 'dannye',
      description: 'Материалы, построенные на наших собственных данных и анализе.',
    },
  },
  {
    slug: 'exile',
    name: 'Exile',
    description: 'Kestavians who left, and the lives they are building abroad.',
    ru: {
      name: 'Эмиграция',
      slug: 'emigratsiya',
      description: 'Кеставийцы, которые уехали, и жизнь, которую они строят за границей.',
    },
  },
  {
    slug: 'energy',
    name: 'Energy',
    description: 'Power cuts, the grid and the fuel that runs the country.',
    ru: {
      name: 'Энергетика',
      slug: 'energetika',
      description: 'Отключения света, сети и топливо, на котором работает страна.',
    },
  },
  {
    slug: 'safety',
    name: 'Digital safety',
    description: 'How to read, write to and support us without taking risks.',
    ru: {
      name: 'Цифровая безопасность',
      slug: 'tsifrovaya-bezopasnost',
      description: 'Как читать нас, писать нам и поддерживать нас без лишнего риска.',
    },
  },
];
