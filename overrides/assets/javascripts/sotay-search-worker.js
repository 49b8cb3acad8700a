/* Sổ tay số — Vietnamese search worker for Material for MkDocs' search dialog.
 *
 * Speaks Material's worker protocol: {type: 0 SETUP, data: {config, docs}} → {type: 1 READY};
 * {type: 2 QUERY, data: "text"} → {type: 3 RESULT, data: {items: [[item]]}}, where each item is
 * {location, title, text, score, terms} and title/text are HTML with <mark> around matches (plus
 * `firm`, the share of the query the page holds firmly, and `none: true` on the "Chưa có hướng
 * dẫn" notice: Material ignores both; tests and the bench read them).
 * The index is built by scripts/sotay/search/index.py. Normalisation mirrors
 * scripts/sotay/search/normalize.py; both are tested against scripts/sotay/search/cases.json.
 * Lazy: the setup message (Material's page bundle posts search/search_index.json, on every page)
 * carries only a stub, docs = {v, src: "search/sotay-index.<hash>.json"}. The worker answers
 * READY at once and downloads the index on the first query with words in it (synchronous XHR,
 * allowed in a dedicated worker; later queries wait in the message queue meanwhile). If that
 * fails (offline, never cached) it answers no results and tries again on the next query.
 * A setup message carrying the whole index (docs.d, as the Node harness sends) is used as is.
 * Built site: this file, minified, is assets/javascripts/sotay-search-engine.<hash>.min.js, and
 * the worker Material starts on every page is a few-line loader that imports it on the first
 * query (scripts/sotay/search/__init__.py), so a page view does not download it either.
 */
"use strict";

var TONES = { "\u0300": "F", "\u0301": "S", "\u0303": "X", "\u0309": "R", "\u0323": "J" };
var TONE_END = /[SFRXJ]$/;
var Y_ONLY = /^(qu|[bcdđghklmnprstvx]*)y$/;
var WORD = /[\p{L}\p{N}\p{M}]+/gu;
var MARKS = /\p{M}/gu;

var keyCache = new Map(), foldCache = new Map();

/* Field weights: title, keywords, summary, step headings, body. */
var W = [10, 7, 5, 3, 1.2];
/* A query word without (some of) the document word's marks matches it at FOLDED; one whose
 * marks contradict it ("tăng" for "tảng", "bán" for "bạn") only at CLASH. */
var EXACT = 1, FOLDED = 0.8, CLASH = 0.3, PREFIX = 0.65, SYNONYM = 0.9, BIGRAM = 0.9;
var KIND = [1, 0.35];                  /* guide, other page */
/* A query word not on the site, matched to a site word one slip away (two for long words) */
var FIXED = [1, 0.5, 0.35];            /* by edit distance: score factor ... */
var FIXED_COV = [1, 0.8, 0.6];         /* ... and how much of the word it covers */
var MAX_FIXES = 16;                    /* site words one slip away, most used first, weighed by their neighbours */
var SPELLINGS = 16;                     /* ways to write out a query's abbreviations, for the not-covered list */
/* Relevance floor: the share of the query's words (little words 0.25, words the site does not
 * know 1) a page must hold firmly to be called a match. Firmly = side by side with a neighbouring
 * query word, or the query's only word, or a rare word (on at most RARE of the pages, or 2) in
 * its card (title, keywords, summary, step headings); a rare word elsewhere or a common syllable
 * alone in the card counts LOOSE, a common syllable alone elsewhere BODY ("lượng" in "âm lượng"
 * does not answer "lương hưu"). Half a query is no match: a page must hold more than FLOOR.
 * Otherwise the honest "not yet" answer, with the best guides above GUESS as "Có thể bạn cần". */
var NOTICE = 1e6;                      /* the notice's score: above every guess */
var ECHO_MIN = 6, ECHO_MAX = 10;       /* words of a long query the notice repeats */
var FLOOR = 0.5, GUESS = 0.3, LOOSE = 0.5, BODY = 0.3, RARE = 0.12, MAX_GUESSES = 3;
/* A spoken question of LONG_WORDS words or more holds few of its words in any page ("Cháu ơi, bà
 * nghe nói …"): the one guide that holds at least LONG_FIRM of it firmly and scores STANDOUT
 * times the next is its answer. No listed task (config/not-covered.yml) may be in it. */
var LONG_WORDS = 12, LONG_FIRM = 0.4, STANDOUT = 2.0, OUTWEIGH = 1.5;
/* In a query of FIRM_WORDS words or more, a page's score is multiplied by the share of the query it
 * holds firmly to the power FIRM_POW: a long score sums many words, and a guide that repeats a few
 * common ones ("chuyển tiền" in "app ngân hàng bắt quay mặt mới cho chuyển tiền") must not pass the
 * guide that holds the point. In a shorter query that share moves in large steps and the score
 * alone ranks ("xem tiến độ hồ sơ"). */
var FIRM_WORDS = 6, FIRM_POW = 0.75;
/* Ways of asking, typed with or without marks: their words count as little words ("lam the nao"
 * is not "thẻ") */
var ASKING = ["lam the nao", "nhu the nao", "the nao", "lam sao", "thi sao", "o dau", "bao gio", "tai sao",
              "co duoc khong", "duoc khong", "phai lam gi", "lam gi", "co that khong", "co nen", "bat dau tu dau",
              "the nao", "ra sao", "bao lau", "mat bao lau", "bao nhieu", "khi nao", "co phai", "la gi"].map(function (p) { return p.split(" "); });
var SCATTERED = 0.25;                  /* a synonym phrase whose words are not side by side */
var KEYPHRASE = 0.4;                   /* a guide keyword found whole in the query */
/* Little words that carry no topic: they count 0.25 (score and coverage). Exact spellings, plus
 * unmarked spellings that cannot be a content word. The second line is how residents speak to
 * the one helping them ("Cháu ơi bà … hả cháu?"): the kin words they call each other by,
 * particles, "cái", "nó". The third: the same little words as the South and the Centre say them
 * ("tui" for "tôi", "vô" for "vào", "hông" for "không", "ổng" for "ông ấy", "mô" for "đâu", "rứa" for "thế"; not "ảnh",
 * which is also a photo, nor "nha" and "hen", which are "nhà" and "hẹn" typed without marks). The
 * fourth: "đây", "đó", "đấy", "kìa" (like "này", "kia", "ấy"), "mấy" ("mấy tấm hình") and "về"
 * (like "vào", "ra"); "lên", "chỗ", "mới", "luôn", "nữa", "hết" were tried and lost queries. */
var STOP = 0.25;
var STOP_EXACT = new Set(("trên của và để cho với bằng qua các những là có được khi thì này vào ra tại " +
  "từ trong một như mà hay hoặc rồi đã sẽ đang bị nào gì thế sao ở tôi bạn em ơi muốn cần cách " +
  "làm sao thế nào hướng dẫn đâu không chưa ạ nhé giúp giùm hỏi xin phải " +
  "cháu bà ông con mẹ bố cha má chú bác cô dì cậu anh chị mình hả à nhỉ cái nó giờ cứ lắm quá thôi ấy kia vậy " +
  "tui vô hông hổng ổng bả tía thím mợ dượng nè nhen nghen dùm vầy mô rứa ni tê hỉ nhá " +
  "đây đó đấy kìa mấy về")
  .split(" ").map(exactKey));
