// The admin build in a process of its own, forked by `samizdat serve` when the build is missing or
// stale (cli/commands/serve.ts): Vite and Rollup take some 400 MB that the server, which goes on
// serving for weeks, would otherwise keep. Progress and the outcome go back over IPC.
import { ensureAdminBuilt } from './build-admin.ts';

const send = (message: { progress?: string; error?: string }) =>
  new Promise<void>((done) => (process.send ? process.send(message, () => done()) : done()));

try {
  await ensureAdminBuilt({ progress: (line) => void send({ progress: line }) });
  // Vite may leave handles open (its esbuild service): done is done.
  process.exit(0);
} catch (err) {
  await send({ error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}
