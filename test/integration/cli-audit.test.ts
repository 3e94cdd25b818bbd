import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';

// Keys made and revoked at the command line are in the audit log, with the CLI as their origin.

const BIN = resolve(import.meta.dirname, '../../bin/samizdat.js');

function samizdat(args: string[], dataDir: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('samizdat apikey and the audit log', () => {
  it('records create and revoke with origin CLI, never the key itself', () => {
    const dataDir = tempDir('cli-audit');
    expect(samizdat(['migrate'], dataDir).code).toBe(0);
    const created = samizdat(['apikey', 'create', '--name', 'wire desk', '--role', 'editor'], dataDir);
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim().split('\n').at(-1)!;
    const id = /API key (\S+)/.exec(created.stdout)![1]!;
    expect(samizdat(['apikey', 'revoke', id], dataDir).code).toBe(0);

    const db = new Database(join(dataDir, 'samizdat.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Array<Record<string, string>>;
    db.close();
    expect(rows.map((r) => [r.action, r.origin, r.actor_kind, r.object_id])).toEqual([
      ['api_key.create', 'CLI', 'system', id],
      ['api_key.revoke', 'CLI', 'system', id],
    ]);
    expect(rows[0]!.summary).toBe('created API key "wire desk" with the editor role');
    expect(JSON.stringify(rows)).not.toContain(key);
  }, 120_000);
});
