// Builds the deployable folder from the built site (`make dist`):
// - every file but the entry points gets its content hash in its name, for
//   long-term caching, with every reference to it rewritten: the HTML's
//   href and src, the modules' static and dynamic imports, the preload hints
//   and the wasm URL the wasm-bindgen glue computes from import.meta.url;
// - the entry points keep their names and are revalidated: the pages, the
//   embed loader (articles load /embed.js by name) and the dataset (linked
//   and named by ?data=);
// - each file is also written precompressed, as .br and .gz;
// - `_headers` (read by Netlify, Cloudflare Pages and others) and an nginx
//   snippet (written beside the folder) carry the Content-Security-Policy,
//   X-Content-Type-Options, Referrer-Policy and the caching headers.
// Usage: node www/dev/dist.mjs --site target/site --out target/dist
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join, posix, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { CONTENT_SECURITY_POLICY } from './server.mjs';

/** Files that keep their names: what other pages and people link to. */
export const ENTRY_POINTS = ['index.html', 'embed.html', 'embed.js', 'data/icet.json'];
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt']);
// Files whose references are rewritten; JSON and SVG are data, not code.
const REFERRING = new Set(['.html', '.js', '.mjs', '.css']);

async function walk(root, folder = root) {
  const files = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...await walk(root, path));
    else files.push(relative(root, path).split('\\').join('/'));
  }
  return files.sort();
}

/** `name.ext` to `name.<hash>.ext`. */
function hashedName(path, body) {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const ext = posix.extname(path);
  return `${path.slice(0, -ext.length)}.${hash}${ext}`;
}

/**
 * The relative references in a text file that name another file of the site:
 * string literals and attribute values such as `./engine.js`, `pkg/x.js` or
 * `icet_explorer_bg.wasm`, resolved against the file's folder.
 */
function references(path, text, files) {
  const found = [];
  const folder = posix.dirname(path);
  for (const match of text.matchAll(/(["'`])((?:\.\.?\/)?[A-Za-z0-9_][A-Za-z0-9_./-]*\.[a-z0-9]+)\1/g)) {
    const written = match[2];
    const target = posix.normalize(posix.join(folder, written));
    if (target !== path && files.has(target)) found.push({ index: match.index + 1, written, target });
  }
  return found;
}

export async function buildDist({ site, out }) {
  const paths = await walk(site);
  const files = new Set(paths);
  const bodies = new Map();
  for (const path of paths) bodies.set(path, await readFile(join(site, path)));
  for (const entry of ENTRY_POINTS) if (!files.has(entry)) throw new Error(`${site} has no ${entry}: build the site first`);

  // Hash leaves first: a file's name depends on the names it refers to.
  const names = new Map();
  const visiting = new Set();
  const rewritten = new Map();
  function resolve(path) {
    if (rewritten.has(path)) return;
    if (visiting.has(path)) throw new Error(`circular references through ${path}: hashing needs an order`);
    visiting.add(path);
    let body = bodies.get(path);
    if (REFERRING.has(posix.extname(path))) {
      const text = body.toString('utf8');
      const refs = references(path, text, files);
      for (const ref of refs) resolve(ref.target);
      let result = '';
      let at = 0;
      for (const ref of refs) {
        const name = names.get(ref.target);
        if (name === ref.target) continue;
        // Keep the reference's own form (`./`, folders), changing only the file name.
        const replacement = ref.written.slice(0, ref.written.length - posix.basename(ref.target).length) + posix.basename(name);
        result += text.slice(at, ref.index) + replacement;
        at = ref.index + ref.written.length;
      }
      body = Buffer.from(result + text.slice(at), 'utf8');
    }
    rewritten.set(path, body);
    names.set(path, ENTRY_POINTS.includes(path) ? path : hashedName(path, body));
    visiting.delete(path);
  }
  for (const path of paths) resolve(path);

  await rm(out, { recursive: true, force: true });
  const written = [];
  for (const path of paths) {
    const name = names.get(path);
    const body = rewritten.get(path);
    const target = join(out, name);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, body);
    const compressible = TEXT.has(extname(path)) || extname(path) === '.wasm';
    let br = null;
    let gz = null;
    if (compressible) {
      br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
      gz = gzipSync(body, { level: 9 });
      await writeFile(`${target}.br`, br);
      await writeFile(`${target}.gz`, gz);
    }
    written.push({ path: name, hashed: name !== path, bytes: body.length, br: br?.length, gz: gz?.length });
  }
  await writeFile(join(out, '_headers'), headersFile(written));
  await writeFile(`${out}.nginx.conf`, nginxSnippet());
  return written;
}

/** The headers every response carries. */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': REFERRER_POLICY,
};

/**
 * `_headers`: one block per path. Hosts merge the blocks of every rule a path
 * matches, so Cache-Control is set by exact paths only, once each.
 */
export function headersFile(files) {
  const lines = ['# iCET Explorer: response headers for hosts that read _headers (Netlify, Cloudflare Pages, ...).',
    '# Written by www/dev/dist.mjs; the policy is the one www/dev/server.mjs sends.', '', '/*'];
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) lines.push(`  ${name}: ${value}`);
  const block = (path, cache) => lines.push('', path, `  Cache-Control: ${cache}`);
  block('/', REVALIDATE);
  for (const file of files) {
    if (/\.(br|gz)$/.test(file.path)) continue;
    block(`/${file.path}`, file.hashed ? IMMUTABLE : REVALIDATE);
  }
  return `${lines.join('\n')}\n`;
}

