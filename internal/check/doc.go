// Package check verifies a built site as a whole, in memory: every
// internal link, fragment (#p12, heading ids, footnotes), image, script,
// stylesheet and CSS url() must name something the build wrote, and every
// problem is reported at the source file that caused it, not at the
// generated page, because that is the file an author can fix.
//
// Finding the source. The build says which site file produced each output
// file (build.Stats.Sources). A broken link on a page made from
// content/situations/syria.md is looked for in that file by the text of
// its target as written there: the href as emitted, and the same with
// base_url's path taken off (the author wrote /states/syr/, the page says
// /r2p/states/syr/). Generated pages (state, treaty and list pages) are
// searched in the Markdown introduction at their URL, the data tables and
// the site's templates. A link found nowhere is reported at the output
// file and line (public/states/syr/index.html:40), which means a built-in
// template made it.
//
// External links (another host, or a part of base_url's host outside its
// path) are collected, once each, with the first place they appear; Fetch
// asks each server for them.
package check
