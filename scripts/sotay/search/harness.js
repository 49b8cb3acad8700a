#!/usr/bin/env node
/* Test harness: runs the site's search worker in Node.
 * stdin: {"worker": path, "cases": [[word, ...]], "words": [text...], "decode": [word...], "slips": [[a, b]...],
 *         "fits": [[query word, document word]...],
 *         "index": {...}, "queries": [q...]}
 * stdout: {"keys": [[exact, folded]], "words": [[surface...]], "decode": [exact key | null],
 *          "slips": [distance (max 2, else 3)], "fits": [bool], "results": [[{location, title, text, score, none?}]]}
 */
"use strict";
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const w = require(require("path").resolve(input.worker));
const out = {};
if (input.cases) out.keys = input.cases.map(word => { const e = w.exactKey(word); return [e, w.foldKey(e)]; });
if (input.decode) out.decode = input.decode.map(word => w.decodeIME(word));
if (input.slips) out.slips = input.slips.map(([a, b]) => w.slips(a, b, 2));
if (input.fits) out.fits = input.fits.map(([q, d]) => w.fits(w.exactKey(q), w.exactKey(d)));
if (input.words) out.words = input.words.map(t => w.tokens(t).map(x => x.s.toLowerCase()));
if (input.index) {
  const t0 = process.hrtime.bigint();
  const ready = w.handle({ type: 0, data: input.index });
  out.setup_ms = Number(process.hrtime.bigint() - t0) / 1e6;
  out.ready = ready.type === 1;
  out.results = (input.queries || []).map(q => {
    const r = w.handle({ type: 2, data: q });
    return r.data.items.map(group => group[0]);
  });
}
process.stdout.write(JSON.stringify(out));
