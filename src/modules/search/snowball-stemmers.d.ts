// snowball-stemmers ships CommonJS without types. Under ESM (tsx, vitest) its default import is
// module.exports, which is what `export =` describes.
declare module 'snowball-stemmers' {
  interface Stemmer {
    stem(word: string): string;
  }
  const snowball: {
    newStemmer(language: string): Stemmer;
    algorithms(): string[];
  };
  export = snowball;
}