var STOP_FOLDED = new Set("tren cua va duoc vao cac nhung voi khi nay mot nhu hoac roi cach toi muon ".trim().split(" "));
var MAX_RESULTS = 10, MAX_PREFIX = 64, MAX_KEYWORDS = 3;
/* Words of a query scored: a spoken question often comes to its point after twenty words
 * ("… giờ phải báo tử với xin tiền mai táng"); past this, the cost of a keystroke only grows.
 * The not-covered list (config/not-covered.yml) is matched against every word. */
var MAX_WORDS = 32;


/* "Hoá" → "hoaS": shape marks kept, tone as a trailing Telex letter, lone y → i. */
function exactKey(word) {
  var hit = keyCache.get(word);
  if (hit !== undefined) return hit;
  var tone = "", kept = "";
  var d = word.toLowerCase().normalize("NFD");
  for (var i = 0; i < d.length; i++) {
    var t = TONES[d[i]];
    if (t !== undefined) { if (!tone) tone = t; } else kept += d[i];
  }
  var base = kept.normalize("NFC");
  var m = Y_ONLY.exec(base);
  if (m) base = m[1] + "i";
  var key = base + tone;
  if (keyCache.size < 50000) keyCache.set(word, key);
  return key;
}

/* "đươngF" → "duong" */
function foldKey(key) {
  return key.replace(TONE_END, "").replace(/đ/g, "d").normalize("NFD").replace(MARKS, "");
}

/* Is exact key q (typed) a less-marked spelling of exact key d? Tone absent or equal, and each
 * letter equal or typed without its shape mark: "tiên"/"tien"/"tiền" fit "tiênF"; "tăng" does not fit "tangR". */
function fits(q, d) {
  var qt = TONE_END.test(q) ? q[q.length - 1] : "", dt = TONE_END.test(d) ? d[d.length - 1] : "";
  if (qt && qt !== dt) return false;
  var qb = (qt ? q.slice(0, -1) : q).normalize("NFD"), db = (dt ? d.slice(0, -1) : d).normalize("NFD");
  for (var i = 0, j = 0; i < qb.length; i++, j++) {
    while (j < db.length && db[j] !== qb[i] && /\p{M}/u.test(db[j])) j++;   /* skip marks the query lacks */
    if (j >= db.length || db[j] !== qb[i]) {
      if (qb[i] === "đ" && db[j] === "d") return false;
      if (qb[i] === "d" && db[j] === "đ") continue;
      return false;
    }
  }
  while (j < db.length) { if (!/\p{M}/u.test(db[j])) return false; j++; }
  return true;
}

/* Telex or VNI keys left in a word typed with the Vietnamese keyboard off → its exact key, or
 * null: "tieenf" → "tiênF" (tiền), "ddaor" → "đaoR" (đảo), "d9ie65n" → "điênJ" (điện). */
var TELEX_TONE = { s: "S", f: "F", r: "R", x: "X", j: "J" };
var VNI_TONE = { 1: "S", 2: "F", 3: "R", 4: "X", 5: "J" };
var TELEX_SHAPES = [[/dd/g, "đ"], [/uwow|uow/g, "ươ"], [/aa/g, "â"], [/aw/g, "ă"], [/ee/g, "ê"],
                    [/oo/g, "ô"], [/ow/g, "ơ"], [/uw/g, "ư"], [/w/g, "ư"]];
var VNI_SHAPE = { 6: { a: "â", e: "ê", o: "ô" }, 7: { o: "ơ", u: "ư" }, 8: { a: "ă" }, 9: { d: "đ" } };

function decodeIME(word) {
  var w = word.toLowerCase(), tone = "", base = "", i;
  if (/^[a-z]+$/.test(w)) {                                   /* Telex */
    var first = w.search(/[aeiouy]/);
    if (first < 0) return null;
    for (i = 0; i < w.length; i++) {
      if (i > first && TELEX_TONE[w[i]]) tone = TELEX_TONE[w[i]]; else base += w[i];
    }
    for (i = 0; i < TELEX_SHAPES.length; i++) base = base.replace(TELEX_SHAPES[i][0], TELEX_SHAPES[i][1]);
  } else if (/^[a-z][a-z1-9]*[1-9][a-z1-9]*$/.test(w)) {       /* VNI: digits after letters */
    for (i = 0; i < w.length; i++) {
      var c = w[i];
      if (VNI_TONE[c]) { tone = VNI_TONE[c]; continue; }
      if (!VNI_SHAPE[c]) { base += c; continue; }
      var j = base.length - 1;
      while (j >= 0 && !VNI_SHAPE[c][base[j]]) j--;
      if (j < 0) return null;
      if (c === "7" && base[j] === "o" && base[j - 1] === "u") base = base.slice(0, j - 1) + "ư" + base.slice(j);
      base = base.slice(0, j) + VNI_SHAPE[c][base[j]] + base.slice(j + 1);
    }
  } else return null;
  if (/[^a-zđâăêôơư]/.test(base) || !/[aeiouyâăêôơư]/.test(base)) return null;
  var key = exactKey(base) + tone;
  return key === exactKey(word) ? null : key;
}

/* Optimal string alignment distance (a swap of two neighbours counts 1), or max + 1 once over max */
function slips(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  var prev2 = null, prev = new Array(b.length + 1), cur, i, j;
  for (j = 0; j <= b.length; j++) prev[j] = j;
  for (i = 1; i <= a.length; i++) {
    cur = new Array(b.length + 1);
    cur[0] = i;
    var low = i;
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < low) low = v;
    }
    if (low > max) return max + 1;
    prev2 = prev; prev = cur;
  }
  return prev[b.length];
}

/* Words of a text: [{s, start, end, e, f}] */
function tokens(text) {
  text = text.normalize("NFC");
  var out = [], m;
  WORD.lastIndex = 0;
  while ((m = WORD.exec(text)) !== null) {
    var k = foldCache.get(m[0]);
    if (k === undefined) {
      var ek = exactKey(m[0]);
      k = [ek, foldKey(ek)];
      if (foldCache.size < 50000) foldCache.set(m[0], k);
    }
    out.push({ s: m[0], start: m.index, end: m.index + m[0].length, e: k[0], f: k[1] });
  }
  return out;
}

