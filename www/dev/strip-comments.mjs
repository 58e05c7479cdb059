// Strips the comments from the built site's own scripts and stylesheets
// (`make site`). They explain the source to its readers; a reader of the page
// would only wait for them: about 4 KB of the 40 KB an untouched page may
// transfer. Scripts go through TypeScript's parser, which removes comments
// and nothing else (imports stay as written); stylesheets lose their
// `/* … */` blocks, which never sit inside a string in ours. Not a bundler:
// every module stays its own file, with the same names and exports.
// Usage: node www/dev/strip-comments.mjs target/site
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';

const require = createRequire(new URL('../../tests/package.json', import.meta.url));
const ts = require('typescript');

/** Our own files under `folder`, leaving out the wasm-bindgen packages. */
async function ownFiles(folder) {
  const files = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('pkg')) files.push(...await ownFiles(path));
    } else if (['.js', '.css'].includes(extname(entry.name))) {
      files.push(path);
    }
  }
  return files;
}

export function stripScript(source, fileName) {
  const { outputText, diagnostics } = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      allowJs: true,
      removeComments: true,
      target: ts.ScriptTarget.ESNext,
      module: ts.ModuleKind.Preserve,
      verbatimModuleSyntax: true,
    },
  });
  if (diagnostics?.length) {
    const message = ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n');
    throw new Error(`${fileName}: ${message}`);
  }
  return outputText;
}

export const stripStyle = (source) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\n\s*\n+/g, '\n');

const [site] = process.argv.slice(2);
if (!site) throw new Error('usage: node www/dev/strip-comments.mjs SITE');
let before = 0;
let after = 0;
for (const path of await ownFiles(site)) {
  const source = await readFile(path, 'utf8');
  const stripped = extname(path) === '.css' ? stripStyle(source) : stripScript(source, path);
  before += source.length;
  after += stripped.length;
  await writeFile(path, stripped);
}
console.log(`strip-comments: ${before} to ${after} bytes in ${site}`);
