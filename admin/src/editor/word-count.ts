// A word is a run of letters or digits in any script, apostrophes and hyphens inside it
// included ("don't", "сорок-два"): what a reader and a commissioning editor would count.
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’\-‐][\p{L}\p{N}\p{M}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}
