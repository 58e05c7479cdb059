// Where the wasm memory of loading a synthetic dataset goes, under Node: the
// live heap (as dlmalloc lays it out) after loading, after building the index
// (as the page does, without its search index), after building the search
// index and after dropping them, and the growths of memory on the way. Usage:
//   wasm-pack build --release --target web --no-typescript --no-pack --mode no-install \
//     --out-dir target/heap-pkg -- --features heap-stats
//   node tests/bench/heap.mjs target/heap-pkg [ITEMS]
// Memory never shrinks, so its size is the peak; the live heap's peak is
// below it by the room freed blocks left and later requests could not use.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2] ?? 'target/heap-pkg');
const items = Number(process.argv[3] ?? 100000);
const bytes = readFileSync(`${dir}/icet_explorer_bg.wasm`);
let instances = 0;
async function fresh() {
  const engine = await import(`${pathToFileURL(`${dir}/icet_explorer.js`)}?${instances++}`);
  engine.initSync({ module: bytes });
  return engine;
}
const json = (await fresh()).syntheticDataset(items, 42);
const engine = await fresh();
const stats = engine.loadInStages(json);
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
console.log(`${items} items: live chunks, bytes asked for, allocations, peak of live chunks, wasm memory`);
for (const [at, step] of [[0, 'loaded'], [5, 'index built'], [10, 'search built'], [15, 'index dropped']]) {
  const [chunks, asked, count, peak, memory] = stats.slice(at, at + 5);
  console.log(`  ${step.padEnd(14)} ${mb(chunks).padStart(9)} ${mb(asked).padStart(9)} ${String(count).padStart(9)} ${mb(peak).padStart(9)} ${mb(memory).padStart(9)}`);
}
console.log('growths of memory by a request of 1 MB or more:');
const growths = engine.heapGrowths();
for (let i = 0; i < growths.length; i += 3) {
  if (growths[i] >= 1e6) console.log(`  request ${mb(growths[i])} with ${mb(growths[i + 1])} live: memory ${mb(growths[i + 2])}`);
}
