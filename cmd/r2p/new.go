package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
	"github.com/r2p-monitor/r2p/internal/registry"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stderr, "usage: r2p new site DIR\n       r2p new brief [-s DIR] [--risk LEVEL] CODE\n\nexamples:\n  r2p new site ./monitor\n  r2p new brief -s ./monitor SYR\n")
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	switch args[0] {
	case "site":
		return newSite(args[1:], stdout, stderr)
	case "brief":
		return newBrief(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "r2p new: unknown kind %q; use site or brief\n", args[0])
	return exitUsage
}

func newSite(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new site", "DIR", "r2p new site ./monitor", stderr)
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	dir := fs.Arg(0)
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(stderr, "r2p new site: %s is not empty; choose a new directory\n", dir)
		return exitInvalid
	}
	names := make([]string, 0, len(starterSite))
	for name := range starterSite {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := writeNew(filepath.Join(dir, filepath.FromSlash(name)), starterSite[name]); err != nil {
			fmt.Fprintf(stderr, "r2p new site: %v\n", err)
			return exitInvalid
		}
	}
	fmt.Fprintf(stdout, "created a site in %s\nnext: r2p serve -s %s   (or r2p build -s %s)\n", dir, dir, dir)
	return exitOK
}

func newBrief(args []string, stdout, stderr io.Writer) int {
	var site, risk string
	fs := newFlags("new brief", "[-s DIR] [--risk LEVEL] CODE", "r2p new brief -s ./monitor --risk imminent-risk BDI", stderr)
	fs.StringVar(&site, "s", ".", "site `directory`")
	fs.StringVar(&risk, "risk", "serious-concern", "risk `level`: current-crisis, imminent-risk or serious-concern")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	st, ok := registry.Lookup(fs.Arg(0))
	if !ok {
		fmt.Fprintf(stderr, "r2p new brief: unknown state code %q; use an ISO 3166-1 alpha-3 code such as SYR\n", fs.Arg(0))
		return exitUsage
	}
	if _, known := (&model.Config{RiskLevels: model.DefaultRiskLevels}).Risk(risk); !known {
		fmt.Fprintf(stderr, "r2p new brief: unknown risk level %q\n", risk)
		return exitUsage
	}
	name := filepath.Join(site, "content", "situations", fileSlug(st.Name)+".md")
	if err := writeNew(name, briefSkeleton(st, risk, time.Now())); err != nil {
		fmt.Fprintf(stderr, "r2p new brief: %v\n", err)
		return exitInvalid
	}
	fmt.Fprintf(stdout, "created %s\n", name)
	return exitOK
}

// fileSlug makes an ASCII file name from a state's name, so that the brief's
// URL needs no percent-encoding: "Côte d'Ivoire" -> cote-d-ivoire.
func fileSlug(name string) string {
	folded := strings.NewReplacer("ô", "o", "ü", "u", "é", "e", "è", "e", "í", "i", "ç", "c", "ã", "a", "á", "a").Replace(name)
	return markdown.Slug(folded)
}

// writeNew creates a file, refusing to overwrite one that exists.
func writeNew(name, text string) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; not overwriting it", name)
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// briefSkeleton is a new brief with its front matter filled in. The date is
// today's: scaffolding is the one place where the clock may speak.
func briefSkeleton(st registry.State, risk string, now time.Time) string {
	return fmt.Sprintf(`---
title: %s
states: [%s]
risk: %s   # current-crisis | imminent-risk | serious-concern
date: %s
summary: One plain-text paragraph that says what is happening and why it matters.
risk_factors: []   # numbers 1-14 of the Framework of Analysis for Atrocity Crimes
sources: []        # UN document symbols such as A/HRC/31/68, or URLs
draft: true        # remove this line to publish
---

Write the first paragraph of the assessment here. Paragraphs are numbered
automatically, so readers can cite "para. 1" with a link.

## Why this risk level

Say which facts justify the level chosen, and cite each source.[^1]

[^1]: A UN document symbol or a URL, with the paragraph cited.
`, yamlQuote(st.Name), st.Code, risk, now.Format("2006-01-02"))
}

// yamlQuote quotes a state name when YAML would otherwise misread it
// ("Côte d'Ivoire" is fine bare; a name with ": " or a leading quote is not).
func yamlQuote(s string) string {
	if strings.ContainsAny(s, ":#'\"[]{},&*!|>%@`") {
		return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
	}
	return s
}
