// r2p search: queries the index that internal/search writes under
// search/ (its package doc describes the files). No framework, no build
// step, nothing inline: the page holds a form, empty containers and the
// interface strings (data-search-label); this script fills them with DOM
// text APIs only, so no query and no indexed text can become markup.
// Served over http(s) it fetch()es JSON; from file:// (an offline copy)
// it inserts <script> elements that call r2pSearchLoad.
(function () {
  "use strict";
  var box = document.querySelector("[data-search]");
  if (!box) return;
  var $ = function (s) { return box.querySelector(s); };
  var input = $("[data-search-input]"), results = $("[data-search-results]"),
    facetBox = $("[data-search-facets]"), status = $("[data-search-status]"), more = $("[data-search-more]");
  var root = box.getAttribute("data-root") || "/";
  // The page's language (data-lang, else <html lang>): its docs rank first.
  var lang = (box.getAttribute("data-lang") || document.documentElement.lang).toLowerCase().split(/[-_]/)[0];
  var offline = box.hasAttribute("data-offline") || location.protocol === "file:";
  var DIG = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var FACETS = ["kind", "region", "risk", "year", "lang"], PAGE = 5, MAXIMPACT = 63;
  var labels = {};
  box.querySelectorAll("[data-search-label]").forEach(function (el) {
    labels[el.getAttribute("data-search-label")] = el.textContent;
  });
  var label = function (k, d) { return labels[k] || d; }, names;
  try { names = new Intl.DisplayNames([lang], { type: "language" }); } catch (e) { /* no such language */ }

  // Loading: one promise per file, so a shard two words share is fetched once.
  var files = {}, waiting = {};
  window.r2pSearchLoad = function (name, data) {
    if (waiting[name]) waiting[name](data);
    delete waiting[name];
  };
  function load(name) {
    return files[name] || (files[name] = offline ? new Promise(function (ok, fail) {
      waiting[name] = ok;
      var s = document.createElement("script");
      s.src = root + "search/" + name + ".js";
      s.onerror = fail;
      document.head.appendChild(s);
    }) : fetch(root + "search/" + name + ".json").then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }));
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
  function shard(i) {
    return load("t/" + i).then(function (sh) {
      sh.W = sh.w ? sh.w.split(" ") : [];
      sh.S = sh.s.map(function (v) { return [].concat(v); }); // a word stemmed apart in two languages has two
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
          var v = 0, c;
          while ((c = DIG.indexOf(p[j++])) >= 32) v = v * 32 + c - 32;
          d += v * 32 + c + 1;
          s[d] = Math.max(s[d], DIG.indexOf(p[j++]) * best);
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

  // A facet's "d" is each doc's combination in w digits; or "r" has runs
  // of them, each a combination and a count (a varint, as in postings).
  function combo(f, d) {
    if (f.d == null) {
      f.d = "";
      for (var j = 0, x, n, c; j < f.r.length;) {
        c = f.r.substr(j, f.w);
        for (n = 0, j += f.w; (x = DIG.indexOf(f.r[j++])) >= 32;) n = n * 32 + x - 32;
        f.d += c.repeat(n * 32 + x);
      }
    }
    var v = 0;
    for (var i = d * f.w; i < (d + 1) * f.w; i++) v = v * 64 + DIG.indexOf(f.d[i]);
    return f.c[v];
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
    writeURL(st);
    var q = parse(st.q), anySel = FACETS.some(function (f) { return st.sel[f].size; });
    if (!q.words.length && !q.key && !anySel) {
      // A query of punctuation alone finds nothing, and says so.
      show(me, null);
      if (st.q.trim()) say(label("none", "No results."));
      return Promise.resolve();
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
        return show(me, rank(man, st, total, card, hits, q));
      });
    }).catch(function () {
      if (me === run) say(label("error", "Search is not available."));
    });
  }

  // rank filters by the chosen facets, counts each facet's values among
  // docs that pass the other facets, and orders the rest: docs in the
  // page's language first, each part best first.
  function rank(man, st, total, card, hits, q) {
    var counts = {}, ids = [], own = {}, fs = FACETS.filter(function (f) { return man.f[f]; });
    FACETS.forEach(function (f) { counts[f] = new Map(); });
    var vals = function (f, d) { return combo(man.f[f], d).map(function (v) { return man.f[f].v[v]; }); };
    var pass = function (d, skip) {
      return fs.every(function (f) {
        return f === skip || !st.sel[f].size || vals(f, d).some(function (v) { return st.sel[f].has(v); });
      });
    };
    for (var d = 0; d < man.n; d++) {
      if (!total[d] && d !== card) continue;
      fs.forEach(function (f) {
        if (pass(d, f)) vals(f, d).forEach(function (v) { counts[f].set(v, (counts[f].get(v) || 0) + 1); });
      });
      if (d !== card && pass(d, "")) ids.push(d);
      own[d] = man.f.lang && vals("lang", d)[0] === lang ? 1 : 0;
    }
    ids.sort(function (a, b) { return own[b] - own[a] || total[b] - total[a] || a - b; });
    if (card >= 0 && pass(card, "")) ids.unshift(card);
    return { ids: ids, card: card, counts: counts, hits: hits, phrases: q.phrases, sel: st.sel, next: 0 };
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
    renderFacets(v);
    var n = v.ids.length;
    say(n ? label(v.phrases.length ? "phrase" : n === 1 ? "result" : "results", "%d").replace("%d", n)
      : label("none", "No results."));
    v.list = el("ol", "search-list");
    results.appendChild(v.list);
    return page(me);
  }

  // page shows the next PAGE results. A phrase is checked against each
  // candidate's text here, so only pages the reader sees are verified.
  function page(me) {
    var v = view, shown = 0;
    function step() {
      if (me !== run || shown >= PAGE || v.next >= v.ids.length) {
        more.hidden = v.next >= v.ids.length;
        return;
      }
      var batch = v.ids.slice(v.next, v.next + PAGE - shown);
      v.next += batch.length;
      return Promise.all(batch.map(function (d) {
        return load("f/" + Math.floor(d / 1000) + "/" + (d % 1000));
      })).then(function (frs) {
        if (me !== run) return;
        frs.forEach(function (fr, i) {
          if (!phraseIn(fr[4] + " " + fr[1], v.phrases)) return;
          shown++;
          if (batch[i] === v.card && fr[5]) results.insertBefore(renderCard(fr), v.list);
          v.list.appendChild(renderResult(fr, v));
        });
        return step();
      });
    }
    return step();
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

  function renderResult(fr, v) {
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
    li.appendChild(snippet(fr[4], v));
    return li;
  }

  // snippet shows about 30 words of text around the densest cluster of
  // matched words, each of them in a <mark>. A CJK character is a word
  // here, marked if it begins or ends a matched bigram.
  function snippet(text, v) {
    var p = el("p", "search-snippet"), toks = [], m, prev,
      re = new RegExp("[" + C + "]|(?:(?![" + C + "])[\\p{L}\\p{N}\\p{Mn}])+", "gu");
    var matched = function (w) {
      var f = fold(w);
      return v.hits.some(function (h) { return h.hit.has(f) || (h.prefix && f.startsWith(h.prefix)); }) ||
        v.phrases.some(function (ph) { return ph.indexOf(f) >= 0; });
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
    FACETS.forEach(function (f) {
      var vals = Array.from(v.counts[f].keys());
      v.sel[f].forEach(function (x) { if (vals.indexOf(x) < 0) vals.push(x); });
      if (!vals.length || f === "lang" && !labels["facet:lang"]) return; // shown once the page names it
      vals.sort(f === "year" ? function (a, b) { return b < a ? -1 : 1; } : function (a, b) {
        return (v.counts[f].get(b) || 0) - (v.counts[f].get(a) || 0) || (a < b ? -1 : 1);
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
        lab.appendChild(document.createTextNode(label(f + ":" + x, f === "lang" && names ? names.of(x) : x) + " "));
        lab.appendChild(el("span", "search-count", "(" + (v.counts[f].get(x) || 0) + ")"));
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
    timer = setTimeout(function () { search({ q: input.value, sel: chosen() }); }, 80);
  }
  input.addEventListener("input", update);
  facetBox.addEventListener("change", update);
  $("form").addEventListener("submit", function (e) { e.preventDefault(); update(); });
  more.addEventListener("click", function () { if (view) page(run); });

  var st = readURL();
  input.value = st.q;
  search(st);
})();