/** The names `dist` gives hashed files: `name.<10 hex digits>.ext`. */
export const HASHED_NAME = /\.[0-9a-f]{10}\.(js|css|wasm|svg)$/;

/**
 * An nginx snippet, to include in the location that serves the folder, at
 * the root of a site or in a subfolder of a news site:
 *   location /explorer/ { alias /srv/icet-explorer/dist/; include icet-explorer.nginx.conf; }
 */
export function nginxSnippet() {
  const security = Object.entries(SECURITY_HEADERS).map(([name, value]) => `add_header ${name} "${value}" always;`);
  return [
    '# iCET Explorer: include inside the location that serves the dist folder (written by www/dev/dist.mjs).',
    '#   location / { root /srv/icet-explorer/dist; include icet-explorer.nginx.conf; }',
    '#   location /explorer/ { alias /srv/icet-explorer/dist/; include icet-explorer.nginx.conf; }',
    'index index.html;',
    'charset utf-8;',
    'charset_types text/css text/javascript application/javascript application/json image/svg+xml;',
    'types { text/html html; text/css css; text/javascript js; application/json json; application/wasm wasm; image/svg+xml svg; }',
    '# The .gz beside each file is served as is; with the ngx_brotli module, uncomment brotli_static for the .br.',
    'gzip_static on;',
    '# brotli_static on;',
    '# add_header in a nested location replaces the ones above, so both repeat the security headers.',
    ...security,
    `add_header Cache-Control "${REVALIDATE}" always;`,
    `location ~ "${HASHED_NAME.source.replace(/\\/g, '\\')}" {`,
    ...security.map((line) => `    ${line}`),
    `    add_header Cache-Control "${IMMUTABLE}" always;`,
    '}',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : fallback;
  };
  const out = option('out', 'target/dist');
  const files = await buildDist({ site: option('site', 'target/site'), out });
  const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(7);
  console.log('    raw KB   gzip KB  brotli KB  file');
  for (const file of files) console.log(`${kb(file.bytes)}  ${file.gz ? kb(file.gz) : '      -'}  ${file.br ? `  ${kb(file.br)}` : '        -'}  ${file.path}`);
  console.log(`${out}/: ${files.length} files, ${files.filter((f) => f.hashed).length} with a content hash; ${out}/_headers and ${out}.nginx.conf`);
}