function escapeHTML(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/* Posting lists: a Map from key to flat [doc, mask, doc, mask, ...], docs ascending. */
function post(map, key, doc, mask) {
  var p = map.get(key);
  if (p === undefined) { map.set(key, [doc, mask]); return; }
  var n = p.length;
  if (p[n - 2] === doc) p[n - 1] |= mask; else p.push(doc, mask);
}

/* Body postings: "key key ..." + "gaps;gaps;..." → Map(key → [doc, ...]), folding keys if asked */
function decodeLists(terms, lists, transform) {
  var map = new Map();
  if (!terms) return map;
  var ls = lists.split(";");
  for (var i = 0; i < terms.length; i++) {
    var gaps = ls[i].split(","), doc = 0, docs = new Array(gaps.length);
    for (var j = 0; j < gaps.length; j++) { doc += parseInt(gaps[j], 36); docs[j] = doc; }
    var key = transform ? transform(terms[i]) : terms[i];
    var had = map.get(key);
    if (had === undefined) map.set(key, docs);
    else map.set(key, Array.from(new Set(had.concat(docs))).sort(function (x, y) { return x - y; }));
  }
  return map;
}

/* "a:b,c|d:e" → ["a b", "a c", "d e"] */
function pairsOf(grouped) {
  var out = [];
  grouped.split("|").forEach(function (g) {
    var i = g.indexOf(":"), first = g.slice(0, i);
    g.slice(i + 1).split(",").forEach(function (second) { out.push(first + " " + second); });
  });
  return out;
}

function Engine(data) {
  var self = this;
  this.docs = data.d.map(function (r) {
    return { location: r[0], title: r[1], summary: r[2],
             keywords: r[3] ? r[3].split("\n") : [], headings: r[4] ? r[4].split("\n") : [],
             kind: r[5] || 0 };
  });
  this.N = this.docs.length;
  /* Cards (fields 0-3): Map(key → [doc, fieldMask, doc, fieldMask, ...]) built in doc order */
  this.ue = new Map(); this.uf = new Map(); this.bf = new Map();
  this.docs.forEach(function (doc, n) {
    var fields = [[doc.title], doc.keywords, [doc.summary], doc.headings];
    for (var f = 0; f < fields.length; f++) {
      var mask = 1 << f;
      for (var k = 0; k < fields[f].length; k++) {
        var ts = tokens(fields[f][k]);
        for (var i = 0; i < ts.length; i++) {
          post(self.ue, ts[i].e, n, mask);
          post(self.uf, ts[i].f, n, mask);
          if (i > 0) post(self.bf, ts[i - 1].f + " " + ts[i].f, n, mask);
        }
      }
    }
  });
  /* Body (field 4): Map(key → [doc, ...]) */
  var words = data.w ? data.w.split(" ") : null;
  this.be = decodeLists(words, data.wp, null);
  this.bodyF = decodeLists(words, data.wp, foldKey);
  this.bb = decodeLists(data.b ? pairsOf(data.b) : null, data.bp, null);
  var vocab = new Set(this.uf.keys());
  this.bodyF.forEach(function (_, k) { vocab.add(k); });
  this.vocab = Array.from(vocab).sort();
  /* the same words by length, for slip tolerance */
  this.byLength = [];
  this.vocab.forEach(function (v) { (self.byLength[v.length] = self.byLength[v.length] || []).push(v); });
  this.help = data.h || {};
  this.fixCache = new Map();
  /* folded key → the exact spellings behind it */
  this.variants = new Map();
  var addVariant = function (_, e) {
    var f = foldKey(e), list = self.variants.get(f);
    if (list === undefined) self.variants.set(f, [e]); else if (list.indexOf(e) < 0) list.push(e);
  };
  this.ue.forEach(addVariant);
  this.be.forEach(addVariant);
  /* Guide keywords: first folded word → [[doc, [folded words]]] */
  this.kw = new Map();
  this.docs.forEach(function (doc, n) {
    doc.keywords.forEach(function (k) {
      var f = tokens(k).map(function (t) { return t.f; });
      if (!f.length) return;
      var list = self.kw.get(f[0]) || [];
      list.push([n, f]);
      self.kw.set(f[0], list);
    });
  });
  /* Synonyms: phrase (folded words) → its group's other phrases (of every group it is in).
   * Abbreviations (config/abbreviations.yml, merged into the groups at build time) stand for
   * their phrases at full weight. */
  this.syn = new Map();
  this.synWords = new Set();              /* words of the shared lists: part of the vocabulary, never "corrected" */
  /* Tasks the site has no guide for yet (config/not-covered.yml): each phrase's exact word keys */
  this.gaps = (data.u || []).map(function (p) {
    var g = tokens(p).map(function (t) { return t.e; });
    g.text = p;                             /* as the list writes it, for the notice */
    return g;
  }).filter(function (g) { return g.length; });
  this.gaps.forEach(function (g) {
    g.f = g.map(foldKey);                   /* compared first: most words fail on it, cheaply */
    g.f.forEach(function (f) { self.synWords.add(f); });
  });
  this.gapOther = new Set(data.uo || []);   /* their folded pairs a card spells otherwise ("bao mat") */
  this.gapSplit = typeof data.ug === "number" ? data.ug : -1;   /* see splitTyped */
  this.fill = new Set((data.uf || []).map(exactKey));        /* see unfilled */
  var abbr = new Set((data.a || []).map(function (a) { return tokens(a).map(function (t) { return t.f; }).join(" "); }));
  (data.s || []).forEach(function (group) {
    var phrases = group.map(function (p) { return tokens(p); }).filter(function (t) { return t.length; });
    phrases.forEach(function (ph) {
      var head = ph[0].f, list = self.syn.get(head) || [], words = ph.map(function (t) { return t.f; });
      words.forEach(function (w) { self.synWords.add(w); });
      var alts = phrases.filter(function (o) { return o !== ph; });
      var same = list.filter(function (e) { return e.words.join(" ") === words.join(" "); })[0];
      if (same) { same.alts = same.alts.concat(alts); return; }
      list.push({ words: words, alts: alts, abbr: abbr.has(words.join(" ")) });
      self.syn.set(head, list);
    });
  });
}

function bestWeight(mask) {
  for (var f = 0; f < W.length; f++) if (mask & (1 << f)) return W[f];
  return 0;
}

/* cov[doc] = max(cov[doc], c) over a card list and a body list */
function credit(cov, card, body, c) {
  var i;
  if (card) for (i = 0; i < card.length; i += 2) if (c > cov[card[i]]) cov[card[i]] = c;
  if (body) for (i = 0; i < body.length; i++) if (c > cov[body[i]]) cov[body[i]] = c;
}

/* out[doc] = max(out[doc], weight) over a card list and a body list; inCard[doc] = 1 for cards */
function raise(out, card, body, factor, inCard) {
  var i, w;
  if (card) for (i = 0; i < card.length; i += 2) {
    w = bestWeight(card[i + 1]) * factor;
    if (w > out[card[i]]) out[card[i]] = w;
    if (inCard) inCard[card[i]] = 1;
  }
  if (body) { w = W[4] * factor; for (i = 0; i < body.length; i++) if (w > out[body[i]]) out[body[i]] = w; }
}

Engine.prototype.idf = function (df) {
  return Math.log(1 + this.N / (1 + df));
};

Engine.prototype.docFreq = function (f) {
  var c = this.uf.get(f), b = this.bodyF.get(f);
  return Math.min(this.N, (c ? c.length / 2 : 0) + (b ? b.length : 0));
};

/* Site words one or two slips away from a word the site does not have: [[word, distance]].
 * One slip for words of 4+ letters, two for 8+; only the nearest, the most used first. */
Engine.prototype.fixes = function (f) {
  var hit = this.fixCache.get(f);             /* each keystroke searches the whole query again */
  if (hit !== undefined) return hit;
  var best = [], bestD = 3, self = this;
  for (var len = Math.max(1, f.length - 2); len <= f.length + 2; len++) {
    var list = this.byLength[len];
    if (!list) continue;
    var max = Math.min(f.length, len) >= 8 ? 2 : Math.max(f.length, len) >= 4 ? 1 : 0;
    if (!max) continue;
    for (var i = 0; i < list.length; i++) {
      var d = slips(f, list[i], Math.min(max, bestD));
      if (d > Math.min(max, bestD)) continue;
      if (d < bestD) { best = []; bestD = d; }
      best.push(list[i]);
    }
  }
  best.sort(function (a, b) { return self.docFreq(b) - self.docFreq(a) || (a < b ? -1 : 1); });
  hit = best.slice(0, MAX_FIXES).map(function (v) { return [v, bestD]; });
  if (this.fixCache.size > 5000) this.fixCache.clear();
  this.fixCache.set(f, hit);
  return hit;
};

/* Score of one query word for every doc: Float64Array (0 = no match) */
Engine.prototype.wordScores = function (tok, prefix) {
  var N = this.N, out = new Float64Array(N), cov = tok.cov = new Float64Array(N);
  var inCard = tok.inCard = new Uint8Array(N);
  tok.paired = new Uint8Array(N);
  var df = this.docFreq(tok.f), idf = this.idf(df), vs = this.variants.get(tok.f) || [];
  var slip = tok.slips || 0;                  /* a corrected word: below every exact or folded match */
  for (var x = 0; x < vs.length; x++) {
    var factor = vs[x] === tok.e ? EXACT : fits(tok.e, vs[x]) ? FOLDED : CLASH;
    raise(out, this.ue.get(vs[x]), this.be.get(vs[x]), factor * FIXED[slip] * idf, inCard);
    credit(cov, this.ue.get(vs[x]), this.be.get(vs[x]), (factor === CLASH ? CLASH : 1) * FIXED_COV[slip]);
  }
  tok.known = df > 0;
  tok.idf = idf;
  tok.stop = tok.asking || STOP_EXACT.has(tok.e) || (tok.e === tok.f && STOP_FOLDED.has(tok.f));
  if (prefix && tok.f.length >= 1) {
    var lo = 0, hi = this.vocab.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (this.vocab[mid] < tok.f) lo = mid + 1; else hi = mid; }
    for (var k = lo, n = 0; k < this.vocab.length && n < MAX_PREFIX; k++) {
      var v = this.vocab[k];
      if (v.lastIndexOf(tok.f, 0) !== 0) break;
      if (v === tok.f) continue;
      n++;
      tok.known = true;
      var pidf = this.idf(this.docFreq(v));
      raise(out, this.uf.get(v), this.bodyF.get(v), PREFIX * pidf, inCard);
      credit(cov, this.uf.get(v), this.bodyF.get(v), 1);
      if (pidf > tok.idf) tok.idf = pidf;
    }
  }
  return out;
};

