// Serves the deployable folder (`make dist`) as a static host would: the
// headers come only from its `_headers` file (no policy of this server's
// own), and each file goes out precompressed, as .br or .gz, when the client
// accepts it. `make serve` and the dist end-to-end test use it, so what is
// tested is what is deployed. With `prefix`, the folder is served under a
// subfolder (`/explorer/`), as on a news site.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** `_headers` as a list of rules: a path pattern (`*` matches anything) and its headers. */
export function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const pattern = new RegExp(`^${line.trim().split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      rules.push({ pattern, headers: {} });
    } else {
      const at = line.indexOf(':');
      if (!rules.length || at < 0) throw new Error(`_headers: a header outside a rule, or without a value: ${line}`);
      const name = line.slice(0, at).trim();
      const value = line.slice(at + 1).trim();
      const headers = rules.at(-1).headers;
      // As the hosts do: a header set by two rules gets both values.
      headers[name] = headers[name] ? `${headers[name]}, ${value}` : value;
    }
  }
  return rules;
}

function headersFor(rules, path) {
  const result = {};
  for (const rule of rules) {
    if (!rule.pattern.test(path)) continue;
    for (const [name, value] of Object.entries(rule.headers)) result[name] = result[name] ? `${result[name]}, ${value}` : value;
  }
  return result;
}

/** Starts serving `root` (a dist folder); resolves to the Node server once it listens. */
export async function serveDist({ root, port = 8000, host = '127.0.0.1', prefix = '/' }) {
  const base = resolve(root);
  const rules = parseHeaders(await readFile(join(base, '_headers'), 'utf8'));
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    try {
      if (!url.pathname.startsWith(prefix)) throw Object.assign(new Error('outside the prefix'), { status: 404 });
      const sitePath = `/${decodeURIComponent(url.pathname.slice(prefix.length))}`;
      let path = normalize(join(base, sitePath));
      if (path !== base && !path.startsWith(base + sep)) throw Object.assign(new Error('outside root'), { status: 403 });
      if (path.endsWith('_headers')) throw Object.assign(new Error('not served'), { status: 404 });
      let info = await stat(path);
      if (info.isDirectory()) {
        path = join(path, 'index.html');
        info = await stat(path);
      }
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      const accepts = request.headers['accept-encoding'] ?? '';
      let body = null;
      let encoding = null;
      for (const [name, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
        if (body || !new RegExp(`\\b${name}\\b`).test(accepts)) continue;
        body = await readFile(path + suffix).catch(() => null);
        if (body) encoding = name;
      }
      body ??= await readFile(path);
      const headers = { ...headersFor(rules, sitePath), 'Content-Type': type, Vary: 'Accept-Encoding', 'Content-Length': body.length };
      if (encoding) headers['Content-Encoding'] = encoding;
      response.writeHead(200, headers);
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      const status = error.status ?? (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? 404 : 500);
      response.writeHead(status, { ...headersFor(rules, '/404'), 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(status === 404 ? 'Not found\n' : 'Error\n');
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : fallback;
  };
  const port = Number(option('port', 8000));
  const prefix = option('prefix', '/');
  await serveDist({ root: option('root', 'target/dist'), port, prefix });
  console.log(`http://127.0.0.1:${port}${prefix}`);
}
