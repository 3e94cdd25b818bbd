import type { Command } from '../command.ts';
import { boot } from '../boot.ts';
import { createProgress } from '../progress.ts';

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Seed the demo publication into an empty database',
  usage:
    'Usage: samizdat seed\n\nAdds the demo publication (original articles, authors, sections, photos) when no article exists.\n\nNeeds an existing site (`samizdat migrate` creates one); it never creates a database.',
  async run() {
    const services = await boot();
    const { seedDemoIfEmpty } = await import('../../modules/demo/index.ts');
    try {
      const progress = createProgress();
      const result = await seedDemoIfEmpty(services, {
        onProgress: (done, total) => progress.count('seeding the demo publication', done, total),
      });
      console.log(
        result
          ? `Seeded ${result.articles} demo articles.`
          : 'The database already has articles; nothing seeded.',
      );
      return 0;
    } finally {
      await services.close();
    }
  },
};
