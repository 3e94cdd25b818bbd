/** Resolve once a termination signal arrives and `close` has finished; the process then exits. */
export function onShutdown(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let closing = false;
    const handler = (signal: string) => {
      if (closing) process.exit(1);
      closing = true;
      console.log(`Received ${signal}, shutting down…`);
      close()
        .catch((err: unknown) => console.error('error while shutting down:', err))
        .finally(() => {
          resolve();
          process.exit(0);
        });
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
  });
}
