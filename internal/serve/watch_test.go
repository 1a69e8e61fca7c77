package serve

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// waitBatch returns the next batch of changes, failing after a few seconds.
func waitBatch(t *testing.T, w *Watcher) []string {
	t.Helper()
	select {
	case b := <-w.Changes():
		return b
	case <-time.After(5 * time.Second):
		t.Fatal("no change reported")
	}
	return nil
}

func newTestWatcher(t *testing.T) (string, *Watcher) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content", "situations"), 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := NewWatcher(dir, 20*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go w.Run(ctx)
	t.Cleanup(func() { cancel(); w.Close() })
	return dir, w
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatcherSeesWrite(t *testing.T) {
	dir, w := newTestWatcher(t)
	write(t, filepath.Join(dir, "content", "situations", "a.md"), "x")
	if got := waitBatch(t, w); !slices.Contains(got, "content/situations/a.md") {
		t.Fatalf("batch %v lacks the written file", got)
	}
}
