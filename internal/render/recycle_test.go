package render

import (
	"bytes"
	"testing"

	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
)

// A recycled page's bytes are what the next page of its kind renders
// into, and that page comes out whole; a page nobody recycles keeps its
// bytes.
func TestRecycleReusesPageBytes(t *testing.T) {
	r := foldRenderer(t)
	page := func(title string) File {
		t.Helper()
		f, err := r.Page(&model.Page{Kind: model.KindPage, URL: "/about/", Title: title}, markdown.Doc{HTML: "<p>Body</p>"})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	want := page("Second").Data
	if bytes.Equal(page("First").Data, want) {
		t.Fatal("the two titles render alike; the test cannot tell pages apart")
	}
	// A sync.Pool may drop what it is given (the race detector makes it
	// drop a quarter on purpose), so reuse is looked for over a few tries.
	reused := false
	for range 10 {
		first := page("First")
		Recycle(first)
		second := page("Second")
		if !bytes.Equal(second.Data, want) {
			t.Fatalf("a page rendered after a recycle differs:\n%s\nwant\n%s", second.Data, want)
		}
		if &second.Data[:1][0] == &first.Data[:1][0] {
			reused = true
			if third := page("Third"); &third.Data[:1][0] == &second.Data[:1][0] {
				t.Fatal("a page that was not recycled shares its bytes")
			}
		}
	}
	if !reused {
		t.Error("no page rendered into recycled bytes")
	}
}
