// Debian's nginx serving a folder under a sub-path, on a free port of 127.0.0.1, for the mirror
// tests: a static server nobody wrote for Samizdat, configured as docs/mirrors.md says.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { skipReason } from './ci.ts';
import { tempDir } from './temp-dir.ts';

export const NGINX = '/usr/sbin/nginx';

export const noNginxReason: string | undefined = skipReason(
  existsSync(NGINX),
  `mirror tests skipped: no nginx at ${NGINX} (apt-get install nginx-light)`,
);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface StaticServer {
  /** http://127.0.0.1:<port><subPath> (ends with "/"). */
  url: string;
  origin: string;
  stop(): Promise<void>;
}

/** nginx with `root` served at `subPath` ("/some/path/"), nothing else. */
export async function startNginx(root: string, subPath: string): Promise<StaticServer> {
  const prefix = tempDir('nginx');
  mkdirSync(join(prefix, 'logs'));
  const port = await freePort();
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    location ${subPath} {
      alias ${root.replace(/\/?$/, '/')};
      index index.html;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', conf, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    try {
      await fetch(origin + subPath);
      break;
    } catch {
      if (i > 100) throw new Error(`nginx did not answer on ${origin}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url: origin + subPath,
    origin,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGQUIT');
      await exited;
    },
  };
}
