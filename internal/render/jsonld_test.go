package render

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/r2p-monitor/r2p"
	"github.com/r2p-monitor/r2p/internal/diag"
	"github.com/r2p-monitor/r2p/internal/markdown"
	"github.com/r2p-monitor/r2p/internal/model"
	"github.com/r2p-monitor/r2p/internal/source"
)

func smallRenderer(t *testing.T) *Renderer {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range readSmall(t) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	var l diag.List
	site := model.Build(source.Load(fsys, &l), model.Options{}, &l)
	r := New(site, markdown.New(markdown.Config{}), r2p.Defaults, "test", &l)
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestJSONLDEscapes checks that text able to end a <script> element comes
// out of jsonld escaped, and that the JSON still reads back as written.
func TestJSONLDEscapes(t *testing.T) {
	r := smallRenderer(t)
	title := `</script><script>alert("x")</script> & <!--`
	page := BriefPage{Base: r.base("brief", title, "", "/situations/x/"), Brief: BriefItem{Title: title}}
	js, err := r.jsonld(page)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(string(js), "<>&") {
		t.Errorf("jsonld left <, > or & unescaped: %s", js)
	}
	var back struct {
		Type     string `json:"@type"`
		Headline string `json:"headline"`
	}
	if err := json.Unmarshal([]byte(js), &back); err != nil {
		t.Fatal(err)
	}
	if back.Type != "Article" || back.Headline != title {
		t.Errorf("got %+v, want an Article headed %q", back, title)
	}
}

// TestJSONLDKinds checks which pages get a description.
func TestJSONLDKinds(t *testing.T) {
	r := smallRenderer(t)
	for _, c := range []struct {
		page any
		want string
	}{
		{HomePage{Base: r.base("home", "H", "", "/")}, `"@type":"WebSite"`},
		{DataPage{Base: r.base("data", "Open data", "", "/data/"), All: "/data/r2p.json"}, `"@type":"Dataset"`},
		{ContentPage{Base: r.base("page", "About", "", "/about/")}, ""},
	} {
		js, err := r.jsonld(c.page)
		if err != nil {
			t.Fatal(err)
		}
		if c.want == "" && js != "" || !strings.Contains(string(js), c.want) {
			t.Errorf("%T: got %s, want %q", c.page, js, c.want)
		}
	}
}