/* Phrase bonus for two adjacent words (complete words only) */
Engine.prototype.pairScores = function (a, b, acc, factor) {
  /* The index lists a body pair only for docs whose card lacks it: add both lists directly. */
  var key = a.f + " " + b.f, card = this.bf.get(key), body = this.bb.get(key), i;
  var w = BIGRAM * factor * (a.idf + b.idf) / 2;
  if (card) for (i = 0; i < card.length; i += 2) { acc[card[i]] += bestWeight(card[i + 1]) * w; pair(a, b, card[i]); }
  if (body) for (i = 0; i < body.length; i++) { acc[body[i]] += W[4] * w; pair(a, b, body[i]); }
};

/* the two words stand side by side in doc n (for the relevance floor) */
function pair(a, b, n) {
  if (a.paired) a.paired[n] = 1;
  if (b.paired) b.paired[n] = 1;
}

/* Bonus for guide keywords found whole in a word sequence; the last word may be a prefix. */
Engine.prototype.keyphrases = function (toks, lastIsPrefix, acc, factor) {
  for (var i = 0; i < toks.length; i++) {
    var cands = this.kw.get(toks[i].f);
    if (!cands) continue;
    for (var c = 0; c < cands.length; c++) {
      var doc = cands[c][0], words = cands[c][1], ok = i + words.length <= toks.length, idf = 0;
      for (var j = 0; ok && j < words.length; j++) {
        var t = toks[i + j], last = lastIsPrefix && i + j === toks.length - 1;
        ok = t.f === words[j] || (last && t.f.length >= 2 && words[j].lastIndexOf(t.f, 0) === 0);
        idf += t.idf || 0;
      }
      if (ok) acc[doc] += W[1] * KEYPHRASE * idf * factor;
    }
  }
};

/* Docs holding every adjacent pair of a phrase (Uint8Array), or null for a one-word phrase */
Engine.prototype.phraseDocs = function (toks) {
  if (toks.length < 2) return null;
  var count = new Uint8Array(this.N), i, k, need = toks.length - 1;
  for (k = 1; k < toks.length; k++) {
    var key = toks[k - 1].f + " " + toks[k].f, card = this.bf.get(key), body = this.bb.get(key);
    if (card) for (i = 0; i < card.length; i += 2) count[card[i]]++;
    if (body) for (i = 0; i < body.length; i++) count[body[i]]++;
  }
  for (i = 0; i < count.length; i++) count[i] = count[i] >= need ? 1 : 0;
  return count;
};

/* Query words → segments; a segment is one word or a synonym phrase with its alternatives.
 * Of the ways to cut the query, take the one whose synonym phrases cover the most words (then
 * the fewest segments, then the earliest phrase): "bán hàng qua mạng xã hội" → … qua,
 * [mạng xã hội], not [qua mạng], xã, hội; "nộp tiền điện" → [nộp tiền], điện. */
Engine.prototype.segments = function (toks) {
  var n = toks.length, best = new Array(n + 1), i, c, j;
  best[n] = { covered: 0, count: 0, seg: null, next: n };
  for (i = n - 1; i >= 0; i--) {
    var opts = [{ len: 1, alts: [] }], cands = this.syn.get(toks[i].f) || [];
    for (c = 0; c < cands.length; c++) {
      var w = cands[c].words, ok = i + w.length <= n;
      for (j = 0; ok && j < w.length; j++) ok = toks[i + j].f === w[j];
      if (ok) opts.push({ len: w.length, alts: cands[c].alts, phrase: true, abbr: cands[c].abbr });
    }
    best[i] = null;
    for (c = 0; c < opts.length; c++) {
      var rest = best[i + opts[c].len];
      var cand = { covered: rest.covered + (opts[c].phrase ? opts[c].len : 0), count: rest.count + 1,
                   seg: opts[c], next: i + opts[c].len };
      if (!best[i] || cand.covered > best[i].covered ||
          (cand.covered === best[i].covered && (cand.count < best[i].count ||
           (cand.count === best[i].count && opts[c].phrase && !best[i].seg.phrase)))) best[i] = cand;
    }
  }
  var segs = [];
  for (i = 0; i < n; i = best[i].next)
    segs.push({ toks: toks.slice(i, best[i].next), alts: best[i].seg.alts, abbr: best[i].seg.abbr });
  return segs;
};

