package search

import (
	"os"
	"path/filepath"
	"testing"
)

func TestZZDump(t *testing.T) {
	dir := os.Getenv("ZZ_DUMP")
	if dir == "" {
		t.Skip()
	}
	docs := append(synthDocs(t, 1500), smallSite()...)
	docs = append(docs, Doc{URL: "/x/", Title: "Ünïcödé 🙂 straße", Text: "Les populations protégées \u2028 et la protection \x01 ǅ ﬁ ΐ İ 𐐀 ＡＢ"})
	for _, off := range []bool{false, true} {
		ix := NewIndex("en")
		for _, d := range docs {
			ix.Add(Analyze(d, "en"))
		}
		sub := "online"
		if off {
			sub = "offline"
		}
		for p, data := range ix.Files(off) {
			full := filepath.Join(dir, sub, p)
			os.MkdirAll(filepath.Dir(full), 0o755)
			os.WriteFile(full, data, 0o644)
		}
	}
}
