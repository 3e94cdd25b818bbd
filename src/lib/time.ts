/** Every stored timestamp is ISO-8601 UTC with milliseconds, so text order is time order. */
export function iso(date: Date): string {
  return date.toISOString();
}

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
