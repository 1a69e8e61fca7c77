package markdown

import (
	"strings"
	"testing"
)

func TestDeepNestingIsCutAndReported(t *testing.T) {
	src := "Intro.\n\n" + strings.Repeat("> ", 150) + "deep\n"
	doc, errs := New(Config{}).Convert([]byte(src), Options{Path: "a.md", Line: 5})
	if len(errs) != 1 {
		t.Fatalf("got %d problems, want 1: %v", len(errs), errs)
	}
	if e := errs[0]; e.Pos.Line != 7 || e.Pos.Col != 201 || !strings.Contains(e.Msg, "nest more than 100") {
		t.Errorf("problem %v, want a.md:7:201 about nesting", e)
	}
	if got := strings.Count(doc.HTML, "<blockquote>"); got != maxNesting {
		t.Errorf("%d block quotes rendered, want %d", got, maxNesting)
	}
	if !strings.Contains(doc.Text, "deep") {
		t.Error("the text past the cut was lost")
	}
	ok := "- a\n  - b\n    > c\n"
	if _, errs := New(Config{}).Convert([]byte(ok), Options{Path: "b.md", Line: 1}); len(errs) != 0 {
		t.Errorf("ordinary nesting reported: %v", errs)
	}
}
