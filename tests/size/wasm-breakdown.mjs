// What the wasm is made of: its sections, and its code by crate, by module of
// this crate and by function. Reads a module that still has its name section
// (`make size-report` builds one the same way as the release, names kept).
// Usage: node tests/size/wasm-breakdown.mjs FILE.wasm [TOP]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [file, top = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tests/size/wasm-breakdown.mjs FILE.wasm [TOP]');
  process.exit(2);
}
const bytes = readFileSync(file);
const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start',
  'element', 'code', 'data', 'datacount'];

let at = 8;
const leb = () => {
  let result = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    result |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return result >>> 0;
};
const text = (length) => {
  const value = bytes.subarray(at, at + length).toString();
  at += length;
  return value;
};

const sections = [];
const bodies = [];
const names = new Map();
let importedFunctions = 0;
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const end = at + size;
  let label = SECTION_NAMES[id] ?? `#${id}`;
  if (id === 0) {
    label += `:${text(leb())}`;
    if (label === 'custom:name') {
      while (at < end) {
        const kind = bytes[at++];
        const subEnd = leb() + at;
        if (kind === 1) for (let count = leb(); count > 0; count--) names.set(leb(), text(leb()));
        at = subEnd;
      }
    }
  } else if (id === 2) {
    for (let count = leb(); count > 0; count--) {
      text(leb());
      text(leb());
      const kind = bytes[at++];
      if (kind === 0) {
        leb();
        importedFunctions++;
      } else if (kind === 1) {
        at++;
        if (bytes[at++] & 1) leb();
        leb();
      } else if (kind === 2) {
        if (bytes[at++] & 1) leb();
        leb();
      } else {
        at += 2;
      }
    }
  } else if (id === 10) {
    for (let count = leb(); count > 0; count--) {
      const length = leb();
      bodies.push({ start: at, length });
      at += length;
    }
  }
  sections.push({ label, size });
  at = end;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const shipped = sections.filter((s) => s.label !== 'custom:name').reduce((sum, s) => sum + s.size, 0);
console.log(`${file}: ${kb(bytes.length)} with names; ${kb(shipped)} without the name section (the release strips it)`);
console.log('\nSections');
for (const s of sections) console.log(`  ${kb(s.size).padStart(10)}  ${s.label}`);

// Gzip shrinks repetitive code more than varied code, so also show each group's gzipped share.
const functions = bodies.map((body, i) => ({
  name: names.get(i + importedFunctions) ?? `function #${i + importedFunctions}`,
  size: body.length,
  code: bytes.subarray(body.start, body.start + body.length),
}));
const group = (title, keyOf, limit) => {
  const groups = new Map();
  for (const f of functions) {
    const key = keyOf(f.name);
    const entry = groups.get(key) ?? { size: 0, parts: [] };
    entry.size += f.size;
    entry.parts.push(f.code);
    groups.set(key, entry);
  }
  console.log(`\n${title}`);
  const rows = [...groups].sort((a, b) => b[1].size - a[1].size).slice(0, limit);
  for (const [key, entry] of rows) {
    const gz = gzipSync(Buffer.concat(entry.parts), { level: 9 }).length;
    console.log(`  ${kb(entry.size).padStart(10)} ${kb(gz).padStart(9)} gz  ${key}`);
  }
};
const demangle = (name) => name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
const crateOf = (name) => {
  const clean = demangle(name).replace(/^<+/, '');
  if (/^(__wbg|__wbindgen|wasm_bindgen|externref)/.test(clean) || / shim$/.test(clean)) return 'wasm-bindgen glue';
  return clean.match(/^([A-Za-z_][A-Za-z0-9_]*)/)?.[1] ?? 'other';
};
const moduleOf = (name) => {
  const clean = demangle(name);
  const path = clean.match(/icet_explorer::((?:[a-z_]+::)*[a-z_]+)/)?.[1];
  if (!path) return `(other crates) ${crateOf(name)}`;
  return `icet_explorer::${path.split('::').slice(0, 2).join('::')}`;
};
group('Code by crate (raw, gzipped alone)', crateOf, 15);
group('Code by module, first path named (raw, gzipped alone)', moduleOf, 25);
console.log(`\nLargest functions`);
for (const f of [...functions].sort((a, b) => b.size - a.size).slice(0, Number(top))) {
  console.log(`  ${kb(f.size).padStart(10)}  ${demangle(f.name).slice(0, 120)}`);
}
