// Package search builds the site's search index: static files that
// static/js/search.js queries in the reader's browser, with no server and
// no outside service. It imports nothing else from r2p: the build passes
// each page as a Doc.
//
// # Use
//
//	a := search.Analyze(doc, lang) // pure and deterministic: cache it per page
//	ix := search.NewIndex(lang)
//	ix.Add(a)                      // safe from many goroutines
//	files := ix.Files(offline)     // paths under public/, all "search/…"
//
// A page that shows its own text (Doc.TextOnPage: a served site's briefs
// and pages) leaves no copy of it in the index: the client reads a
// result's snippet from the page itself. Every other doc's fragment (its
// text, for snippets) is held until Files. An offline copy, which cannot
// fetch pages, has a fragment file for every doc; a build of many pages
// should fix the doc ids first, write each fragment as its page is
// analyzed, and stream the rest:
//
//	ix.Plan(urls)                                   // every URL that may be added
//	path, data, ok := ix.AddFragment(a, offline)    // write it now if ok
//	err := ix.FilesFunc(offline, write)             // manifest, shards, chunks or unplanned fragments
//
// Both ways write the same bytes. Fragments are named by doc id (below),
// and a doc id is a URL's rank among all of them, which only the whole set
// fixes: hence Plan. Names that need no plan (a hash of the URL, say)
// would cost every query an id -> name table in the manifest, about 4
// bytes a doc; the plan costs the caller one list.
//
// # Memory and time
//
// The index keeps about 1.4 KB per brief: its distinct words as numbers
// from a process-wide lexicon (lexicon.go), its facets, names and
// length, and its head (url, title, kind, date; see The first results),
// sharing the Analyzed's byte string rather than the Analyzed, and a
// fragment only where one is still to be written: a doc that is not
// TextOnPage on a served site (a state, a treaty), or an offline doc
// that was not planned. Files inverts those numbers
// on all cores in two passes over them, the second writing each posting
// straight into its place among the encoded postings (see count in
// index.go), so it holds little more than the files it writes.
// BenchmarkIndex and BenchmarkFiles measure it (R2P_BENCH_LARGE=1 for
// 100,000 briefs).
//
// # What a query fetches
//
// The index is split so that a query downloads only what it needs:
//
//	search/index.json      every query: the shard map and the facets
//	search/t/N.json        term shards: a one-word query reads one; they
//	                       also hold the links of each word's best docs
//	search/h/N.json        chunks of heads, 128 docs each (ids 128N on): for
//	                       the results on screen that no shard gave a head
//	                       for; a doc that is not TextOnPage has its whole
//	                       fragment here, text and card
//	/situations/x/ ...     the result's own page, for its snippet: the text
//	                       of its elements marked data-search-body, less the
//	                       paragraph numbers, heading anchors and footnote
//	                       links r2p adds (the whole body if none is marked)
//
// An offline copy has, instead of the chunks and pages,
//
//	search/f/K/I.js        one fragment per doc (K = id/1000, I = id%1000)
//
// Docs are numbered 0..n-1 in URL order; after Plan, the planned URLs in
// URL order (one that is never added leaves an id nothing matches), then
// any others. Everything below is written in sorted order, so the same
// docs give the same bytes whatever order they were added in.
//
// index.json:
//
//	{"n": 10195,
//	 "s": ["", "acc", "arm", ...],         where each shard starts: the
//	                                      shortest prefix of its first word
//	                                      that sorts after the shard before
//	 "f": {"kind":   {"v": ["brief", "state"],  values, sorted
//	                  "c": [[], [0], [1]],      value sets ("combinations")
//	                  "w": 1,                   digits per doc
//	                  "r": "1fuG2c3"},          runs: 10000 of 1, 195 of 2
//	       "region": {..., "d": "1112..."},     each doc's combination
//	       "risk": ..., "year": ..., "lang": ...}}
//
// A facet is stored per doc, not per value, because the counts beside the
// filters need every matching doc's values: for a word on every page that
// is every doc, and one digit each (a brief in two regions is one more
// combination, not one more digit) is the least that costs. Docs are in
// URL order, so a facet that follows the URL (kind; lang, whose docs sit
// under /fr/, /ar/...) comes in long runs: such a facet is written as "r",
// each run a combination in w digits and its length as a varint (below),
// whenever that is shorter than "d". Kind costs 10,000 briefs a few bytes
// instead of 10 KB.
//
// # Languages
//
// Every language's pages share the one index. A doc's language is the
// lang passed to Analyze (its primary subtag), and its "lang" facet, which
// the manifest holds only when the docs are in more than one language.
// The search page names its language (data-lang, else <html lang>); the
// client lists the matches in that language first, each part by score,
// and offers the language as a filter (?lang=fr), shown among the others
// once the page gives it a label (data-search-label="facet:lang").
//
// Each word is folded (fold.go) the same way in the index and in the
// client, whatever the page's language: lower case; accents and other
// nonspacing marks dropped, which takes the Arabic harakat and the hamza
// of أ إ آ ؤ ئ; tatweel dropped; ٱ to ا, and ta marbuta ة and alef
// maqsura ى to ه and ي (standard spelling writes them only at the end of a
// word, so they are mapped wherever they are, with no look at the
// neighbours); Arabic-Indic and Persian digits to ASCII; but й kept, a
// letter of its own.
//
// Words are runs of letters and digits, except that a run of Han or kana
// (Chinese, Japanese), which puts no spaces between words, is a token of
// its own and is indexed as its overlapping bigrams: 保护的责任 is 保护 护的
// 的责 责任, and a run of one character is that character. A query is cut
// the same way, and all its bigrams must match; a one-character query
// matches the bigrams it begins.
//
// Stems: Snowball for en, fr, es and ru, with its stop words (looked up
// folded, so Spanish ones with accents are missed; French adds the folded
// forms of its own); for ar, the definite article
// taken off (ال, and وال بال كال فال لل), on a page in any language, and a
// short list of particles as stop words; CJK tokens as they are; any other
// language word for word.
//
// A term shard holds a run of consecutive surface words (folded, in
// JavaScript's UTF-16 order) of about 16 KB, the postings of their
// stems, and the heads (below) of their best docs:
//
//	{"m": [[8771, "/states/syr/", "Syrian Arab Republic", "state", ""], ...],
//	                                      heads: [doc id, url, title, kind, date], by id
//	 "w": "armament armed arms army",     surface words, space-separated
//	 "s": [0, 1, 1, 2],                   index into "t" per word; -1 for a stop word;
//	                                      a list for a word stemmed apart in two languages
//	 "t": [[3.912, "0Z1Y..."], ...],      per stem: best score, postings
//	 "n": [["syrian arab republic", 8771]]} exact names starting in this run
//
// The client never stems: it looks the reader's words up among the
// surface words, which lead it to stems. So it needs no Snowball code and
// cannot disagree with the index about a stem; but a word finds the pages
// of its stem only if some page has that very word. Pages in two
// languages may stem one word apart (crimes is crime in English, crim in
// French): its "s" entry then lists both stems, [3, 4], and a query for it
// scores each doc by the best of them. The last word of a query,
// while typed, also matches every surface word it begins (from this shard
// and up to two following ones), at 0.7 of the weight.
//
// Postings are doc ids ascending, each as a gap (base-32 digits from the
// 64-character alphabet in encode.go, continuation digits offset by 32)
// followed by one digit 1..63: the doc's BM25 score for the stem as a
// fraction of the stem's best. BM25 (k1 1.2, b 0.75) over the body, plus
// 2 when the stem is in the title. A query's score is the sum over its
// words of impact/63*best; every word must match; stop words are ignored.
//
// # The first results
//
// A result's link needs only its doc's head: url, title, kind and date.
// A TextOnPage doc's head ends in a 0 where a fragment has its text: the
// client then reads the text from the page, and needs no chunk.
// A shard lists in "m" the heads of the five best docs (leadDocs, the
// client's page) of each of its stems in each language, the lowest id
// first among equal scores, and of the docs its names find. So a query
// of one word shows its whole first page as soon as its shard has
// arrived, and fetches the fragments only for the snippets, which fill
// in after. That holds for a prefix too: a doc's score is its best over
// the stems the word reaches, and every doc ahead of it in that stem's
// list, in its language, is ahead of it in the results, so a doc on the
// first page is among that stem's first five. The client shows, in
// order, each result up to the first whose head it lacks (a query of
// several words, or with a filter, may lack some), and the rest as their
// chunks come. A phrase waits for the texts, which verify it.
// On 10,000 synthetic briefs the heads make the shards a third larger,
// gzipped (a quarter for the median shard, half for a shard of rare
// words, each with docs of its own), and save a query a round trip
// before anything is on screen.
//
// A fragment is [url, title, kind, date, text] plus, for a doc with a
// Card, {"t": title, "s": subtitle, "f": [[label, value], ...]}. The text
// is the page's plain text, cut at 12 KB: the client chooses the snippet
// and marks the matched words itself.
//
// Why the pages and not fragments: a served site's pages already hold
// their text, and a fragment file per page doubled the files a build
// writes (10,000 briefs made 10,000 fragments, 56 MB) for the five a
// query reads. Reading a page costs a query a few kilobytes more than a
// fragment (its markup), against a build's ten thousand files fewer.
//
// # Names and cards
//
// A Doc's Names (a state's name and code, a treaty's titles and id) are
// stored as NameKeys in the shard of their first word. When a whole query
// is one of them, that doc comes first and its Card is shown above the
// results.
//
// # Phrases
//
// A "quoted phrase" must match all its words like any query; the client
// then checks the phrase in each candidate's text as it shows them, so
// the count it announces is an upper bound ("up to N").
//
// # Offline copies
//
// With Files(true) (and AddFragment(a, true)) each file is a script instead, search/NAME.js holding
// r2pSearchLoad("NAME", data); the client inserts <script> elements rather
// than fetch(), which file:// pages may not use.
package search
