/**
 * S7's instruction-count peers (bench/ws-instructions.mjs): the same servers as
 * bench/websocket.mjs's, chosen by argv[2]:
 *   raw        ws-raw.mjs: the `ws` library on node:http, echoing each message (the limit)
 *   raw-als    ws-raw-als.mjs: the same with one AsyncLocalStorage entered per connection
 *   raw-json   ws-raw-json.mjs: `ws` doing Pode's signal protocol by hand (decode, JSON.parse,
 *              the `message` sent back as text)
 *   pode       ws-pode.mjs: pode-ts's signal route on /echo
 *   pode-lite  the same with asyncContext: false
 * Prints {"port":…} and exits on SIGTERM (so valgrind writes its totals).
 */
const peer = process.argv[2] ?? 'raw';
const PEERS = ['raw', 'raw-als', 'raw-json', 'pode', 'pode-lite'];
if (!PEERS.includes(peer)) {
  console.error(`unknown peer ${peer}: one of ${PEERS.join(', ')}`);
  process.exit(2);
}
if (peer === 'pode-lite') process.env.BENCH_ASYNC_CONTEXT = 'off';
await import(`./ws-${peer === 'pode-lite' ? 'pode' : peer}.mjs`);
