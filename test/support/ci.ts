// In CI (CI set, as .ci/run does) a test never skips for a missing tool (Chromium, Java, xmllint):
// it runs and fails, saying what to install. Only a developer's machine may skip, with a warning.

/** True when CI is set to anything but "", "0" or "false". */
export const inCi: boolean = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());

/**
 * The reason to skip when `available` is false on a developer's machine; undefined when the tool
 * is there, and always undefined in CI, so the tests run and fail on the missing tool.
 */
export function skipReason(available: boolean, reason: string): string | undefined {
  if (available || inCi) return undefined;
  console.warn(reason);
  return reason;
}
