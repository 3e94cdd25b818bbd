// Ghost has no language field: sites mark a post's language with an internal tag, by the
// convention `#lang-ru` (slug `hash-lang-ru`), or set a locale. Pure.

export function ghostLanguage(internalTags: string[], locale: string): string | null {
  for (const tag of internalTags) {
    const m = /^(?:#|hash-)?lang-([a-z]{2,3})(?:[-_][a-z]{2})?$/i.exec(tag.trim());
    if (m) return m[1]!.toLowerCase();
  }
  const l = /^([a-z]{2,3})(?:[-_][a-z]{2})?$/i.exec(locale.trim());
  return l ? l[1]!.toLowerCase() : null;
}
