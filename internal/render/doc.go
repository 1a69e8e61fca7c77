// Package render turns the typed site into files in memory: HTML pages
// through html/template, the Atom feed, the sitemap, robots.txt and the
// highlighting stylesheet. It performs no I/O beyond reading templates from
// the fs.FS it is given.
//
// # Templates
//
// Templates are read from templates/ in the site directory, falling back by
// file name to the defaults built into r2p. Each page kind is one set made
// of base.html, every file under partials/, and the kind's own file, which
// defines the block "main" (and may define "head"):
//
//	home.html               /                 HomePage
//	page.html               any content page  ContentPage
//	situations/list.html    /situations/      ListPage
//	situations/brief.html   a brief           BriefPage
//	states/list.html        /states/          StatesPage
//	states/state.html       /states/CODE/     StatePage
//	404.html                /404.html         NotFoundPage
//
// Every page's data embeds Base, so .Site, .Title, .URL and .Kind are always
// there. The functions available in templates are listed in funcs.go.
package render
