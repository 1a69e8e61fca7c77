// Package synth generates deterministic synthetic r2p sites for benchmarks
// and scale tests: situation briefs of 700–900 words in plain Markdown with
// YAML front matter (so that Hugo and Pagefind can read the same files), and
// the data tables of DESIGN.md, consistent with each other and with the
// built-in state registry.
//
// Everything is synthetic and says so: the site is titled "Synthetic
// benchmark site", treaties are "Synthetic Treaty N", commitments
// "Synthetic Commitment N", briefs are about invented places ("Velmora
// Highlands: synthetic brief 42") and their prose is generated from a fixed
// vocabulary of real domain words and invented ones. Links to the web point
// at the reserved example.org, example.net and example.com domains.
//
// A site is a pure function of Options and the registry: the same options
// give the same bytes, on any machine and with any Go release, because the
// random streams are our own. Each brief has its own stream, so briefs can
// be produced one at a time, in parallel, and never all at once in memory.
//
// Properties the benchmarks rely on:
//   - "genocide" appears in nearly every brief;
//   - the phrase "arms embargo" appears in about 3% of sentences;
//   - the word "Srebrenica" appears in exactly ceil(Briefs/1000) briefs;
//   - every registry state is the first state of some brief once Briefs is
//     at least the number of states.
package synth

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/r2p-monitor/r2p/internal/registry"
)

// AsOf is the as_of date written to site.yaml. No date in the generated
// data lies after it.
const AsOf = "2025-01-01"

// Options says how large a site to generate and from which seed.
type Options struct {
	Briefs      int   // number of situation briefs
	Seed        int64 // same seed, same bytes
	Assessments int   // compliance rows; 0 means the same as Briefs
	Treaties    int   // 0 means 30
	Commitments int   // 0 means 20
}

func (o Options) normalize() (Options, error) {
	if o.Briefs < 0 || o.Assessments < 0 || o.Treaties < 0 || o.Commitments < 0 {
		return o, fmt.Errorf("synth: negative count in %+v", o)
	}
	if o.Assessments == 0 {
		o.Assessments = o.Briefs
	}
	if o.Treaties == 0 {
		o.Treaties = 30
	}
	if o.Commitments == 0 {
		o.Commitments = 20
	}
	return o, nil
}

// gen is a site being generated. After newGen it is read-only, which is
// what lets Write produce briefs from several goroutines.
type gen struct {
	opt         Options
	seed        uint64
	states      []registry.State
	primary     []int        // a permutation of states: brief i is about primary[i%len]
	srebrenica  map[int]bool // the briefs that mention Srebrenica
	treaties    []treaty
	consents    [][]consent // [state][treaty]
	commitments []commitment
	statuses    [][]status // [state][commitment]
}

func newGen(opt Options) (*gen, error) {
	opt, err := opt.normalize()
	if err != nil {
		return nil, err
	}
	g := &gen{opt: opt, seed: uint64(opt.Seed), states: registry.States()}
	if len(g.states) == 0 {
		return nil, errors.New("synth: the state registry is empty")
	}
	obligations := opt.Treaties + opt.Commitments
	if limit := len(g.states) * obligations * 500; opt.Assessments > limit {
		return nil, fmt.Errorf("synth: %d assessments are too many for %d states and %d obligations (at most %d)",
			opt.Assessments, len(g.states), obligations, limit)
	}
	r := newRNG(g.seed, streamSetup, 0)
	g.primary = r.perm(len(g.states))
	g.srebrenica = rareBriefs(r, opt.Briefs)
	g.makeTreaties()
	g.makeConsents()
	g.makeCommitments()
	g.makeStatuses()
	return g, nil
}

// rareBriefs chooses ceil(n/1000) briefs, one in each run of n/count
// consecutive briefs, so that the rare word's count is exact rather than
// merely expected, and a small site still has one hit to search for.
func rareBriefs(r *rng, n int) map[int]bool {
	out := map[int]bool{}
	if n == 0 {
		return out
	}
	count := (n + 999) / 1000
	step := n / count
	for k := range count {
		out[k*step+r.intn(step)] = true
	}
	return out
}

