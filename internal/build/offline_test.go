package build_test

import (
	"os"
	"path"
	"strings"
	"testing"

	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/sitetest"
)

// An offline build must work opened from disk: every link relative (a
// browser resolves "/" to the file system's root under file://), every
// link to a page naming its index.html (no directory listing there), and
// the search index present as scripts, since file:// forbids fetch().
func TestOfflineBuildOfRepositorySite(t *testing.T) {
	out := sitetest.Build(t, os.DirFS("../.."), build.Options{Offline: true})
	if problems := sitetest.Crawl(out, "https://offline.invalid/"); len(problems) > 0 {
		t.Errorf("%d problems crawling the offline build:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	var bad []string
	for _, p := range out.Paths() {
		if path.Ext(p) != ".html" {
			continue
		}
		if strings.Contains(string(out.Files[p]), "__r2p_root__") {
			bad = append(bad, p+": a link marker was left in the page")
		}
		for _, e := range sitetest.ParseHTML(out.Files[p]).Elements() {
			for _, attr := range []string{"href", "src", "action"} {
				v, ok := e.Attr(attr)
				if !ok || strings.Contains(v, "://") || strings.HasPrefix(v, "#") || strings.HasPrefix(v, "mailto:") {
					continue
				}
				target := v
				if i := strings.IndexAny(target, "?#"); i >= 0 {
					target = target[:i]
				}
				switch {
				case strings.HasPrefix(v, "/"):
					bad = append(bad, p+": root-relative "+attr+" "+v)
				case target == "" || strings.HasSuffix(target, "/"):
					bad = append(bad, p+": "+attr+" "+v+" names a directory, which file:// does not open")
				}
			}
		}
	}
	if len(bad) > 0 {
		t.Errorf("offline pages that would not work from disk:\n%s", strings.Join(bad, "\n"))
	}
	if _, ok := out.Files["search/index.js"]; !ok {
		t.Error("offline build lacks search/index.js, the index as a script")
	}
	page := string(out.Files["search/index.html"])
	if !strings.Contains(page, `data-root="../"`) || !strings.Contains(page, "data-offline") {
		t.Errorf("offline search page does not tell the script where the root is or that it is offline")
	}
}

// A normal build must not be touched by the offline machinery.
func TestOnlineBuildHasNoOfflineMarks(t *testing.T) {
	out := sitetest.Build(t, os.DirFS("../.."), build.Options{})
	for _, p := range out.Paths() {
		if strings.Contains(string(out.Files[p]), "__r2p_root__") {
			t.Errorf("%s carries the offline link marker", p)
		}
	}
	if _, ok := out.Files["search/index.js"]; ok {
		t.Error("an online build wrote the script form of the search index")
	}
}
