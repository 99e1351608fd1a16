// SPDX-License-Identifier: GPL-3.0-or-later
// The peer of `preflight-cli events`: the npm `eventsource` client counting N message events.
//   node sse-client.mjs URL N
// PF_NODE_MODULES names the node_modules folder that holds eventsource (bench/run sets it).
// Prints {"events":N} and exits 0 at the Nth event; on an error before it, prints the count and
// exits 1 (EventSource would otherwise reconnect).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [url, wanted] = [process.argv[2], Number(process.argv[3])];
if (!url || !(wanted > 0)) {
  console.error('usage: sse-client.mjs URL N');
  process.exit(2);
}
const modules = process.env.PF_NODE_MODULES ?? 'node_modules';
const module = pathToFileURL(join(modules, 'eventsource', 'dist', 'index.js'));
const { EventSource } = await import(module.href);

let events = 0;
const es = new EventSource(url);
es.addEventListener('message', () => {
  if (++events === wanted) {
    es.close();
    console.log(JSON.stringify({ events }));
    process.exit(0);
  }
});
es.addEventListener('error', (ev) => {
  es.close();
  console.log(JSON.stringify({ events }));
  console.error(`sse-client: ${ev.message ?? 'connection error'} after ${events} events`);
  process.exit(1);
});