// Each calls fn for every file of the site, in a fixed order: site.yaml,
// the content pages, the data tables, then the briefs in index order. The
// data passed to fn is valid only until fn returns (the buffer is reused),
// so a 100,000-brief site never sits in memory. Each stops at, and
// returns, the first error from fn.
func Each(opt Options, fn func(path string, data []byte) error) error {
	g, err := newGen(opt)
	if err != nil {
		return err
	}
	files, err := g.fixedFiles()
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := fn(f.path, f.data); err != nil {
			return err
		}
	}
	var b strings.Builder
	for i := range g.opt.Briefs {
		b.Reset()
		path := g.writeBrief(i, &b)
		if err := fn(path, []byte(b.String())); err != nil {
			return err
		}
	}
	return nil
}

// Files returns the whole site as a map from slash-separated path to
// contents, ready for fstest.MapFS. It holds every brief in memory: use
// Write or Each for large sites. It panics on options that Write would
// reject (a negative count).
func Files(opt Options) map[string][]byte {
	out := map[string][]byte{}
	err := Each(opt, func(path string, data []byte) error {
		out[path] = append([]byte(nil), data...)
		return nil
	})
	if err != nil {
		panic(err)
	}
	return out
}

// Write writes the site under dir, creating dir if needed. It refuses a
// dir that exists and is not empty, so that it never mixes a new site with
// an old one or overwrites anything. Briefs are generated and written by
// one goroutine per CPU, each holding one brief at a time; the bytes are
// the same as Files gives.
func Write(dir string, opt Options) error {
	g, err := newGen(opt)
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("synth: %w", err)
	case len(entries) > 0:
		return fmt.Errorf("synth: %s is not empty; give a new or empty directory", dir)
	}
	for _, d := range []string{"content/situations", "content/data"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	files, err := g.fixedFiles()
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := writeFile(dir, f.path, []byte(f.data)); err != nil {
			return err
		}
	}
	return g.writeBriefs(dir)
}

func (g *gen) writeBriefs(dir string) error {
	var (
		next     atomic.Int64
		failed   atomic.Bool
		firstErr error
		once     sync.Once
		wg       sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var b strings.Builder
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= g.opt.Briefs {
					return
				}
				b.Reset()
				path := g.writeBrief(i, &b)
				if err := writeFile(dir, path, []byte(b.String())); err != nil {
					once.Do(func() { firstErr = err })
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return firstErr
}

func writeFile(dir, path string, data []byte) error {
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(path)), data, 0o644); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

type file struct {
	path string
	data []byte
}

// fixedFiles returns everything but the briefs.
func (g *gen) fixedFiles() ([]file, error) {
	compliance, err := g.complianceCSV()
	if err != nil {
		return nil, err
	}
	return []file{
		{"content/site.yaml", []byte(siteYAML)},
		{"content/about.md", []byte(aboutMD)},
		{"content/methodology.md", []byte(methodologyMD)},
		{"content/data/treaties.csv", g.treatiesCSV()},
		{"content/data/ratifications.csv", g.ratificationsCSV()},
		{"content/data/commitments.csv", g.commitmentsCSV()},
		{"content/data/commitment_status.csv", g.commitmentStatusCSV()},
		{"content/data/compliance.csv", compliance},
	}, nil
}

const siteYAML = `title: Synthetic benchmark site
base_url: https://example.org/
language: en
description: Generated by r2p-synth for benchmarks and scale tests. Every brief, treaty, commitment and rating in it is synthetic and describes no real event.
as_of: ` + AsOf + "\n"

const aboutMD = `---
title: About this synthetic site
---

This site was generated by r2p-synth to measure how r2p and other tools
behave on large inputs. Its situation briefs are made of generated text; the
places they are about are invented; the treaties and commitments in its data
are numbered placeholders; the ratings and dates are drawn at random.

Nothing here is a statement about any real state, population or event.
`

const methodologyMD = `---
title: How the synthetic content is made
---

## Briefs

Each brief has its own random stream derived from the seed and its index,
so the same seed always gives the same bytes. Its prose is drawn from a
fixed vocabulary of real reporting words and invented ones, with word
frequencies that fall off as in natural text.

## Data

Treaties, ratifications, commitments and compliance ratings are drawn so
that their dates are consistent: a signature comes before a deposit, entry
into force after it, and a withdrawal after that, all before the as_of date
of the site.
`
