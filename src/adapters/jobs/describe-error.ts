/** What goes into `last_error` and the log: the message, not the stack (handlers name their cause). */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
