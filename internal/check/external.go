package check

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/r2p-monitor/r2p/internal/diag"
)

// FetchConfig limits how external links are checked.
type FetchConfig struct {
	Timeout     time.Duration // per request; 0 means 10s
	Concurrency int           // requests at once; 0 means 8
	Client      *http.Client  // nil means a client with Timeout
	UserAgent   string
}

// Fetch asks the server of every link whether it exists: HEAD first, and
// GET when the server refuses HEAD (many answer 403, 405 or 501 to it).
// A status of 400 or more, or no answer within the timeout, is a problem
// at the link's place. Requests go out at most Concurrency at a time, so a
// site with thousands of links to one host does not hammer it.
func Fetch(ctx context.Context, links []Link, cfg FetchConfig) []diag.Error {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 8
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: cfg.Timeout}
	}
	errs := make([]string, len(links))
	sem := make(chan struct{}, cfg.Concurrency)
	var wg sync.WaitGroup
	for i, ln := range links {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = fetch(ctx, cfg, ln.URL)
		}()
	}
	wg.Wait()
	var l diag.List
	for i, e := range errs {
		if e != "" {
			l.Addf(links[i].Pos, "external link %q: %s", links[i].URL, e)
		}
	}
	return l.Errors()
}

// fetch returns "" when url answers, and otherwise why not.
func fetch(ctx context.Context, cfg FetchConfig, url string) string {
	status, err := request(ctx, cfg, http.MethodHead, url)
	switch status {
	case http.StatusForbidden, http.StatusMethodNotAllowed, http.StatusNotImplemented, http.StatusBadRequest:
		status, err = request(ctx, cfg, http.MethodGet, url)
	}
	switch {
	case err != nil:
		return err.Error()
	case status >= 400:
		return fmt.Sprintf("the server answers %d %s", status, http.StatusText(status))
	}
	return ""
}

func request(ctx context.Context, cfg FetchConfig, method, url string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return 0, fmt.Errorf("not a URL a request can be made to: %v", err)
	}
	if cfg.UserAgent != "" {
		req.Header.Set("User-Agent", cfg.UserAgent)
	}
	resp, err := cfg.Client.Do(req)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return 0, fmt.Errorf("no answer within %v", cfg.Timeout)
		}
		return 0, fmt.Errorf("cannot fetch: %v", unwrapURLError(err))
	}
	// Read a little of the body so the connection can be reused, but
	// never a whole large page: only the status matters.
	_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
	resp.Body.Close()
	return resp.StatusCode, nil
}
