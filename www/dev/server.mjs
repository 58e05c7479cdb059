// A small static server for the built site: loopback only, the explorer's
// Content-Security-Policy on every response, gzip when the client accepts it.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  // Markup enters the DOM only through the policy in www/dom.js.
  "require-trusted-types-for 'script'",
  'trusted-types icet-markup',
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// Compressing a large file at level 9 takes long enough to distort timings, so
// each file is compressed once and kept until it changes.
const compressed = new Map();

function gzipped(path, info, body) {
  const key = `${info.mtimeMs}:${info.size}`;
  const cached = compressed.get(path);
  if (cached?.key === key) return cached.body;
  const result = gzipSync(body, { level: 9 });
  compressed.set(path, { key, body: result });
  return result;
}

/** Starts serving `root`; resolves to the Node server once it listens. */
export function serve({ root, port = 8000, host = '127.0.0.1', headers = {} }) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const common = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', ...headers };
    try {
      const url = new URL(request.url, 'http://localhost');
      let path = normalize(join(base, decodeURIComponent(url.pathname)));
      if (path !== base && !path.startsWith(base + sep)) throw Object.assign(new Error('outside root'), { status: 403 });
      let info = await stat(path);
      if (info.isDirectory()) {
        path = join(path, 'index.html');
        info = await stat(path);
      }
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      // "no-cache" asks the browser to check each time; the validator lets
      // it keep what it has (Chromium asks for the icon again on every pushState).
      const etag = `W/"${info.size.toString(36)}-${Math.round(info.mtimeMs).toString(36)}"`;
      const extra = { 'Content-Type': type, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding', ETag: etag };
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { ...common, ...extra });
        response.end();
        return;
      }
      let body = await readFile(path);
      if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '') && !type.startsWith('image/png')) {
        body = gzipped(path, info, body);
        extra['Content-Encoding'] = 'gzip';
      }
      response.writeHead(200, { ...common, ...extra, 'Content-Length': body.length });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      const status = error.status ?? (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? 404 : 500);
      response.writeHead(status, { ...common, 'Content-Type': 'text/plain; charset=utf-8' });
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
  await serve({ root: option('root', 'target/site'), port });
  console.log(`http://127.0.0.1:${port}/`);
}
