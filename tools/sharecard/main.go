// Command sharecard draws the default share image of the r2p theme,
// static/img/share.png: the 1200×630 card that Open Graph and Twitter show
// when a page is shared (templates/partials/social.html links it).
//
// The card holds only the site's name and what the site is, in plain
// letters: no photograph, no map and no figure that could be mistaken for
// data. The letters come from a 5×7 pixel font defined below, so the tool
// needs nothing beyond the standard library and draws the same bytes on
// every machine.
//
//	go run ./tools/sharecard                       # rewrites static/img/share.png
//	go run ./tools/sharecard -title "Mon site" -o x.png
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
)

const width, height = 1200, 630

var (
	navy  = color.RGBA{0x0b, 0x3d, 0x6e, 0xff} // --accent in r2p.css
	white = color.RGBA{0xff, 0xff, 0xff, 0xff}
	pale  = color.RGBA{0xc9, 0xd8, 0xea, 0xff}
)

func main() {
	title := flag.String("title", "R2P Monitor", "site name, the card's headline")
	sub := flag.String("subtitle", "Responsibility to protect", "second line")
	note := flag.String("note", "Sourced briefs · treaties · open data", "third line")
	out := flag.String("o", "static/img/share.png", "output file")
	flag.Parse()
	img, err := draw(*title, *sub, *note)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sharecard:", err)
		os.Exit(1)
	}
	f, err := os.Create(*out)
	if err == nil {
		err = png.Encode(f, img)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sharecard:", err)
		os.Exit(1)
	}
}

func draw(title, sub, note string) (*image.Paletted, error) {
	img := image.NewPaletted(image.Rect(0, 0, width, height), color.Palette{navy, white, pale})
	// A round mark before the title, as in the page header.
	disc(img, 116, 163, 28, 1)
	lines := []struct {
		text  string
		scale int
		x, y  int
		ink   uint8
	}{
		{title, 14, 186, 114, 1},
		{sub, 7, 80, 330, 2},
		{note, 4, 80, 430, 2},
	}
	for _, l := range lines {
		if err := text(img, strings.ToUpper(l.text), l.x, l.y, l.scale, l.ink); err != nil {
			return nil, err
		}
	}
	// A rule along the foot, where the header's rule is on the page.
	fill(img, image.Rect(80, 540, width-80, 546), 2)
	return img, nil
}

// text draws s with its top-left corner at (x, y), each font pixel a
// scale×scale square. It refuses text wider than the card.
func text(img *image.Paletted, s string, x, y, scale int, ink uint8) error {
	if w := x + len([]rune(s))*6*scale; w > width-40 {
		return fmt.Errorf("%q is too wide for the card at this size (%d px)", s, w)
	}
	for _, r := range s {
		g, ok := glyphs[r]
		if !ok {
			return fmt.Errorf("no glyph for %q; add it to glyphs", r)
		}
		for row, bits := range g {
			for col, b := range bits {
				if b == '#' {
					fill(img, image.Rect(x+col*scale, y+row*scale, x+(col+1)*scale, y+(row+1)*scale), ink)
				}
			}
		}
		x += 6 * scale
	}
	return nil
}

func fill(img *image.Paletted, r image.Rectangle, ink uint8) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetColorIndex(x, y, ink)
		}
	}
}

func disc(img *image.Paletted, cx, cy, rad int, ink uint8) {
	for y := cy - rad; y <= cy+rad; y++ {
		for x := cx - rad; x <= cx+rad; x++ {
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= rad*rad {
				img.SetColorIndex(x, y, ink)
			}
		}
	}
}

// glyphs is a 5×7 pixel font: the capitals, digits and marks the default
// lines use.
var glyphs = map[rune][7]string{
	' ': {".....", ".....", ".....", ".....", ".....", ".....", "....."},
	'·': {".....", ".....", ".....", "..#..", ".....", ".....", "....."},
	'A': {".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"},
	'B': {"####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."},
	'C': {".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."},
	'D': {"####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."},
	'E': {"#####", "#....", "#....", "####.", "#....", "#....", "#####"},
	'F': {"#####", "#....", "#....", "####.", "#....", "#....", "#...."},
	'G': {".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"},
	'H': {"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"},
	'I': {".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."},
	'K': {"#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"},
	'L': {"#....", "#....", "#....", "#....", "#....", "#....", "#####"},
	'M': {"#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"},
	'N': {"#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#"},
	'O': {".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."},
	'P': {"####.", "#...#", "#...#", "####.", "#....", "#....", "#...."},
	'R': {"####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"},
	'S': {".####", "#....", "#....", ".###.", "....#", "....#", "####."},
	'T': {"#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."},
	'U': {"#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."},
	'V': {"#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."},
	'W': {"#...#", "#...#", "#...#", "#.#.#", "#.#.#", "##.##", "#...#"},
	'Y': {"#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."},
	'0': {".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."},
	'1': {"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."},
	'2': {".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"},
}
