// Types the wasm package's view models. wasm-bindgen declares every value
// the engine builds as `any`; this gives the Explorer's methods the types in
// www/dev/views.d.ts and appends those declarations to the package's
// icet_explorer.d.ts. A signature it cannot find fails the build, so the
// declarations cannot silently fall behind src/boundary.rs.
// Usage: node www/dev/typed-package.mjs target/pkg
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const folder = process.argv[2] ?? 'target/pkg';
const file = join(folder, 'icet_explorer.d.ts');
let text = await readFile(file, 'utf8');

// [what wasm-bindgen writes, what it becomes, whether every build has it]
const SIGNATURES = [
  ['render(query_string: string, width: number): any;', 'render(query_string: string, width: number): RenderView;', true],
  ['query(query_string: string, limit: number): any;', 'query(query_string: string, limit: number): QueryView;', true],
  ['summary(): any;', 'summary(): SummaryView;', true],
  ['summaryMarkup(): any;', 'summaryMarkup(): SummaryMarkup;', true],
  ['facets(): any;', 'facets(): FacetView[];', true],
  ['export(query_string: string, format: string): string;', 'export(query_string: string, format: ExportFormat): string;', true],
  // Only in the build with the importers.
  ['importWarnings(): any;', 'importWarnings(): Problem[];', false],
];
const typed = text.includes('export interface RenderView');
const missing = [];
for (const [from, to, required] of typed ? [] : SIGNATURES) {
  const count = text.split(from).length - 1;
  if (count === 1) text = text.replace(from, to);
  else if (count > 1 || required) missing.push(`${from} (found ${count} times)`);
}
if (missing.length) {
  console.error(`${file}: wasm-bindgen's declarations changed; update www/dev/typed-package.mjs and views.d.ts:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
const views = await readFile(new URL('./views.d.ts', import.meta.url), 'utf8');
if (!typed) await writeFile(file, `${text}\n${views.replace(/^(\/\/.*\n)+\n/, '// The view models (www/dev/views.d.ts).\n\n')}`);

// wasm-pack's package.json, with the entry points a bundler looks for.
const manifestFile = join(folder, 'package.json');
const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
manifest.module = manifest.main;
manifest.exports = {
  '.': { types: `./${manifest.types}`, default: `./${manifest.main}` },
  './icet_explorer_bg.wasm': './icet_explorer_bg.wasm',
  './package.json': './package.json',
};
await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${file}: view models typed; ${manifestFile}: exports`);
