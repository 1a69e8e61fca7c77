// Package charts draws the site's figures as SVG from plain Go values:
// maps of the world, step charts, bars, timelines and heat maps. It knows
// nothing of the model or of pages; internal/render turns the model into
// the values here and places the returned markup.
//
// Every figure is an <svg> with a viewBox, so it scales with the page (a
// heat map also gives its natural width, past which it is not enlarged);
// it carries a <title> and <desc> named by aria-labelledby, and comes with
// a Table holding the same numbers, which the page shows under it. A
// figure is role="img", except a map whose states are links: that one is
// role="group", because an img hides its children, links included, from
// assistive technology. The markup holds no style attribute, <style> element or
// script, so a Content-Security-Policy of style-src 'self' holds: colours
// are classes, styled by static/css/charts.css, and pattern fills are
// presentation attributes (fill="url(#...)").
//
// The classes, which charts.css must style:
//
//	k0 … k5   categorical colours (Okabe–Ito), one per Slot
//	kx        "none" or "no data"
//	q0 … q4   a cool sequential ramp, light to dark, for shares
//	w0 … w4   a warm sequential ramp, light to dark, for ordered levels
//	hatch,dot the lines and dots of the patterns that tell categories
//	          apart without colour
//	val       a number drawn on a fill; charts.css gives it a halo so it
//	          reads on any colour or pattern
//	axis, grid, lbl, muted, area, line, mark, open, solid, leg, sw, cell
//	sea, land, bg  the globe, the land, and areas outside the registry
//
// A figure for a right-to-left page (Locale.RTL) is its left-to-right
// layout mirrored, as Arabic editions of UN publications draw their
// charts: years run from the right, bars grow leftwards from labels at the
// right, a matrix's first column is beside its row labels at the right,
// and legends read from the right. Its <svg> sets direction="rtl", and a
// text that starts with a number or a Latin letter (a year, a count,
// "A/RES/60/1") is wrapped in the isolates U+2066 … U+2069 so that it
// keeps its order. A map's geography is never mirrored, only its legend.
//
// Every id inside a figure starts with the figure's ID, so several
// figures can share a page. Output is a pure function of the input: the
// same values give the same bytes.
//
// Maps are drawn from Natural Earth's 1:110m countries (world.json, made
// by tools/worldmap/convert.js), projected with Equal Earth and rounded to
// whole units once per process. A page can either carry the outlines or
// point <use> elements at one shared file (SpriteFile), so that a site of
// many maps sends the geometry once.
package charts
