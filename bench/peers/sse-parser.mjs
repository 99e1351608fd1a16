// SPDX-License-Identifier: GPL-3.0-or-later
// The peer of pf-bench-sse-parser: eventsource-parser fed the same file in the same chunks.
//   node sse-parser.mjs FILE --chunks 64k|random [--seed N] [--checksum]
// PF_NODE_MODULES names the node_modules folder that holds eventsource-parser (bench/run sets it).
// Prints {"events":N,"sum":S,"checksum":"xxxxxxxx","seconds":T,"seconds_with_decode":T2}.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function parseArgs (argv) {
  const args = { file: null, chunks: null, seed: 42, checksum: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--chunks') args.chunks = argv[++i];
    else if (argv[i] === '--seed') args.seed = Number(argv[++i]);
    else if (argv[i] === '--checksum') args.checksum = true;
    else args.file = argv[i];
  }
  if (!args.file || (args.chunks !== '64k' && args.chunks !== 'random')) {
    console.error('usage: sse-parser.mjs FILE --chunks 64k|random [--seed N] [--checksum]');
    process.exit(2);
  }
  return args;
}

// The same sizes as pf-bench-sse-parser: 64 KiB each, or xorshift32 from the seed, 1 B to 64 KiB.
function chunkSizes (total, mode, seed) {
  const sizes = [];
  let x = seed >>> 0;
  for (let offset = 0; offset < total;) {
    let size = 65536;
    if (mode === 'random') {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      size = 1 + (x % 65536);
    }
    size = Math.min(size, total - offset);
    sizes.push(size);
    offset += size;
  }
  return sizes;
}

function splitBytes (bytes, sizes) {
  const chunks = [];
  let offset = 0;
  for (const size of sizes) {
    chunks.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

function decodeAll (byteChunks) {
  const decoder = new TextDecoder();
  return byteChunks.map((chunk) => decoder.decode(chunk, { stream: true }));
}

function fnv (h, text) {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return Math.imul(h ^ 0xff, 16777619) >>> 0;
}

function newCounter (createParser, withChecksum) {
  const counter = { events: 0, sum: 0, h: 0x811c9dc5 };
  const onEvent = withChecksum
    ? (ev) => {
        const id = ev.id ?? '';
        counter.events++;
        counter.sum += id.length + ev.data.length;
        counter.h = fnv(fnv(counter.h, id), ev.data);
      }
    : (ev) => {
        counter.events++;
        counter.sum += (ev.id ?? '').length + ev.data.length;
      };
  counter.parser = createParser({ onEvent });
  return counter;
}

function timedPass (createParser, chunks, withChecksum, decode) {
  const counter = newCounter(createParser, withChecksum);
  const decoder = new TextDecoder();
  const start = process.hrtime.bigint();
  if (decode) {
    for (const chunk of chunks) counter.parser.feed(decoder.decode(chunk, { stream: true }));
  } else {
    for (const chunk of chunks) counter.parser.feed(chunk);
  }
  counter.seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return counter;
}

async function main () {
  const args = parseArgs(process.argv.slice(2));
  const modules = process.env.PF_NODE_MODULES ?? 'node_modules';
  const url = pathToFileURL(join(modules, 'eventsource-parser', 'dist', 'index.js'));
  const { createParser } = await import(url.href);
  const bytes = readFileSync(args.file);
  const byteChunks = splitBytes(bytes, chunkSizes(bytes.length, args.chunks, args.seed));
  const textChunks = decodeAll(byteChunks);

  timedPass(createParser, textChunks, args.checksum, false); // warm-up
  const run = timedPass(createParser, textChunks, args.checksum, false);
  const withDecode = timedPass(createParser, byteChunks, args.checksum, true);
  const checksum = args.checksum ? run.h.toString(16).padStart(8, '0') : '00000000';
  console.log(JSON.stringify({
    events: run.events,
    sum: run.sum,
    checksum,
    seconds: run.seconds,
    seconds_with_decode: withDecode.seconds
  }));
}

await main();