/* Score of a word sequence per doc: [scores, coverage fraction] */
Engine.prototype.seqScores = function (toks, lastIsPrefix) {
  var N = this.N, sum = new Float64Array(N), hits = new Float64Array(N);
  for (var i = 0; i < toks.length; i++) {
    var s = this.wordScores(toks[i], lastIsPrefix && i === toks.length - 1);
    var sw = toks[i].stop ? STOP : 1;
    for (var d = 0; d < N; d++) if (s[d] > 0) { sum[d] += s[d] * sw; hits[d] += toks[i].cov[d]; }
  }
  /* the last word may still be growing, but if it is already whole it forms a pair too */
  for (var k = 1; k < toks.length; k++) this.pairScores(toks[k - 1], toks[k], sum, 1);
  for (var e = 0; e < N; e++) hits[e] /= toks.length;
  return [sum, hits];
};

/* How many words a sequence weighs: little words count STOP (run wordScores first) */
function heft(toks) {
  var h = 0;
  for (var i = 0; i < toks.length; i++) h += toks[i].stop ? STOP : 1;
  return h;
}

/* Two typed pieces the site writes as one word ("vn eid" → VNeID, "tik tok" → TikTok): joined
 * when the joined word is on the site and one of the pieces is not. */
Engine.prototype.join = function (toks) {
  var out = [];
  for (var i = 0; i < toks.length; i++) {
    var a = toks[i], b = toks[i + 1];
    if (b && (this.docFreq(a.f) === 0 || this.docFreq(b.f) === 0)) {
      var j = tokens(a.s + b.s)[0];
      if (j && j.f.length >= 4 && this.docFreq(j.f) > 0) {
        j.start = a.start; j.end = b.end;
        out.push(j); i++; continue;
      }
    }
    out.push(a);
  }
  return out;
};

/* Query words the site does not have, rescued: telex or VNI keys decoded ("tieenf" → tiền; into a
 * word of the site or of the shared lists, "ruts" → rút of "rút bảo hiểm xã hội"), then
 * pieces joined ("vn eid"), then slips corrected ("ccuu" → cứu; the nearest site word, preferring
 * one that stands beside both neighbouring query words somewhere on the site, then beside one
 * ("quét khôn mặt": khuôn, not không), then the most used).
 * A word on the site is never changed; nor is the last word while it may still be growing. */
Engine.prototype.rescue = function (toks, prefix) {
  var self = this;
  toks.forEach(function (t) {
    if (self.docFreq(t.f) > 0 || self.synWords.has(t.f)) return;
    var k = decodeIME(t.s);
    if (k && (self.docFreq(foldKey(k)) > 0 || self.synWords.has(foldKey(k)))) { t.e = k; t.f = foldKey(k); }
  });
  toks = this.join(toks);
  ASKING.forEach(function (p) {
    for (var i = 0; i + p.length <= toks.length; i++) {
      for (var j = 0; j < p.length && toks[i + j].f === p[j]; j++);
      if (j === p.length) for (j = 0; j < p.length; j++) toks[i + j].asking = true;
    }
  });
  for (var i = 0; i < toks.length; i++) {
    var t = toks[i];
    if (this.docFreq(t.f) > 0 || t.asking || this.synWords.has(t.f) || STOP_FOLDED.has(t.f) || STOP_EXACT.has(t.e)) continue;
    if (prefix && i === toks.length - 1 && this.completes(t.f)) continue;
    var fx = this.fixes(t.f);
    if (!fx.length) continue;
    var near = [toks[i - 1], toks[i + 1]], best = fx[0], most = 0;
    for (var c = 0; c < fx.length && most < 2; c++) {
      var sides = (near[0] && this.hasPair(near[0].f, fx[c][0]) ? 1 : 0) + (near[1] && this.hasPair(fx[c][0], near[1].f) ? 1 : 0);
      if (sides > most) { best = fx[c]; most = sides; }
    }
    t.f = t.e = best[0];
    t.slips = best[1];
  }
  return toks;
};

Engine.prototype.hasPair = function (a, b) {
  return this.bf.has(a + " " + b) || this.bb.has(a + " " + b);
};

/* Is f the beginning of a longer site word? */
Engine.prototype.completes = function (f) {
  var lo = 0, hi = this.vocab.length;
  while (lo < hi) { var mid = (lo + hi) >> 1; if (this.vocab[mid] < f) lo = mid + 1; else hi = mid; }
  return lo < this.vocab.length && this.vocab[lo] !== f && this.vocab[lo].lastIndexOf(f, 0) === 0 ||
         lo + 1 < this.vocab.length && this.vocab[lo + 1].lastIndexOf(f, 0) === 0;
};

