#!/usr/bin/env node
// Debian's Firefox ESR for playwright-core's WebDriver BiDi driver.
//
// playwright-core (channel "moz-firefox") launches this file as the browser:
// it starts /usr/bin/firefox-esr with the same arguments and puts a small
// WebSocket relay between Playwright and Firefox's WebDriver BiDi endpoint.
// The relay passes every message through unchanged, except that it answers
// the few emulation commands the ESR does not know yet ("unknown command")
// with an empty success, so that creating a context does not fail, and it
// gives download events the id the ESR leaves out. What those commands would
// emulate is then not emulated: see browsers.mjs for how the suite handles the
// colour scheme in Firefox (print media is tested in Chromium only).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';

const WebSocket = createRequire(import.meta.url)('ws');
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
// Commands Playwright sends on every new context or page that the ESR may lack.
const TOLERATED = new Set([
  'emulation.setMediaFeaturesOverride',
  'emulation.setScreenOrientationOverride',
  'emulation.setScreenSettingsOverride',
]);

const firefox = spawn(FIREFOX, process.argv.slice(2), { stdio: ['ignore', 'inherit', 'pipe'] });
firefox.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => firefox.kill(signal));
// Playwright starts the browser in a process group of its own: if the test
// process dies without closing it, take Firefox down rather than leave it running.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) firefox.kill('SIGTERM');
}, 1000).unref();

const lines = createInterface({ input: firefox.stderr });
lines.on('line', (line) => {
  const found = line.match(/^(.*WebDriver BiDi listening on )(ws:\/\/\S+)$/);
  if (!found) {
    process.stderr.write(`${line}\n`);
    return;
  }
  const upstream = found[2].replace(/\/$/, '');
  const relay = new WebSocket.Server({ host: '127.0.0.1', port: 0 }, () => {
    process.stderr.write(`${found[1]}ws://127.0.0.1:${relay.address().port}\n`);
  });
  relay.on('connection', (client, request) => {
    const server = new WebSocket(`${upstream}${request.url}`, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    const pending = [];
    const methods = new Map();
    const downloads = new Map();
    let downloadCount = 0;
    server.on('open', () => {
      for (const message of pending.splice(0)) server.send(message);
    });
    client.on('message', (data) => {
      const text = data.toString();
      try {
        const { id, method } = JSON.parse(text);
        if (TOLERATED.has(method)) methods.set(id, method);
      } catch { /* not JSON: pass it on */ }
      if (server.readyState === WebSocket.OPEN) server.send(text);
      else pending.push(text);
    });
    server.on('message', (data) => {
      let text = data.toString();
      try {
        const message = JSON.parse(text);
        // The ESR's download events name neither the download nor a navigation,
        // and Playwright needs one of them to pair the start with the end: the
        // relay gives each download an id, keyed by its (unique, blob:) URL.
        if (/^browsingContext\.download(WillBegin|End)$/.test(message.method)
          && message.params && !message.params.download && !message.params.navigation) {
          const { url } = message.params;
          if (message.method.endsWith('WillBegin')) downloads.set(url, `relay-download-${++downloadCount}`);
          message.params.download = downloads.get(url) ?? `relay-download-${++downloadCount}`;
          if (message.method.endsWith('End')) downloads.delete(url);
          text = JSON.stringify(message);
        }
        if (methods.has(message.id)) {
          methods.delete(message.id);
          if (message.type === 'error' && message.error === 'unknown command') {
            text = JSON.stringify({ type: 'success', id: message.id, result: {} });
          }
        }
      } catch { /* not JSON: pass it on */ }
      client.send(text);
    });
    const closeBoth = () => {
      client.close();
      server.close();
    };
    client.on('close', closeBoth);
    server.on('close', closeBoth);
    client.on('error', closeBoth);
    server.on('error', closeBoth);
  });
});
