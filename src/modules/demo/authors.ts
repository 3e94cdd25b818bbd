// The demo newsroom's people. All invented; any resemblance to real journalists is accidental.
import type { DemoAuthor } from './demo.types.ts';

export const authors: DemoAuthor[] = [
  {
    slug: 'irena-vask',
    name: 'Irena Vask',
    bio: 'Editor-in-chief of Ilmara. Irena spent twelve years at a Varensk daily, the last four as its political editor, before co-founding Ilmara. She has lived in Aldra since the newsroom was forced out of Kestavia.',
    isPenName: false,
    role: 'Editor-in-chief',
    signalUsername: 'ilmara_irena.42',
    pgpFingerprint: '7A3F9C21D4E8B6051F2A9E7C3B8D4F60A1C5E927',
    portrait: { seed: 11, alt: 'Illustrated portrait of Irena Vask' },
    ru: {
      name: 'Ирена Васк',
      bio: 'Главный редактор «Ильмары». Двенадцать лет проработала в варенской ежедневной газете, последние четыре — политическим редактором. С тех пор как редакцию вытеснили из Кеставии, живёт в Алдре.',
    },
  },
  {
    slug: 'tomas-kerel',
    name: 'Tomas Kerel',
    bio: 'Economics editor. Tomas covers prices, wages, the banking system and the money that moves around sanctions. Before journalism he worked as an analyst at a Varensk brokerage that no longer exists.',
    isPenName: false,
    role: 'Economics editor',
    pgpFingerprint: 'C4E1A7093B5D2F86E0A4C9B17D3F5E28940B6A1D',
    portrait: { seed: 23, alt: 'Illustrated portrait of Tomas Kerel' },
    ru: {
      name: 'Томас Керел',
      bio: 'Редактор отдела экономики: цены, зарплаты, банки и деньги, которые ходят в обход санкций. До журналистики был аналитиком в варенской брокерской конторе, которой больше нет.',
    },
  },
  {
    slug: 'nika-dorn',
    name: 'Nika Dorn',
    bio: "Investigations correspondent. Nika Dorn is a pen name: the reporter behind it still lives and works in Kestavia, and publishing under their real name would put them and their sources at risk. Ilmara's editors know who Nika is and stand behind every story published under this byline.",
    isPenName: true,
    realName: 'Daria Lenkova',
    ru: {
      name: 'Ника Дорн',
      bio: 'Корреспондент отдела расследований. Ника Дорн — псевдоним: автор по-прежнему живёт и работает в Кеставии, и настоящее имя подвергло бы риску и его, и источники. Редакция знает, кто такая Ника, и отвечает за каждый текст под этой подписью.',
    },
  },
  {
    slug: 'ivo-sever',
    name: 'Ivo Sever',
    bio: 'Regional correspondent in the industrial north. Ivo Sever is a pen name used for the safety of a reporter who remains in Kestavia; the editors verify the identity of every source quoted under this byline.',
    isPenName: true,
    realName: 'Grigor Halen',
    ru: {
      name: 'Иво Север',
      bio: 'Региональный корреспондент на промышленном севере. Иво Север — псевдоним, под которым ради безопасности пишет журналист, оставшийся в Кеставии; редакция проверяет личность каждого источника.',
    },
  },
  {
    slug: 'pavel-ostrin',
    name: 'Pavel Ostrin',
    bio: 'Environment correspondent. Pavel has reported on Lake Tuvor, the Ilmara river basin and the Sarnic Hills forests for a decade, and now works with satellite imagery and a network of volunteer water testers.',
    isPenName: false,
    role: 'Environment correspondent',
    signalUsername: 'ilmara_pavel.17',
    portrait: { seed: 41, alt: 'Illustrated portrait of Pavel Ostrin' },
    ru: {
      name: 'Павел Острин',
      bio: 'Корреспондент по экологии. Десять лет пишет об озере Тувор, бассейне Ильмары и лесах Сарнийских холмов, а теперь работает со спутниковыми снимками и сетью добровольцев, которые проверяют воду.',
    },
  },
  {
    slug: 'lidia-marek',
    name: 'Lidia Marek',
    bio: "Culture editor. Lidia writes about books, theatre and music, especially the art that Kestavia's censors would rather nobody saw. She used to run a small independent bookshop in Varensk.",
    isPenName: false,
    role: 'Culture editor',
    portrait: { seed: 37, alt: 'Illustrated portrait of Lidia Marek' },
    ru: {
      name: 'Лидия Марек',
      bio: 'Редактор отдела культуры: книги, театр, музыка — особенно то, что цензоры Кеставии предпочли бы спрятать. Когда-то держала маленький независимый книжный магазин в Варенске.',
    },
  },
  {
    slug: 'mattis-roen',
    name: 'Mattis Roen',
    bio: 'Data and explainers editor. Mattis builds the tables, maps and plain-language guides behind our reporting, and answers readers who write in asking how something works.',
    isPenName: false,
    role: 'Data and explainers editor',
    ru: {
      name: 'Маттис Роэн',
      bio: 'Редактор данных и объяснений. Собирает таблицы, карты и простые разборы, на которых держатся наши материалы, и отвечает читателям, которые спрашивают, как что устроено.',
    },
  },
];
