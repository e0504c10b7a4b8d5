/**
 * V8 flags of the service process, set before the app is loaded (`main.ts` imports this first;
 * `bench/lib/api-server.ts` too, so the bench measures what `npm start` runs).
 *
 * `--no-allocation-site-pretenuring`: V8 tracks where short-lived arrays and objects are created
 * (an "allocation site") and, when most of one site's objects have survived a young-generation
 * scavenge, allocates that site's objects straight in the old generation from then on (Clifford
 * et al., "Memento Mori: Dynamic Allocation-Site-Based Optimizations", ISMM 2015). The decision is
 * made from a few hundred objects and, as `node --trace-pretenuring-statistics` shows, kept even
 * when later only 1 % of the site's objects survive. It is taken at a scavenge of a full-size
 * young generation when 85 % of what a site made since the previous one is still alive: under
 * load that happens, at random, to the sites of a query's parsed rows (node-postgres rows,
 * `postgres-array` arrays) when enough requests are in flight at that moment; from then on
 * every row is allocated in the old generation, which grows by 6–12 MB per scavenge until a
 * mark-compact, and scavenges take 10–120 ms instead of 1–2 (bench/README.md, list endpoint).
 * Nothing retains the rows: a heap snapshot taken under load holds none. Without pretenuring a
 * row dies young, as in any request-scoped server.
 *
 * Set with `v8.setFlagsFromString` rather than on the command line so that every way of starting
 * the API gets it (`node` accepts no V8 flag of this kind in NODE_OPTIONS). The Node.js
 * documentation of `v8.setFlagsFromString` warns that a flag changed after start-up may not take
 * effect; `src/runtime-flags.test.ts` proves this one does.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-allocation-site-pretenuring');
