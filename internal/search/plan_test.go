package search

import (
	"bytes"
	"errors"
	"maps"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

// planned builds docs the way the build should: Plan, then AddFragment
// from many goroutines in a shuffled order, keeping the fragments it hands
// out, then FilesFunc. It returns every file written, and fails if a path
// is written twice.
func planned(t *testing.T, plan []string, docs []Doc, offline bool, seed uint64) map[string][]byte {
	t.Helper()
	ix := NewIndex("en")
	ix.Plan(plan)
	files := map[string][]byte{}
	var mu sync.Mutex
	put := func(path string, data []byte) {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := files[path]; dup {
			t.Errorf("%s written twice", path)
		}
		files[path] = data
	}
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(seed, 1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	var wg sync.WaitGroup
	for _, d := range shuffled {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if path, data, ok := ix.AddFragment(Analyze(d, "en"), offline); ok {
				put(path, data)
			}
		}()
	}
	wg.Wait()
	if err := ix.FilesFunc(offline, func(path string, data []byte) error {
		put(path, data)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return files
}

func docURLs(docs []Doc) []string {
	var urls []string
	for _, d := range docs {
		urls = append(urls, d.URL)
	}
	return urls
}

func sameFiles(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	if maps.EqualFunc(got, want, bytes.Equal) {
		return
	}
	for _, p := range sortedKeys(want) {
		if g, ok := got[p]; !ok {
			t.Errorf("%s missing", p)
		} else if !bytes.Equal(g, want[p]) {
			t.Errorf("%s differs", p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s extra", p)
		}
	}
}

// TestPlanMatchesFiles: a build that plans and writes fragments as it
// goes writes the same files, byte for byte, as one that takes them all
// from Files; and the index then holds no fragment.
func TestPlanMatchesFiles(t *testing.T) {
	docs := synthDocs(t, 300)
	have := map[string]bool{}
	for _, d := range docs {
		have[d.URL] = true
	}
	for _, d := range smallSite() {
		if !have[d.URL] { // synth has a /situations/syria/ too
			docs = append(docs, d)
		}
	}
	for _, offline := range []bool{false, true} {
		ix := NewIndex("en")
		for _, d := range docs {
			ix.Add(Analyze(d, "en"))
		}
		want := ix.Files(offline)
		for seed := range uint64(2) {
			sameFiles(t, planned(t, docURLs(docs), docs, offline, seed), want)
		}
	}
	// Offline, each fragment is handed out as it comes; served, a doc
	// whose page shows its text has none.
	for _, offline := range []bool{false, true} {
		ix := NewIndex("en")
		ix.Plan(docURLs(docs))
		for _, d := range docs {
			d.TextOnPage = !offline
			ix.AddFragment(Analyze(d, "en"), offline)
		}
		for _, d := range ix.docs {
			if d.frag != nil {
				t.Fatalf("offline %v: the index holds %s's fragment", offline, d.url)
			}
		}
	}
}

// TestPlanMismatch: a planned page never added leaves a hole that nothing
// finds; a page added but not planned comes after the planned ones and
// its fragment is written by Files. Search works across both.
func TestPlanMismatch(t *testing.T) {
	docs := smallSite()
	plan := append(docURLs(docs[1:]), "/never/", "/situations/syria/extra/")
	files := planned(t, plan, docs, false, 3)
	c := newClient(t, files)
	if c.man.N != len(docs)+2 {
		t.Errorf("n = %d, want %d docs and 2 holes", c.man.N, len(docs))
	}
	// Syria was not planned: its id follows the planned URLs.
	res := c.search("embargo ", nil)
	got := urls(t, files, res.ids)
	if !reflect.DeepEqual(got, []string{"/situations/sahel/", "/situations/syria/"}) {
		t.Errorf("embargo: %q", got)
	}
	if res.ids[1] != len(plan) {
		t.Errorf("Syria has id %d, want %d, after the plan", res.ids[1], len(plan))
	}
	// Holes match no filter and no word.
	res = c.search("", map[string][]string{"kind": {"brief", "state", "treaty", "page"}})
	if len(res.ids) != len(docs) {
		t.Errorf("browsing every kind finds %d docs, want %d", len(res.ids), len(docs))
	}
	for _, d := range res.ids {
		c.fragment(d) // fails the test if its file is missing
	}
}

func TestAddFragmentUnplanned(t *testing.T) {
	ix := NewIndex("en")
	d := smallSite()[0]
	if _, _, ok := ix.AddFragment(Analyze(d, "en"), true); ok {
		t.Error("AddFragment without Plan handed out a fragment")
	}
	if _, ok := ix.Files(true)["search/"+FragmentName(0)+".js"]; !ok {
		t.Error("Files did not write the fragment AddFragment kept")
	}
	// Served, the fragment is in the doc's chunk of heads.
	c := newClient(t, ix.Files(false))
	if f := c.fragment(0); f.URL != d.URL || !strings.Contains(f.Text, strings.TrimSpace(d.Text)[:20]) {
		t.Errorf("chunk gives %+v for %s", f, d.URL)
	}
}

// TestTextOnPage: a served site's briefs and pages keep no text in the
// index; the client reads a result's text from its page, and finds it
// there for its snippet.
func TestTextOnPage(t *testing.T) {
	docs := smallSite()
	ix := NewIndex("en")
	pages := map[string]string{}
	for i := range docs {
		if docs[i].Card == nil {
			docs[i].TextOnPage = true
			pages[docs[i].URL] = docs[i].Text
		}
		ix.Add(Analyze(docs[i], "en"))
	}
	files := ix.Files(false)
	for p, data := range files {
		if strings.HasPrefix(p, "search/f/") {
			t.Errorf("a served site has fragment file %s", p)
		}
		for _, d := range docs {
			if d.TextOnPage && len(d.Text) > 30 && bytes.Contains(data, []byte(d.Text[:30])) {
				t.Errorf("%s holds the text of %s, whose page shows it", p, d.URL)
			}
		}
	}
	c := newClient(t, files)
	c.pages = pages
	res := c.search("embargo", nil)
	if len(res.frags) == 0 {
		t.Fatal("embargo found nothing")
	}
	for _, f := range res.frags {
		if !strings.Contains(strings.ToLower(f.Text), "embargo") {
			t.Errorf("%s: text %q, from its page, lacks the word", f.URL, f.Text)
		}
	}
}

func TestPlanTwice(t *testing.T) {
	ix := NewIndex("en")
	ix.Plan([]string{"/a/"})
	defer func() {
		if recover() == nil {
			t.Error("a second Plan did not panic")
		}
	}()
	ix.Plan([]string{"/b/"})
}

func TestFilesFuncError(t *testing.T) {
	ix := NewIndex("en")
	for _, d := range smallSite() {
		ix.Add(Analyze(d, "en"))
	}
	full := errors.New("disk full")
	calls := 0
	err := ix.FilesFunc(false, func(string, []byte) error {
		calls++
		if calls == 2 {
			return full
		}
		return nil
	})
	if !errors.Is(err, full) || calls != 2 {
		t.Errorf("FilesFunc returned %v after %d calls, want the emit error after 2", err, calls)
	}
}

// TestReplaceIsExact: after replacing a page, the files are those of an
// index that never saw the old version, words and all.
func TestReplaceIsExact(t *testing.T) {
	docs := smallSite()
	ix := NewIndex("en")
	for _, d := range docs {
		ix.Add(Analyze(d, "en"))
	}
	edited := docs[0]
	edited.Text = "Civilians in Syria face a blockade."
	edited.Region = []string{"Europe"}
	ix.Add(Analyze(edited, "en"))
	fresh := NewIndex("en")
	for _, d := range append([]Doc{edited}, docs[1:]...) {
		fresh.Add(Analyze(d, "en"))
	}
	sameFiles(t, ix.Files(false), fresh.Files(false))
}

// TestIndexHoldsLittle keeps the index small: a planned build keeps about
// a kilobyte per brief (its terms as lexicon numbers), where holding each
// Analyzed with its text cost ten.
func TestIndexHoldsLittle(t *testing.T) {
	docs := synthDocs(t, 1000)
	for _, d := range docs {
		Analyze(d, "en") // the lexicon learns the words first
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC() // and the pools' victims
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	ix := NewIndex("en")
	ix.Plan(docURLs(docs))
	for _, d := range docs {
		d.TextOnPage = true // as a served site's briefs are
		ix.AddFragment(Analyze(d, "en"), false)
	}
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	perDoc := (int64(ms.HeapAlloc) - int64(before)) / int64(len(docs))
	t.Logf("%d bytes per doc", perDoc)
	if perDoc > 2000 {
		t.Errorf("the index holds %d bytes per doc; it should hold about 1,000", perDoc)
	}
	runtime.KeepAlive(ix)
	runtime.KeepAlive(docs) // or their text is freed and counted against the index
}

// TestCmp16 checks the byte-level shortcut against a rune-by-rune
// comparison by UTF-16 code units.
func TestCmp16(t *testing.T) {
	ref := func(a, b string) int {
		ua, ub := utf16Units(a), utf16Units(b)
		return slices.Compare(ua, ub)
	}
	alphabet := []string{"a", "b", "z", "é", "ë", "ж", "\uE000", "\uFF21", "\uFFFD", "\U00010400", "\U0001F642", "0"}
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		var b strings.Builder
		for range r.IntN(5) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 20000 {
		a, b := word(), word()
		if got, want := cmp16(a, b), ref(a, b); got != want {
			t.Fatalf("cmp16(%q, %q) = %d, want %d", a, b, got, want)
		}
	}
	ws := make([]string, 500)
	for i := range ws {
		ws[i] = word()
	}
	sort.Slice(ws, func(i, j int) bool { return less16(ws[i], ws[j]) })
	for i := 1; i < len(ws); i++ {
		if ref(ws[i-1], ws[i]) > 0 {
			t.Fatalf("%q sorted before %q", ws[i-1], ws[i])
		}
	}
}

func utf16Units(s string) []int {
	var out []int
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, 0xD800+int(r>>10), 0xDC00+int(r&0x3FF))
			continue
		}
		out = append(out, int(r))
	}
	return out
}

func TestSortByPair(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 63, 64, 65, 400, 3000} {
		for _, top := range []int{300, 70000, 1 << 31} {
			if n > top {
				continue
			}
			seen := map[uint64]bool{}
			var x []uint64
			for len(x) < n {
				p := uint64(r.IntN(top))
				if !seen[p] {
					seen[p] = true
					x = append(x, p<<32|uint64(r.Uint32()))
				}
			}
			want := slices.Clone(x)
			slices.Sort(want)
			got, _ := sortByPair(x, nil)
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d top=%d: not sorted", n, top)
			}
		}
	}
}

// TestRunsAgree: Files splits the docs into a run per core; postings that
// cross runs are joined exactly, so any number of cores writes the same
// bytes.
func TestRunsAgree(t *testing.T) {
	ix := NewIndex("en")
	for _, d := range synthDocs(t, 300) {
		ix.Add(Analyze(d, "en"))
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var want map[string][]byte
	for _, procs := range []int{1, 3, 8} {
		runtime.GOMAXPROCS(procs)
		got := ix.Files(false)
		if want == nil {
			want = got
			continue
		}
		sameFiles(t, got, want)
	}
}
