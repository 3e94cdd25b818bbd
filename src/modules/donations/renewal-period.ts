// When a TEST-rail recurring gift is due again. Periods count from the first payment (the
// anchor) in whole calendar months or years, in UTC; a month-end anchor keeps to the month's
// last day (31 Jan -> 28 Feb -> 31 Mar). Only the latest period that has begun is charged, as a
// provider voids the invoices of a pause or an outage rather than collecting them all at once.

function addMonths(anchor: Date, months: number): Date {
  const y = anchor.getUTCFullYear();
  const m = anchor.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      y,
      m,
      Math.min(anchor.getUTCDate(), lastDay),
      anchor.getUTCHours(),
      anchor.getUTCMinutes(),
      anchor.getUTCSeconds(),
      anchor.getUTCMilliseconds(),
    ),
  );
}

/**
 * The start of the latest renewal period at `now` (period 1 is one interval after the anchor),
 * or undefined while the first period still runs.
 */
export function latestRenewalDue(anchor: Date, frequency: string, now: Date): Date | undefined {
  const step = frequency === 'annual' ? 12 : 1;
  const months =
    (now.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (now.getUTCMonth() - anchor.getUTCMonth());
  let n = Math.floor(months / step) + 1;
  // The estimate may be one or two periods ahead (day of month, time of day): step back.
  while (n >= 1 && addMonths(anchor, n * step) > now) n--;
  return n >= 1 ? addMonths(anchor, n * step) : undefined;
}
