package check

import (
	"io/fs"
	"net/url"
	"sync"

	"github.com/r2p-monitor/r2p/internal/build"
	"github.com/r2p-monitor/r2p/internal/model"
	"github.com/r2p-monitor/r2p/internal/render"
	"github.com/r2p-monitor/r2p/internal/source"
	"go.yaml.in/yaml/v3"
)

// Build builds site over defaults in memory, as r2p build would but
// writing nothing, and checks the output. A build that fails returns its
// problems as the error and no report: links of a site that does not
// build are not worth reading yet.
func Build(site, defaults fs.FS, opt build.Options) (Report, build.Stats, error) {
	files := map[string][]byte{}
	var mu sync.Mutex
	stats, err := build.Run(site, defaults, opt, func(f render.File) error {
		mu.Lock()
		files[f.Path] = f.Data
		mu.Unlock()
		return nil
	})
	if err != nil {
		return Report{}, stats, err
	}
	rep := Run(Input{Files: files, Sources: stats.Sources, Site: site, Base: baseURL(site, opt)})
	return rep, stats, nil
}

// baseURL is the base_url the build used. The build has already checked
// it, so a bad one here only means the domain root.
func baseURL(site fs.FS, opt build.Options) *url.URL {
	raw := opt.BaseURL
	if opt.Offline {
		return nil // every link is relative to its page
	}
	if raw == "" {
		var cfg struct {
			BaseURL string `yaml:"base_url"`
		}
		if data, err := fs.ReadFile(site, source.ConfigPath); err == nil && yaml.Unmarshal(data, &cfg) == nil {
			raw = cfg.BaseURL
		}
	}
	if raw == "" {
		return nil
	}
	u, err := model.ParseBaseURL(raw)
	if err != nil {
		return nil
	}
	return u
}