Engine.prototype.search = function (query) {
  var self = this;
  var prefix = !/\s$/.test(query);
  var typed = tokens(query), toks = this.rescue(typed.slice(0, MAX_WORDS), prefix && typed.length <= MAX_WORDS);
  if (!toks.length) return { items: [] };
  /* the not-covered list reads every word: a long question may name its task last */
  var every = typed.length > MAX_WORDS ? toks.concat(this.rescue(typed.slice(MAX_WORDS), prefix)) : toks;
  var N = this.N, score = new Float64Array(N), covered = new Float64Array(N), total = 0;
  var segs = this.segments(toks);
  for (var s = 0; s < segs.length; s++) {
    var seg = segs[s], last = s === segs.length - 1;
    var r = this.seqScores(seg.toks, prefix && last);
    var best = r[0], cov = r[1];
    seg.altCov = seg.alts.length ? new Float64Array(N) : null;
    for (var a = 0; a < seg.alts.length; a++) {
      var ra = this.seqScores(seg.alts[a], false), whole = this.phraseDocs(seg.alts[a]);
      /* a longer alternative must not outweigh the words it stands for; an abbreviation stands
       * for its phrase whole */
      var scale = seg.abbr ? 1 : SYNONYM * Math.min(1, heft(seg.toks) / heft(seg.alts[a]));
      for (var d = 0; d < N; d++) {
        var part = whole === null || whole[d] ? 1 : SCATTERED;
        var v = ra[0][d] * scale * part;
        if (v > best[d]) best[d] = v;
        if (ra[1][d] * part > cov[d]) cov[d] = ra[1][d] * part;
        if (ra[1][d] * part > seg.altCov[d]) seg.altCov[d] = ra[1][d] * part;
      }
    }
    var known = seg.alts.length > 0 || seg.toks.some(function (t) { return t.known; });
    /* coverage: the share of the resident's words found (little words count 0.25, unknown 0) */
    var weight = known ? Math.max.apply(null, seg.toks.map(function (t) {
      return t.stop && !seg.alts.length ? STOP : 1;
    })) : 0;
    seg.weight = weight;
    total += weight;
    for (var e = 0; e < N; e++) { score[e] += best[e]; covered[e] += cov[e] * weight; }
  }
  /* Adjacent words across segments (e.g. "tiền" + "điện" when one was a synonym phrase) */
  for (var b = 1; b < toks.length; b++) {
    var inSame = false;
    for (var g = 0; g < segs.length; g++)
      if (segs[g].toks.indexOf(toks[b - 1]) >= 0 && segs[g].toks.indexOf(toks[b]) >= 0) inSame = true;
    if (!inSame) this.pairScores(toks[b - 1], toks[b], score, 1);
  }
  /* ... and a word next to a synonym phrase, with the phrase's alternatives ("cài" + "phần mềm"
   * counts where a guide says "cài ứng dụng") */
  var pbest = null, tmp = null;
  for (var j = 1; j < segs.length; j++) {
    var left = segs[j - 1], right = segs[j], pairs = [];
    right.alts.forEach(function (alt) { pairs.push([left.toks[left.toks.length - 1], alt[0]]); });
    left.alts.forEach(function (alt) { pairs.push([alt[alt.length - 1], right.toks[0]]); });
    if (!pairs.length) continue;
    if (!pbest) { pbest = new Float64Array(N); tmp = new Float64Array(N); } else pbest.fill(0);
    for (var pi = 0; pi < pairs.length; pi++) {          /* the best alternative only, not their sum */
      tmp.fill(0);
      this.pairScores(pairs[pi][0], pairs[pi][1], tmp, SYNONYM);
      for (var pd = 0; pd < N; pd++) if (tmp[pd] > pbest[pd]) pbest[pd] = tmp[pd];
    }
    for (var pe = 0; pe < N; pe++) score[pe] += pbest[pe];
  }
  this.keyphrases(toks, prefix, score, 1);
  for (var sg = 0; sg < segs.length; sg++)
    for (var al = 0; al < segs[sg].alts.length; al++) this.keyphrases(segs[sg].alts[al], false, score, SYNONYM);
  var firm = this.firmness(segs), ranked = [], guesses = [];
  for (var n = 0; n < N; n++) {
    if (score[n] <= 0) continue;
    var c = total > 0 ? covered[n] / total : 1;
    var final = score[n] * (0.15 + 0.85 * c * c) * KIND[this.docs[n].kind || 0] *
                (toks.length >= FIRM_WORDS ? Math.pow(firm[n], FIRM_POW) : 1);
    if (firm[n] > FLOOR) ranked.push([n, final]);
    else if (firm[n] >= GUESS && !this.docs[n].kind) guesses.push([n, final]);
  }
  var order = function (x, y) { return y[1] - x[1] || x[0] - y[0]; };
  /* No match, the honest answer with the guides that match best only as guesses, for a task the
   * site has no guide for yet ("rút bhxh một lần" is not the VssID guide), or where a guide below
   * the floor outweighs the best match OUTWEIGH times: in a long question a little of it can clear
   * the floor by chance ("… người ta gọi … lên với?" is not the marketplace guide when the phone
   * guide holds its point, "kêu nhỏ xíu", just below) */
  var gap = this.gap(every, segs);
  var top = Math.max.apply(null, ranked.map(function (x) { return x[1]; }));
  if (ranked.length && (gap || guesses.some(function (x) { return x[1] > OUTWEIGH * top; }))) {
    guesses = guesses.concat(ranked.filter(function (x) { return !self.docs[x[0]].kind; }));
    ranked = [];
  }
  if (!ranked.length && !gap && toks.length >= LONG_WORDS && guesses.length) {
    guesses.sort(order);
    if (firm[guesses[0][0]] >= LONG_FIRM && !(guesses[1] && guesses[0][1] < STANDOUT * guesses[1][1]))
      ranked = guesses.splice(0, 1);
  }
  ranked.sort(order);
  /* Site pages never answer on their own when a guide scores higher below the floor: the
   * honest notice, with that guide among the guesses ("lltp mất bao lâu" is not the poster page) */
  if (ranked.length && ranked.every(function (x) { return self.docs[x[0]].kind; }) &&
      guesses.some(function (x) { return x[1] > ranked[0][1]; })) ranked = [];
  if (ranked.length) {
    var floor = ranked[0][1] * 0.04;
    ranked = ranked.filter(function (x) { return x[1] >= floor; });
  }
  var matcher = this.matcher(segs, prefix);
  var item = function (x) { var it = self.item(x[0], x[1], matcher); it.firm = Math.round(firm[x[0]] * 100) / 100; return [it]; };
  if (ranked.length) return { items: ranked.slice(0, MAX_RESULTS).map(item) };
  /* Nothing clears the floor: say so, with the commune's help, the topics and a way to ask for
   * a guide; close guesses under their own heading, never as matches. */
  guesses = guesses.sort(order).slice(0, MAX_GUESSES);
  return { items: [[this.notFound(query.trim(), guesses.length > 0, gap)]].concat(guesses.map(item)) };
};

/* The first phrase of config/not-covered.yml found in the query, word by word or through a
 * chat abbreviation ("rút bhxh" = "rút bảo hiểm xã hội"), or null. Each word may be typed with
 * fewer marks ("bao hiem" fits "bảo hiểm"), but two such words never match where a page's card
 * writes them side by side for something else ("bao mat dien thoai" is "bảo mật", not "báo mất
 * điện"; the index lists those pairs, `uo`). */
Engine.prototype.gap = function (toks, segs) {
  var abbr = segs.some(function (seg) { return seg.abbr; }), self = this;
  var spelled = abbr && this.gapSplit >= 0 ? this.spellings(segs) : [];
  var ways = [toks].concat(spelled).map(function (t) { return self.unfilled(t); }).filter(function (t) { return t; });
  var typedAt = function (ts, gap) {
    for (var i = 0; i + gap.length <= ts.length; i++)
      if (self.typed(ts, i, gap, 0, gap.length) && !self.claimed(ts, i, gap.length)) return true;
    return false;
  };
  for (var g = 0; g < this.gaps.length; g++) {
    var gap = this.gaps[g];
    if (typedAt(toks, gap)) return gap;
    for (var s = 0; abbr && s < segs.length; s++) if (this.gapFrom(segs, s, gap, 0)) return gap;
    if (this.gapSplit >= 0 && (this.splitTyped(toks, gap) ||
        spelled.some(function (t) { return self.splitTyped(t, gap); }))) return gap;
    if (ways.some(function (t) { return typedAt(t, gap); })) return gap;
  }
  return null;
};

/* The words typed with those that only count things left out ("một", "cái", "ít", …: the index's
 * `uf`, not_covered.FILL), or null where there are none: "mở một cái tài khoản ngân hàng" holds
 * "mở tài khoản ngân hàng" whole */
