// r2p search: queries the index internal/search writes under search/
// (its package doc describes the files). No framework, no build step;
// results are made with DOM text APIs only, so no query or indexed text
// can become markup. Served, it fetch()es JSON; from file:// (an offline
// copy) it inserts <script> elements that call r2pSearchLoad. The script
// is async and searches the URL's query at once; the first links come
// from the term shards ("m"), each snippet after, from the result's page.
(function () {
  "use strict";
  var script = document.currentScript, box, input, results, facetBox, status, more, root, lang, offline;
  function settings(el) {
    root = el.getAttribute("data-root") || "/";
    offline = el.hasAttribute("data-offline") || location.protocol === "file:";
  }
  var ready = new Promise(function (ok) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ok);
    else ok();
  }).then(function () {
    box = document.querySelector("[data-search]");
    if (!box) return new Promise(function () {}); // not the search page: nothing to show
    var $ = function (s) { return box.querySelector(s); };
    input = $("[data-search-input]"); results = $("[data-search-results]"); facetBox = $("[data-search-facets]");
    status = $("[data-search-status]"); more = $("[data-search-more]");
    // The page's language (data-lang, else <html lang>): its docs rank first.
    lang = (box.getAttribute("data-lang") || document.documentElement.lang).toLowerCase().split(/[-_]/)[0];
    input.value = readURL().q;
    input.addEventListener("input", update);
    facetBox.addEventListener("change", update);
    $("form").addEventListener("submit", function (e) { e.preventDefault(); update(); });
    more.addEventListener("click", function () { if (view && !view.busy) page(run); });
  });
  // V maps the character codes of the index's 64 digits to their values.
  var DIG = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_", V = new Uint8Array(128);
  for (var i = 0; i < 64; i++) V[DIG.charCodeAt(i)] = i;
  var FACETS = ["kind", "region", "risk", "year", "lang"], PAGE = 5, MAXIMPACT = 63;
  var labels;
  function label(k, d) {
    if (!labels) {
      labels = {};
      box.querySelectorAll("[data-search-label]").forEach(function (el) {
        labels[el.getAttribute("data-search-label")] = el.textContent;
      });
    }
    return labels[k] || d;
  }
  var names;
  function langName(x) {
    try { return (names = names || new Intl.DisplayNames([lang], { type: "language" })).of(x); } catch (e) { return x; }
  }

  // Loading: one promise per file, so a shard two words share is fetched
  // once; one that failed is fetched again when next asked for.
  var files = {}, waiting = {};
  window.r2pSearchLoad = function (name, data) {
    if (waiting[name]) waiting[name](data);
    delete waiting[name];
  };
  function load(name) {
    var p = files[name];
    if (!p) (p = files[name] = offline ? new Promise(function (ok, fail) {
      waiting[name] = ok;
      var s = document.createElement("script");
      s.src = root + "search/" + name + ".js";
      s.onerror = fail;
      document.head.appendChild(s);
    }) : fetch(root + "search/" + name + ".json").then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    })).catch(function () { delete files[name]; });
    return p;
  }

  // Text as the index sees it; internal/search/fold.go does the same:
  // marks and tatweel go (but и with a breve is й), Arabic letter forms
  // and digits are normalised.
  var SPECIAL = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "ð": "d", "þ": "th", "ς": "σ", "ٱ": "ا", "ة": "ه", "ى": "ي" };
  function fold(s) {
    return s.normalize("NFD").replace(/([иИ])\u0306|[\p{Mn}\u0640]/gu, function (m, i) { return i ? "й" : ""; }).toLowerCase()
      .replace(/[ßæœøđłıðþςٱةى٠-٩۰-۹]/g, function (c) { return SPECIAL[c] || c.charCodeAt(0) % 16; });
  }
  // Han and kana runs are tokens of their own, indexed as their bigrams.
  var C = "\\p{sc=Han}\\p{sc=Hira}\\p{sc=Kana}ー", CJK = new RegExp("[" + C + "]", "u"),
    RUNS = new RegExp("[" + C + "]+|[^" + C + "]+", "gu");
  function words(s) {
    var out = [];
    (fold(s).match(/[\p{L}\p{N}]+/gu) || []).forEach(function (w) {
      w.match(RUNS).forEach(function (r) {
        var c = Array.from(r), i = 1;
        if (!CJK.test(r) || c.length < 2) out.push(r);
        else for (; i < c.length; i++) out.push(c[i - 1] + c[i]);
      });
    });
    return out;
  }
  var enc = new TextEncoder();
  function indexable(w) {
    return enc.encode(w).length <= 40 && (Array.from(w).length > 1 || /\p{N}/u.test(w) || CJK.test(w));
  }
  // lower returns the first index in sorted list a whose item is >= w.
  function lower(a, w) {
    var lo = 0, hi = a.length;
    while (lo < hi) { var m = (lo + hi) >> 1; if (a[m] < w) lo = m + 1; else hi = m; }
    return lo;
  }
  function shardOf(man, w) {
    var i = lower(man.s, w);
    return i < man.s.length && man.s[i] === w ? i : Math.max(i - 1, 0);
  }
  // A shard's words as a list, each with its stems (a word stemmed apart
  // in two languages has two), and its docs' links added to heads, once.
  var heads = {};
  function shard(i) {
    return load("t/" + i).then(function (sh) {
      if (!sh.W) {
        sh.W = sh.w ? sh.w.split(" ") : [];
        sh.S = sh.s.map(function (v) { return [].concat(v); });
        (sh.m || []).forEach(function (m) { heads[m[0]] = m.slice(1); });
      }
      return sh;
    });
  }

  // parse splits a query into words and quoted phrases; the last word,
  // while the reader is still typing it, is a prefix.
  function parse(q) {
    var ws = [], phrases = [], parts = q.split('"');
    parts.forEach(function (part, i) {
      var all = words(part);
      if (i % 2 && i < parts.length - 1 && all.length > 1) phrases.push(all);
      // A CJK character alone finds the bigrams it begins.
      all.forEach(function (w) { if (indexable(w)) ws.push({ w: w, prefix: CJK.test(w) && Array.from(w).length < 2 }); });
    });
    var last = ws[ws.length - 1];
    if (last && !/[\s"]$/.test(q)) last.prefix = last.prefix || Array.from(last.w).length >= 2;
    return { words: ws, phrases: phrases, key: words(q.replace(/"/g, " ")).join(" ") };
  }

  // score returns one word's scores per doc, the words it matched (for
  // <mark>), or null for a stop word.
  function score(man, qw) {
    var i = shardOf(man, qw.w), need = [i];
    for (var k = 1; qw.prefix && k < 3 && i + k < man.s.length && man.s[i + k].startsWith(qw.w); k++) need.push(i + k);
    return Promise.all(need.map(shard)).then(function (shs) {
      var s = new Float64Array(man.n), hit = new Set(), stop = false;
      function add(sh, stem, weight) {
        var best = sh.t[stem][0] * weight / MAXIMPACT, p = sh.t[stem][1], d = -1, j = 0;
        while (j < p.length) {
          var v = 0, c, x;
          while ((c = V[p.charCodeAt(j++)]) >= 32) v = v * 32 + c - 32;
          d += v * 32 + c + 1;
          x = V[p.charCodeAt(j++)] * best;
          if (x > s[d]) s[d] = x;
        }
        sh.W.forEach(function (w, x) { if (sh.S[x].indexOf(stem) >= 0) hit.add(w); });
      }
      shs.forEach(function (sh, n) {
        for (var x = lower(sh.W, qw.w); x < sh.W.length && sh.W[x].startsWith(qw.w); x++) {
          var exact = sh.W[x] === qw.w, stems = sh.S[x];
          if (exact && stems[0] < 0) stop = true;
          else if (stems[0] >= 0 && (exact || qw.prefix)) stems.forEach(function (t) { add(sh, t, exact ? 1 : 0.7); });
          if (!qw.prefix) break;
        }
      });
      if (qw.prefix) hit.add(qw.w);
      return stop ? null : { s: s, hit: hit, prefix: qw.prefix && qw.w };
    });
  }

  // combo returns a function from a doc to its combination of a facet's
  // values: "d" has one in w digits per doc, read where it is; "r" has
  // runs of them, each a combination and a count (a varint, as in
  // postings), spread out once.
  function combo(f, n) {
    if (f.get) return f.get;
    if (!f.r) return (f.get = function (d) {
      for (var c = 0, k = d * f.w; k < (d + 1) * f.w; k++) c = c * 64 + V[f.d.charCodeAt(k)];
      return c;
    });
    var ids = new Int32Array(n), d = 0, j = 0, c, k, x;
    while (j < f.r.length && d < n) {
      for (c = 0, k = 0; k < f.w; k++) c = c * 64 + V[f.r.charCodeAt(j++)];
      for (k = 0; (x = V[f.r.charCodeAt(j++)]) >= 32;) k = k * 32 + x - 32;
      ids.fill(c, d, d += k * 32 + x);
    }
    return (f.get = function (d) { return ids[d]; });
  }

  // state: the query and the chosen facet values, from and to the URL.
  function readURL() {
    var p = new URLSearchParams(location.search), sel = {};
    FACETS.forEach(function (f) { sel[f] = new Set(p.getAll(f)); });
    return { q: p.get("q") || "", sel: sel };
  }
  function writeURL(st) {
    var p = new URLSearchParams();
    if (st.q) p.set("q", st.q);
    FACETS.forEach(function (f) { st.sel[f].forEach(function (v) { p.append(f, v); }); });
    var s = p.toString();
    try { history.replaceState(null, "", s ? "?" + s : location.pathname); } catch (e) { /* file:// may refuse */ }
  }
  function chosen() {
    var sel = {};
    FACETS.forEach(function (f) { sel[f] = new Set(); });
    facetBox.querySelectorAll("input:checked").forEach(function (el) { sel[el.name].add(el.value); });
    return sel;
  }

  var run = 0, view = null;
  function search(st) {
    var me = ++run;
    var q = parse(st.q), anySel = FACETS.some(function (f) { return st.sel[f].size; });
    if (!q.words.length && !q.key && !anySel) {
      // A query of punctuation alone finds nothing, and says so.
      return ready.then(function () {
        show(me, null);
        if (st.q.trim() && me === run) say(label("none", "No results."));
      });
    }
    return load("index").then(function (man) {
      var first = q.key.split(" ")[0];
      return Promise.all(q.words.map(function (w) { return score(man, w); })
        .concat(first ? shard(shardOf(man, first)) : null)).then(function (got) {
        var named = got.pop(), card = -1, total = null, hits = [];
        (named ? named.n : []).forEach(function (n) { if (n[0] === q.key) card = n[1]; });
        got.forEach(function (g) {
          if (!g) return;
          hits.push(g);
          if (!total) { total = g.s; return; }
          for (var d = 0; d < man.n; d++) total[d] = g.s[d] && total[d] ? total[d] + g.s[d] : 0;
        });
        if (!total) total = new Float64Array(man.n).fill(anySel ? 1e-9 : 0);
        return ready.then(function () { return show(me, rank(man, st, total, card, hits, q)); });
      });
    }).catch(function () {
      ready.then(function () { if (me === run) say(label("error", "Search is not available.")); });
    });
  }

  // rank filters by the chosen facets and counts each facet's
  // combinations among docs that pass the other facets. The order is
  // docs in the page's language first, each part best first, the card
  // (if it passes) before all; order(k) returns the first k, and sorts
  // them all only when more than a page is asked for.
  function rank(man, st, total, card, hits, q) {
    var n = man.n, ids = [], fs = FACETS.filter(function (f) { return man.f[f]; }), cid = [], ok = [], cc = [];
    fs.forEach(function (f, i) {
      var F = man.f[f], sel = st.sel[f];
      cid[i] = combo(F, n);
      cc[i] = new Int32Array(F.c.length);
      // ok[i]: the combinations the reader's choice admits; null when nothing is chosen.
      ok[i] = sel.size ? F.c.map(function (c) { return c.some(function (v) { return sel.has(F.v[v]); }); }) : null;
    });
    var own = new Uint8Array(n), L = man.f.lang, lid = L && combo(L, n),
      lc = L && L.c.map(function (c) { return c.length && L.v[c[0]] === lang; }), pass = true;
    for (var d = 0; d < n; d++) {
      if (!total[d] && d !== card) continue;
      // A doc counts under a facet if it passes every other one.
      var fail = 0, which = -1, i;
      for (i = 0; i < fs.length; i++) if (ok[i] && !ok[i][cid[i](d)]) { fail++; which = i; }
      if (fail > 1) continue;
      for (i = 0; i < fs.length; i++) if (!fail || which === i) cc[i][cid[i](d)]++;
      if (L) own[d] = lc[lid(d)] ? 1 : 0;
      if (d !== card) { if (!fail) ids.push(d); } else pass = !fail;
    }
    var cmp = function (a, b) { return own[b] - own[a] || total[b] - total[a] || a - b; }, first = card >= 0 && pass ? [card] : [];
    return {
      n: ids.length + first.length, card: card, hits: hits, phrases: q.phrases, sel: st.sel, next: 0,
      counts: function () { return counts(man, fs, cc); },
      order: function (k) {
        if (k > PAGE + first.length && !ids.sorted) { ids.sort(cmp); ids.sorted = 1; }
        return first.concat(ids.sorted ? ids.slice(0, k) : best(ids, k - first.length, cmp));
      }
    };
  }
  // best returns the k first of ids in the order cmp gives, in one pass.
  function best(ids, k, cmp) {
    for (var top = [], i = 0; i < ids.length; i++) {
      var d = ids[i], j = top.length;
      if (j === k && cmp(d, top[k - 1]) >= 0) continue;
      while (j > 0 && cmp(d, top[j - 1]) < 0) j--;
      top.splice(j, 0, d);
      if (top.length > k) top.pop();
    }
    return top;
  }
  // counts turns counts by combination into counts by value.
  function counts(man, fs, cc) {
    var out = {};
    FACETS.forEach(function (f) { out[f] = new Map(); });
    fs.forEach(function (f, i) {
      var F = man.f[f];
      cc[i].forEach(function (k, c) {
        if (k) F.c[c].forEach(function (v) { out[f].set(F.v[v], (out[f].get(F.v[v]) || 0) + k); });
      });
    });
    return out;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function say(s) { status.textContent = s; }
  function href(url) {
    return root + url.slice(1) + (offline && url.slice(-1) === "/" ? "index.html" : "");
  }

  function show(me, v) {
    if (me !== run) return;
    view = v;
    results.textContent = "";
    more.hidden = true;
    if (!v) {
      facetBox.textContent = "";
      return say("");
    }
    v.list = el("ol", "search-list");
    results.appendChild(v.list);
    var n = v.n, done = page(me);
    say(n ? label(v.phrases.length ? "phrase" : n === 1 ? "result" : "results", "%d").replace("%d", n)
      : label("none", "No results."));
    // The facets follow the links, a moment later.
    setTimeout(function () { if (me === run) renderFacets(v); });
    return done;
  }

  // page shows the next PAGE results, in order. Those whose links the
  // shards gave (heads) go on screen at once, and their fragments are
  // asked for after that, for the snippets; from the first without a head
  // on, each result waits for its fragment. So does a phrase, checked
  // against each candidate's text: only results on screen are verified.
  function page(me) {
    var v = view, shown = 0, fills = [];
    v.busy = 1;
    function put(d, h) {
      shown++;
      return v.list.appendChild(renderResult(h));
    }
    function fill(li, d, fr) {
      fills.push(fr.then(function (f) {
        if (me !== run) return;
        li.appendChild(snippet(f[4], v));
        if (d === v.card && f[5]) results.insertBefore(renderCard(f), v.list);
      }, function () {}));
    }
    function step() {
      if (me !== run) return;
      if (shown >= PAGE || v.next >= v.n) {
        more.hidden = v.next >= v.n;
        v.busy = 0;
        return Promise.all(fills);
      }
      var batch = v.order(v.next + PAGE - shown).slice(v.next), k = 0, lis = [];
      v.next += batch.length;
      for (; k < batch.length && !v.phrases.length && heads[batch[k]]; k++) lis.push(put(batch[k], heads[batch[k]]));
      return new Promise(function (ok) { if (k) setTimeout(ok); else ok(); }).then(function () {
        var frs = batch.map(frag), chain = Promise.resolve();
        lis.forEach(function (li, i) { fill(li, batch[i], frs[i]); });
        batch.slice(k).forEach(function (d, i) {
          chain = chain.then(function () { return frs[k + i]; }).then(function (f) {
            if (me === run && phraseIn(f[4] + " " + f[1], v.phrases)) fill(put(d, f), d, frs[k + i]);
          });
        });
        return chain.then(step);
      });
    }
    return step();
  }

  // A result's [url, title, kind, date, text, card]. Served, a brief's or
  // page's text is read from the page itself (internal/search/doc.go).
  function frag(d) {
    if (offline) return load("f/" + Math.floor(d / 1000) + "/" + (d % 1000));
    var h = heads[d];
    return (h && h[4] === 0 ? Promise.resolve(h) : load("h/" + (d >> 7)).then(function (c) { return c[d & 127]; }))
      .then(function (f) {
        return f[4] !== 0 ? f : fetch(href(f[0])).then(function (r) { if (!r.ok) throw 0; return r.text(); }).then(function (s) {
          var m = new DOMParser().parseFromString(s, "text/html"), t = "";
          m.querySelectorAll(".para-num,.anchor,[class^=footnote-]").forEach(function (e) { e.remove(); });
          m.querySelectorAll("[data-search-body]").forEach(function (e) { t += e.textContent + "\n"; });
          return f.slice(0, 4).concat(t || m.body.textContent);
        }, function () { return f.slice(0, 4).concat(""); });
      });
  }

  function phraseIn(text, phrases) {
    var all = " " + words(text).join(" ") + " ";
    return phrases.every(function (p) { return all.indexOf(" " + p.join(" ") + " ") >= 0; });
  }

  function renderCard(fr) {
    var c = fr[5], card = el("section", "search-card"), h = el("h2"), a = el("a", "", c.t);
    a.href = href(fr[0]);
    h.appendChild(a);
    card.appendChild(h);
    if (c.s) card.appendChild(el("p", "search-card-sub", c.s));
    var dl = el("dl");
    c.f.forEach(function (kv) { dl.appendChild(el("dt", "", kv[0])); dl.appendChild(el("dd", "", kv[1])); });
    if (c.f.length) card.appendChild(dl);
    return card;
  }

  function renderResult(fr) {
    var li = el("li", "search-result"), a = el("a", "", fr[1] || fr[0]), meta = el("p", "search-meta");
    a.href = href(fr[0]);
    li.appendChild(a);
    meta.appendChild(el("span", "search-kind", label("kind:" + fr[2], fr[2])));
    if (fr[3]) {
      var t = el("time", "", fr[3]);
      t.dateTime = fr[3];
      meta.appendChild(t);
    }
    li.appendChild(meta);
    return li;
  }

  // snippet shows about 30 words of text around the densest cluster of
  // matched words, each of them in a <mark>. A CJK character is a word
  // here, marked if it begins or ends a matched bigram.
  function snippet(text, v) {
    var p = el("p", "search-snippet"), toks = [], m, prev, seen = new Map(),
      re = new RegExp("[" + C + "]|(?:(?![" + C + "])[\\p{L}\\p{N}\\p{Mn}])+", "gu");
    var matched = function (w) {
      if (seen.has(w)) return seen.get(w);
      var f = fold(w), y = v.hits.some(function (h) { return h.hit.has(f) || (h.prefix && f.startsWith(h.prefix)); }) ||
        v.phrases.some(function (ph) { return ph.indexOf(f) >= 0; });
      seen.set(w, y);
      return y;
    };
    while ((m = re.exec(text)) && toks.length < 5000) {
      var t = [m.index, re.lastIndex, matched(m[0])];
      if (prev && prev[1] === t[0] && CJK.test(m[0]) && CJK.test(text.slice(prev[0], prev[1])) &&
        matched(text.slice(prev[0], t[1]))) prev[2] = t[2] = true;
      toks.push(prev = t);
    }
    var best = 0, bestN = -1;
    toks.forEach(function (t, i) {
      if (!t[2]) return;
      var n = 0;
      for (var j = i; j < Math.min(i + 25, toks.length); j++) n += toks[j][2];
      if (n > bestN) { best = i; bestN = n; }
    });
    var from = toks.length ? toks[Math.max(0, best - 6)][0] : 0;
    var to = toks.length ? toks[Math.min(toks.length - 1, best + 24)][1] : 0;
    if (from > 0) p.appendChild(document.createTextNode("… "));
    var at = from;
    toks.forEach(function (t) {
      if (!t[2] || t[0] < from || t[1] > to) return;
      p.appendChild(document.createTextNode(text.slice(at, t[0])));
      p.appendChild(el("mark", "", text.slice(t[0], t[1])));
      at = t[1];
    });
    p.appendChild(document.createTextNode(text.slice(at, to) + (to < text.length ? " …" : "")));
    return p;
  }

  // renderFacets draws one fieldset of checkboxes per facet, keeping the
  // focus on the box the reader just toggled.
  function renderFacets(v) {
    var focus = document.activeElement, again = null,
      keep = focus && focus.name && facetBox.contains(focus) ? focus.name + "=" + focus.value : "";
    facetBox.textContent = "";
    var counts = v.counts();
    FACETS.forEach(function (f) {
      var vals = Array.from(counts[f].keys());
      v.sel[f].forEach(function (x) { if (vals.indexOf(x) < 0) vals.push(x); });
      if (!vals.length || f === "lang" && !label("facet:lang")) return; // shown once the page names it
      vals.sort(f === "year" ? function (a, b) { return b < a ? -1 : 1; } : function (a, b) {
        return (counts[f].get(b) || 0) - (counts[f].get(a) || 0) || (a < b ? -1 : 1);
      });
      var fs = el("fieldset", "search-facet"), n = 0;
      fs.appendChild(el("legend", "", label("facet:" + f, f)));
      vals.forEach(function (x) {
        var lab = el("label"), cb = el("input"), id = "search-" + f + "-" + n++;
        cb.type = "checkbox";
        cb.name = f;
        cb.value = x;
        cb.id = id;
        cb.checked = v.sel[f].has(x);
        lab.htmlFor = id;
        lab.appendChild(document.createTextNode(label(f + ":" + x, f === "lang" ? langName(x) : x) + " "));
        lab.appendChild(el("span", "search-count", "(" + (counts[f].get(x) || 0) + ")"));
        fs.appendChild(cb);
        fs.appendChild(lab);
        if (keep === f + "=" + x) again = cb;
      });
      facetBox.appendChild(fs);
    });
    if (again) again.focus();
  }

  var timer;
  function update() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var st = { q: input.value, sel: chosen() };
      writeURL(st);
      search(st);
    }, 80);
  }

  if (script && script.hasAttribute("data-root")) {
    settings(script);
    search(readURL());
  } else ready.then(function () {
    settings(box);
    search(readURL());
  });
})();
