/**
 * Something is wrong with the secret key or its file. The message is one line that says what and
 * how to put it right; the CLI prints it as `samizdat: secret key: <message>`.
 */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}