Engine.prototype.unfilled = function (toks) {
  var fill = this.fill, out = toks.filter(function (t) { return !fill.has(t.e); });
  return out.length < toks.length && out.length >= 2 ? out : null;
};

/* toks[i..i+n) lie inside a longer guide keyword typed whole: the guide claims that narrower task
 * ("dọa cúp điện" is the scam guide's, though "cúp điện" alone is listed as not covered) */
Engine.prototype.claimed = function (toks, i, n) {
  for (var s = i; s >= 0; s--) {
    var cands = this.kw.get(toks[s].f) || [];
    for (var c = 0; c < cands.length; c++) {
      var words = cands[c][1], ok = words.length > n && s + words.length >= i + n && s + words.length <= toks.length;
      for (var j = 0; ok && j < words.length; j++) ok = toks[s + j].f === words[j];
      if (ok) return true;
    }
  }
  return false;
};

/* The query spelled with its chat abbreviations written out, each way (at most SPELLINGS), the
 * typed spelling left out: "quên mk app ngân hàng" is also "quên mật khẩu app ngân hàng" */
Engine.prototype.spellings = function (segs) {
  var out = [[]], any = false;
  segs.forEach(function (seg) {
    var ways = seg.abbr ? [seg.toks].concat(seg.alts) : [seg.toks], next = [];
    any = any || seg.abbr;
    out.forEach(function (pre) {
      ways.forEach(function (w) { if (next.length < SPELLINGS) next.push(pre.concat(w)); });
    });
    out = next;
  });
  return any ? out.slice(1) : [];
};

/* A phrase of four words or more typed as two parts of two words or more, in either order, at most
 * `gapSplit` words apart (not_covered.SPLIT_GAP): "app ngân hàng bà quên mật khẩu" holds "quên
 * mật khẩu ngân hàng", "mất thẻ căn cước làm lại" holds "làm lại căn cước". */
Engine.prototype.splitTyped = function (toks, gap) {
  for (var k = 2; k + 2 <= gap.length; k++) {
    var firsts = [];
    for (var x = 0; x + k <= toks.length; x++) if (this.typed(toks, x, gap, 0, k)) firsts.push(x);
    for (var y = 0; firsts.length && y + gap.length - k <= toks.length; y++) {
      if (!this.typed(toks, y, gap, k, gap.length - k)) continue;
      for (var i = 0; i < firsts.length; i++) {
        var apart = firsts[i] + k <= y ? y - firsts[i] - k : y + gap.length - k <= firsts[i] ? firsts[i] - y - gap.length + k : -1;
        if (apart >= 0 && apart <= this.gapSplit) return true;
      }
    }
  }
  return false;
};

/* toks[i..i+n) spell gap[k..k+n) */
Engine.prototype.typed = function (toks, i, gap, k, n) {
  for (var j = 0; j < n; j++) {
    if (toks[i + j].f !== gap.f[k + j] || !fits(toks[i + j].e, gap[k + j])) return false;
    if (j > 0 && this.otherPair(toks[i + j - 1], toks[i + j], gap[k + j - 1], gap[k + j])) return false;
  }
  return true;
};

/* two words typed with fewer marks than the phrase's, side by side in a card with other marks */
Engine.prototype.otherPair = function (a, b, ga, gb) {
  return (a.e !== ga || b.e !== gb) && this.gapOther.has(a.f + " " + b.f);
};

/* gap[k..] spelled by segments s, s+1, …: the words typed (the phrase may end inside them), or
 * the phrase an abbreviation stands for; prev: the word typed just before, if it spelled gap[k-1] */
Engine.prototype.gapFrom = function (segs, s, gap, k, prev) {
  if (k === gap.length) return true;
  if (s >= segs.length) return false;
  var seg = segs[s], n = Math.min(seg.toks.length, gap.length - k);
  if ((n === seg.toks.length || k + n === gap.length) && this.typed(seg.toks, 0, gap, k, n) &&
      !(prev && this.otherPair(prev, seg.toks[0], gap[k - 1], gap[k])) &&
      this.gapFrom(segs, s + 1, gap, k + n, seg.toks[n - 1])) return true;
  for (var a = 0; seg.abbr && a < seg.alts.length; a++) {
    var alt = seg.alts[a];
    if (k + alt.length <= gap.length && this.typed(alt, 0, gap, k, alt.length) &&
        this.gapFrom(segs, s + 1, gap, k + alt.length, null)) return true;
  }
  return false;
};

/* For each doc, the share of the query it holds firmly (see FLOOR): words the site does not know
 * count against it, little words count STOP. */
Engine.prototype.firmness = function (segs) {
  var N = this.N, firm = new Float64Array(N), total = 0, i, d;
  /* a piece of one or two letters the site does not know weighs as a little word ("kich ho ") */
  var light = function (t) { return t.stop || (!t.known && t.f.length <= 2); };
  var weights = segs.map(function (seg) {
    return seg.toks.reduce(function (h, t) { return h + (light(t) ? STOP : 1); }, 0);
  });
  var solo = weights.filter(function (w) { return w >= 1; }).length <= 1 && weights.every(function (w) { return w <= 1; });
  var rare = Math.max(2, RARE * N), self = this;
  for (var s = 0; s < segs.length; s++) {
    var seg = segs[s], toks = seg.toks, heftAll = weights[s];
    var isRare = toks.map(function (t) { return self.docFreq(t.f) <= rare; });
    var w = toks.map(function (t) { return light(t) ? STOP : 1; });
    total += weights[s];
    for (d = 0; d < N; d++) {
      var f = 0;
      for (i = 0; i < toks.length; i++) {
        var t = toks[i];
        if (!t.cov || !t.cov[d]) continue;
        var hold = solo || t.paired[d] ? 1 : isRare[i] ? (t.inCard[d] ? 1 : LOOSE) : t.inCard[d] ? LOOSE : BODY;
        f += w[i] * t.cov[d] * hold;
      }
      f /= heftAll;
      if (seg.altCov && seg.altCov[d] > f) f = seg.altCov[d];
      firm[d] += weights[s] * f;
    }
  }
  for (d = 0; d < N; d++) firm[d] = total > 0 ? firm[d] / total : 0;
  return firm;
};

/* The query as the notice repeats it: a long spoken question by its first clause of ECHO_MIN to
 * ECHO_MAX words ("Cháu ơi, thằng con trai bác sắp cưới vợ…"); whole, it filled a phone's screen
 * and pushed the guesses below the fold. The request for a new guide keeps every word. */
function echo(query) {
  var words = query.split(/\s+/), n = ECHO_MAX;
  if (words.length <= ECHO_MAX + 2) return query;
  for (var i = ECHO_MIN - 1; i < ECHO_MAX; i++) if (/[,.;:!?…]$/.test(words[i])) { n = i + 1; break; }
  return words.slice(0, n).join(" ").replace(/[,.;:!?…]+$/, "") + "…";
}

/* The honest answer when nothing matches: a result item in Material's list (sotay.js keeps it out
 * of Material's count of matches). */
