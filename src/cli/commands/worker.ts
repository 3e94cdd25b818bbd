import type { Command } from '../command.ts';
import { boot } from '../boot.ts';
import { onShutdown } from '../shutdown.ts';
import { startJobs } from '../start-jobs.ts';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'Run background jobs only (scheduled publishing, sending, recurring work)',
  usage:
    'Usage: samizdat worker\n\nRuns job handlers and recurring schedules without serving HTTP.\n\nNeeds an existing site (started by `samizdat migrate` or `samizdat serve`); it never creates a database.',
  async run() {
    const services = await boot({ log: (level, message) => console.error(`[jobs] ${level}: ${message}`) });
    await startJobs(services);
    console.log(`Samizdat worker running (${services.db.dialect}); tasks: ${services.jobs.tasks.join(', ')}`);
    await onShutdown(() => services.close());
    return 0;
  },
};
