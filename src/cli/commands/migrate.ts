import type { Command } from '../command.ts';
import { bootDatabase, migrateDatabase } from '../boot.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Bring the database schema up to date (also done by serve and worker)',
  usage:
    'Usage: samizdat migrate\n\nRuns every pending migration against DATABASE_URL (or the SQLite file in DATA_DIR),\ncreating the database when there is none (as serve does).',
  async run() {
    const { db } = await bootDatabase({ create: true });
    try {
      const ran = await migrateDatabase(db);
      console.log(
        ran.length ? `Applied ${ran.length} migration(s): ${ran.join(', ')}` : 'Database is up to date.',
      );
      return 0;
    } finally {
      await db.close();
    }
  },
};