Engine.prototype.notFound = function (query, guesses, gap) {
  var h = this.help, root = this.root || "/", html = "";
  /* a task the list names: say which, and that the guesses are not it */
  if (gap) html += "<p>Việc <strong>“" + escapeHTML(gap.text) + "”</strong> chưa có hướng dẫn trên trang này." +
    (guesses ? " Các bài dưới đây chỉ gần giống, không phải hướng dẫn cho việc này." : "") + "</p>";
  var place = h.desk ? " hoặc đến <strong>" + escapeHTML(h.desk) + "</strong>" +
    (h.address ? " (" + escapeHTML(h.address) + ")" : "") : "";
  if (h.team) html += "<p>Hãy hỏi <strong>" + escapeHTML(h.team) + "</strong> ở thôn của bạn" + place + ".</p>";
  if (h.hours) html += "<p>Giờ làm việc: " + escapeHTML(h.hours) + ".</p>";
  if (h.hotline) html += '<p>Gọi điện: <a href="tel:' + escapeHTML(h.hotline.replace(/\s/g, "")) + '">' +
    escapeHTML(h.hotline) + "</a></p>";
  if (h.topics && h.topics.length) html += "<p>Các chủ đề đã có: " + h.topics.map(function (t) {
    return '<a href="' + escapeHTML(root + t[0]) + '">' + escapeHTML(t[1]) + "</a>";
  }).join(", ") + ".</p>";
  if (h.ask) html += '<p><a href="' + escapeHTML(h.ask + "&topic=" + encodeURIComponent(query) + "&title=" +
    encodeURIComponent("[Đề xuất] " + query)) + '" rel="noopener">Đề nghị viết hướng dẫn này</a></p>';
  if (guesses) html += '<p class="sotay-search-guess"><strong>Có thể bạn cần:</strong></p>';
  /* Its link is the home page (every topic, and the same help); Enter (Material opens the
   * highest score) goes there, not to a guess. */
  return { location: root, title: "Chưa có hướng dẫn cho “" + escapeHTML(echo(query)) + "”",
           text: '<div class="sotay-search-none">' + html + "</div>", score: NOTICE, terms: {}, none: true };
};

/* What to highlight: the query's own words (the last one also as a prefix), and synonym
 * phrases only where the whole phrase stands in the text. Returns (tokens) → [marked?]. */
Engine.prototype.matcher = function (segs, prefix) {
  var words = new Set(), pre = null, phrases = [];
  segs.forEach(function (seg, s) {
    seg.toks.forEach(function (t, i) {
      if (prefix && s === segs.length - 1 && i === seg.toks.length - 1 && t.f.length >= 1) pre = t.f;
      else if (!t.stop) words.add(t.f);
    });
    seg.alts.forEach(function (alt) { phrases.push(alt.map(function (t) { return t.f; })); });
  });
  return function (ts) {
    var marks = ts.map(function (t) { return words.has(t.f) || (pre !== null && t.f.lastIndexOf(pre, 0) === 0); });
    phrases.forEach(function (ph) {
      for (var i = 0; i + ph.length <= ts.length; i++) {
        var ok = true;
        for (var j = 0; ok && j < ph.length; j++) ok = ts[i + j].f === ph[j];
        if (ok) for (j = 0; j < ph.length; j++) marks[i + j] = true;
      }
    });
    return marks;
  };
};

function highlight(text, match, found) {
  text = text.normalize("NFC");
  var ts = tokens(text), marks = match(ts), html = "", at = 0, hits = 0;
  for (var i = 0; i < ts.length; i++) {
    if (!marks[i]) continue;
    html += escapeHTML(text.slice(at, ts[i].start)) + "<mark>" + escapeHTML(ts[i].s) + "</mark>";
    at = ts[i].end;
    hits++;
    if (found) found.add(ts[i].s);
  }
  return { html: html + escapeHTML(text.slice(at)), hits: hits };
}

/* Result: title and summary with marks, plus the step heading or the keywords that match more. */
Engine.prototype.item = function (n, score, match) {
  var doc = this.docs[n], found = new Set();
  var title = highlight(doc.title, match, found);
  var summary = highlight(doc.summary, match, found);
  var extra = null, line = null;
  /* the few keywords that hold most of the query: a resident reads why it matched, not the whole
   * list (and a shorter list is laid out sooner on each keystroke) */
  var kws = doc.keywords.map(function (k, i) { return { k: k, i: i, hits: highlight(k, match, null).hits }; })
    .filter(function (x) { return x.hits > 0; })
    .sort(function (a, b) { return b.hits - a.hits || a.i - b.i; })
    .slice(0, MAX_KEYWORDS)
    .map(function (x) { return x.k; });
  doc.headings.concat(kws.length ? [kws.join(", ")] : []).forEach(function (l) {
    var h = highlight(l, match, null);
    if (h.hits > 0 && (!extra || h.hits > extra.hits)) { extra = h; line = l; }
  });
  var text = summary.html ? "<p>" + summary.html + "</p>" : "";
  if (extra && extra.hits > summary.hits) text += "<p>" + highlight(line, match, found).html + "</p>";
  var terms = {};
  found.forEach(function (w) { terms[w] = true; });
  return { location: doc.location, title: title.html, text: text, score: score, terms: terms };
};

/* ---- Worker glue ------------------------------------------------------------------------- */

var engine = null, indexURL = null, siteRoot = "/";

/* The index, on the first query (synchronous: the queries typed meanwhile wait their turn).
 * Offline and never cached: null, so no results now and another try on the next query. */
function loadEngine() {
  try {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", indexURL, false);
    xhr.send();
    if (xhr.status === 200) return new Engine(JSON.parse(xhr.responseText));
  } catch (err) { /* network error */ }
  return null;
}

function handle(message) {
  switch (message.type) {
    case 0:
      var docs = message.data.docs;
      engine = docs.d ? new Engine(docs) : null;
      /* docs.src is the index's path from the site root, and this file is
       * <root>/assets/javascripts/…: resolved against the worker's own URL it holds under a
       * sub-path (GitHub Pages project site) and whatever page the search was opened from. */
      indexURL = docs.src && new URL("../../" + docs.src, location.href).href;
      siteRoot = typeof location !== "undefined" ? new URL("../../", location.href).pathname : "/";
      if (engine) engine.root = siteRoot;
      return { type: 1 };
    case 2:
      try {
        var query = String(message.data || "");
        if (!engine && indexURL && tokens(query).length && (engine = loadEngine())) engine.root = siteRoot;
        return { type: 3, data: engine ? engine.search(query) : { items: [] } };
      } catch (err) {
        console.warn("Sổ tay số search: " + err);
        return { type: 3, data: { items: [] } };
      }
    default:
      throw new TypeError("Invalid message type");
  }
}

if (typeof module !== "undefined" && module.exports) {
  module.exports = { exactKey: exactKey, foldKey: foldKey, fits: fits, tokens: tokens, decodeIME: decodeIME,
                     slips: slips, Engine: Engine, handle: handle };
} else if (typeof sotayBoot === "undefined") {      /* not when the built loader imported us */
  addEventListener("message", function (ev) { postMessage(handle(ev.data)); });
}
