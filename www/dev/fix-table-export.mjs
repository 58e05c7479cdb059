// Repairs a wasm module after Debian's wasm-opt 108, which writes an export of
// any table as table 0. wasm-bindgen exports its externref table
// (`__wbindgen_externrefs`), which is never table 0, so the page fails with
// "WebAssembly.Table.set(): ... function-typed object". This points that
// export back at the module's one externref table. It changes nothing when
// the export is already right, and fails loudly on anything unexpected.
import { readFileSync, writeFileSync } from 'node:fs';

const EXPORT_NAME = '__wbindgen_externrefs';
const EXTERNREF = 0x6f;
const SECTION_TABLE = 4;
const SECTION_EXPORT = 7;
const KIND_TABLE = 1;

function fail(message) {
  console.error(`fix-table-export: ${message}`);
  process.exit(1);
}

function reader(bytes, at) {
  return {
    at,
    byte() {
      return bytes[this.at++];
    },
    u32() {
      let result = 0;
      let shift = 0;
      let byte;
      do {
        byte = bytes[this.at++];
        result |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte & 0x80);
      return result >>> 0;
    },
    limits() {
      const flags = this.byte();
      this.u32();
      if (flags & 1) this.u32();
    },
    name() {
      const length = this.u32();
      const text = Buffer.from(bytes.subarray(this.at, this.at + length)).toString('utf8');
      this.at += length;
      return text;
    },
  };
}

const path = process.argv[2] ?? fail('usage: node fix-table-export.mjs MODULE.wasm');
const bytes = readFileSync(path);
if (bytes.readUInt32BE(0) !== 0x0061736d) fail(`${path} is not a wasm module`);

const sections = new Map();
for (const r = reader(bytes, 8); r.at < bytes.length; ) {
  const id = r.byte();
  const size = r.u32();
  sections.set(id, r.at);
  r.at += size;
}

// Imported tables come first in the table index space; wasm-bindgen's output imports none.
const tableTypes = [];
if (sections.has(SECTION_TABLE)) {
  const r = reader(bytes, sections.get(SECTION_TABLE));
  for (let count = r.u32(); count > 0; count--) {
    tableTypes.push(r.byte());
    r.limits();
  }
}
const externrefTables = tableTypes.flatMap((type, index) => (type === EXTERNREF ? [index] : []));

let patched = false;
if (sections.has(SECTION_EXPORT)) {
  const r = reader(bytes, sections.get(SECTION_EXPORT));
  for (let count = r.u32(); count > 0; count--) {
    const name = r.name();
    const kind = r.byte();
    const indexAt = r.at;
    const index = r.u32();
    if (kind !== KIND_TABLE || name !== EXPORT_NAME) continue;
    if (tableTypes[index] === EXTERNREF) continue;
    if (externrefTables.length !== 1) fail(`expected one externref table, found ${externrefTables.length}`);
    if (r.at - indexAt !== 1 || externrefTables[0] > 0x7f) fail('table index is not a one-byte LEB128');
    bytes[indexAt] = externrefTables[0];
    patched = true;
  }
}

if (!WebAssembly.validate(bytes)) fail(`${path} does not validate after the repair`);
if (patched) {
  writeFileSync(path, bytes);
  console.log(`fix-table-export: pointed ${EXPORT_NAME} at table ${externrefTables[0]} in ${path}`);
}
