// The Nu Html Checker (vnu.jar) in one JVM over many files, its report as JSON; the messages we
// accept, each with its reason; a canary page with one known error. Shared by the browser tests.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));

export interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

/**
 * Messages we accept, each with its reason. Anything else — every error and every warning — fails.
 */
export const ACCEPTED: { file: RegExp; message: RegExp; why: string }[] = [
  {
    file: /\.css$/,
    message: /^CSS: “line-clamp”: Property “line-clamp” doesn't exist\.$/,
    why:
      'The unprefixed line-clamp (CSS Overflow Module Level 4) stands beside -webkit-line-clamp for ' +
      'browsers that ship it; the checker’s CSS grammar predates it.',
  },
];

/** A page with one known error: proves the checker ran and that its report is read. */
export const CANARY =
  '<!doctype html>\n<html lang="en">\n<title>canary</title>\n<img src="x.png">\n</html>\n';

export function runVnu(
  files: string[],
): Promise<{ code: number | null; messages: VnuMessage[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'java',
      ['-jar', vnuJar, '--format', 'json', '--stdout', '--also-check-css', '--also-check-svg', ...files],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (err) =>
      reject(new Error(`java did not start (apt-get install default-jre-headless): ${err.message}`)),
    );
    child.on('close', (code) => {
      try {
        resolve({ code, messages: (JSON.parse(stdout) as { messages: VnuMessage[] }).messages, stderr });
      } catch {
        reject(new Error(`vnu.jar gave no JSON (exit ${code}):\n${stdout}\n${stderr}`));
      }
    });
  });
}
