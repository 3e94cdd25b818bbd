/** Reading fields of parsed JSON whose shape is not ours to trust. Pure. */
export const json = {
  str: (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''),
};
