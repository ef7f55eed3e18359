package cleaneval

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Case is one damaged benchmark document and what cleaning should get
// back from it.
type Case struct {
	ID     string
	Layout string // "web", "print" or "page"
	Text   string // the damaged raw text
	Source string
	Truth  []Text // the articles it holds, in reading order
	// Boiler lists the inserted pieces that cleaning must remove.
	Boiler []string
}

// damager applies noise with a seeded random source.
type damager struct {
	r *rand.Rand
}

func (d *damager) chance(p float64) bool { return d.r.Float64() < p }

func (d *damager) pick(xs []string) string { return xs[d.r.IntN(len(xs))] }

// Page furniture used to damage documents. These are the kinds of line
// that real pages carry; their exact words vary.
var (
	places = []string{"Washington, United States", "Paris, France", "Moscow, Russia", "Nairobi, Kenya", "Lima, Peru",
		"Jakarta, Indonesia", "Sydney, Australia", "Berlin, Germany", "Damascus, Syria", "Tokyo, Japan", "Cairo, Egypt"}
	agencyNames = []string{"AFP", "Reuters", "AP"}
	sectionsOf  = []string{"world", "news", "Politics", "business", "World", "Asia", "sport"}
	people      = []string{"JOHN SMITH", "MARIA LOPEZ", "AHMED KHAN", "LI WEI", "ANNA PETROVA", "JAMES O'NEILL"}
	bylines     = []string{"By Sarah Miller", "By Tom Hughes and Priya Natarajan", "By JEAN DUPONT", "By Carlos Mendes, Reuters"}
	related     = []string{"Related Posts", "Related Articles", "Read more", "You may also like", "Recommended"}
	navLines    = []string{"Share this article", "Advertisement", "Share on Facebook", "Tweet", "Skip to main content", "Print", "Sign up for our newsletter"}
	captionsOf  = []string{
		"Rescue workers search the rubble of a collapsed building in the centre of the city on the morning after the disaster",
		"Supporters of the opposition wave flags outside the electoral commission headquarters as results are announced in the capital",
		"A police officer stands guard near the scene of the incident as investigators collect evidence from the surrounding streets",
		"Fans gather outside the stadium before the final match of the season while stewards check tickets at the main entrance",
		"Delegates listen to a speech during the opening session of the international conference held at the convention centre",
	}
	linkTitles = []string{"Floods force thousands from their homes", "Minister resigns over spending row",
		"Five things to know about the new tax rules", "Markets slide as oil prices climb", "Star striker signs new deal"}
	comments = []string{
		"Typical. Nobody learns anything. Same story every year.",
		"Great article!! Thanks for sharing.",
		"Who pays for all this? We do. Always.",
		"This is fake news lol. Look it up yourself https://example.org/truth",
		"Sad. My thoughts go out to the families.",
	}
)

// credit returns a copyright line.
func (d *damager) credit(agency string) string {
	switch d.r.IntN(3) {
	case 0:
		return "© " + agency + " 2019"
	case 1:
		return "Copyright 2019 " + agency + ". All rights reserved."
	}
	return "(c) " + agency
}

// photoCaption returns a caption with a photo credit.
func (d *damager) photoCaption(agency string) string {
	c := d.pick(captionsOf)
	switch d.r.IntN(3) {
	case 0:
		return c + ". Photo: Jane Doe/" + strings.ToUpper(agency)
	case 1:
		return c + " (" + agency + " Photo/Jane Doe)"
	}
	return c + ". Photo: Pool via " + strings.ToUpper(agency)
}

// kern splits some words of a sentence with stray spaces, the way bad PDF
// extraction does ("No r t h Ko re a").
func (d *damager) kern(p string) string {
	ws := strings.Split(p, " ")
	if len(ws) < 6 {
		return p
	}
	start := d.r.IntN(len(ws) - 3)
	n := 2 + d.r.IntN(3)
	for k := start; k < start+n && k < len(ws); k++ {
		w := ws[k]
		if utf8.RuneCountInString(w) < 3 || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			continue
		}
		rs := []rune(w)
		var sb strings.Builder
		for i, r := range rs {
			if i > 0 && (d.chance(0.45) || i == len(rs)/2) {
				sb.WriteByte(' ')
			}
			sb.WriteRune(r)
		}
		ws[k] = sb.String()
	}
	return strings.Join(ws, " ")
}

// glueSentences drops the space after some full stops ("conflicts.But").
func (d *damager) glueSentences(p string) string {
	var sb strings.Builder
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		if rs[i] == ' ' && i >= 2 && i+2 < len(rs) && rs[i-1] == '.' && unicode.IsLower(rs[i-2]) &&
			unicode.IsUpper(rs[i+1]) && unicode.IsLower(rs[i+2]) && d.chance(0.5) {
			continue
		}
		sb.WriteRune(rs[i])
	}
	return sb.String()
}

// oddChars adds odd spaces, zero-width spaces, ligatures and markdown
// escapes.
func (d *damager) oddChars(p string) string {
	var sb strings.Builder
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == ' ' && d.chance(0.05):
			sb.WriteRune([]rune{'\u00a0', '\u2009', '\u202f'}[d.r.IntN(3)])
			continue
		case r == '$' || r == '*' || r == '_':
			sb.WriteByte('\\')
		case r == 'f' && i+1 < len(rs) && rs[i+1] == 'i' && d.chance(0.5):
			sb.WriteRune('ﬁ')
			i++
			continue
		case r == 'f' && i+1 < len(rs) && rs[i+1] == 'l' && d.chance(0.5):
			sb.WriteRune('ﬂ')
			i++
			continue
		}
		sb.WriteRune(r)
		if r == ' ' && d.chance(0.01) {
			sb.WriteRune('\u200b')
		}
	}
	return sb.String()
}

// mojibake shows the UTF-8 text as if it had been decoded as
// Windows-1252.
func mojibake(s string) string {
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		return s
	}
	return out
}

// paragraphs splits a body into its paragraphs.
func paragraphs(body string) []string {
	var out []string
	for _, p := range strings.Split(body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// charDamage applies character damage to every paragraph of an article.
func (d *damager) charDamage(ps []string) []string {
	kern, glue, odd := d.chance(0.35), d.chance(0.35), d.chance(0.35)
	out := make([]string, len(ps))
	for i, p := range ps {
		if kern && d.chance(0.25) {
			p = d.kern(p)
		}
		if glue {
			p = d.glueSentences(p)
		}
		if odd {
			p = d.oddChars(p)
		}
		out[i] = p
	}
	return out
}

// web builds a web-page-like document: section label, headline, byline,
// dateline, body paragraphs with share lines and a captioned photo, then a
// credit, related links and reader comments.
func (d *damager) web(t Text) Case {
	c := Case{ID: t.ID, Layout: "web", Truth: []Text{t}}
	agency := d.pick(agencyNames)
	var lines []string
	add := func(s string, boiler bool) {
		lines = append(lines, s)
		if boiler {
			c.Boiler = append(c.Boiler, s)
		}
	}
	if d.chance(0.3) {
		add(d.photoCaption(agency), true)
	}
	if d.chance(0.3) {
		add(d.pick(sectionsOf), true)
	}
	if t.Title != "" {
		add(t.Title, false)
	}
	if d.chance(0.3) {
		add(d.pick(bylines), true)
	}
	if d.chance(0.3) {
		place, country, _ := strings.Cut(d.pick(places), ", ")
		add(strings.ToUpper(place)+", "+country, true)
	}
	ps := d.charDamage(paragraphs(t.Body))
	for i, p := range ps {
		add(p, false)
		if i+1 < len(ps) && d.chance(0.06) {
			add(d.pick(navLines), true)
		}
	}
	if d.chance(0.4) {
		add(d.credit(agency), true)
	}
	if d.chance(0.4) {
		add(d.pick(related), true)
		for k := 0; k < 1+d.r.IntN(3); k++ {
			add(d.pick(linkTitles), true)
		}
	}
	if d.chance(0.3) {
		for k := 0; k < 1+d.r.IntN(3); k++ {
			add(d.pick(comments), true)
		}
		add("0 ( +0 / -0 )", true)
	}
	sep := "\n"
	if d.chance(0.5) {
		sep = "\n\n"
	}
	c.Text = strings.Join(lines, sep)
	if d.chance(0.15) {
		c.Text = mojibake(c.Text)
	}
	return c
}

// wrap breaks a paragraph into lines of about width runes, hyphenating
// some long words across the break.
func (d *damager) wrap(p string, width int) []string {
	var lines []string
	var cur []string
	n := 0
	for _, w := range strings.Split(p, " ") {
		wl := utf8.RuneCountInString(w)
		if n > 0 && n+1+wl > width {
			rs := []rune(w)
			if len(rs) >= 8 && isLetters(rs) && d.chance(0.5) {
				k := 3 + d.r.IntN(len(rs)-5)
				cur = append(cur, string(rs[:k])+"-")
				lines = append(lines, strings.Join(cur, " "))
				cur, n = []string{string(rs[k:])}, len(rs)-k
				continue
			}
			lines = append(lines, strings.Join(cur, " "))
			cur, n = nil, 0
		}
		cur = append(cur, w)
		n += wl + 1
	}
	if len(cur) > 0 {
		lines = append(lines, strings.Join(cur, " "))
	}
	return lines
}

func isLetters(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// print builds a printed-page-like document: headline, dateline, then
// paragraphs wrapped into short lines with words hyphenated across line
// breaks.
func (d *damager) print(t Text) Case {
	c := Case{ID: t.ID, Layout: "print", Truth: []Text{t}}
	var paras []string
	if t.Title != "" {
		paras = append(paras, t.Title)
	}
	if d.chance(0.5) {
		dl := d.pick(agencyNames) + " | " + d.pick(places)
		paras = append(paras, dl)
		c.Boiler = append(c.Boiler, dl)
	}
	width := 45 + d.r.IntN(30)
	for _, p := range d.charDamage(paragraphs(t.Body)) {
		paras = append(paras, strings.Join(d.wrap(p, width), "\n"))
	}
	c.Text = strings.Join(paras, "\n\n")
	return c
}

// page builds an OCR'd newspaper page holding several articles, each with
// headline and dateline, its body cut into column fragments that come out
// of order, with a pull quote and a photo caption between them.
func (d *damager) page(ts []Text) Case {
	c := Case{Layout: "page", Truth: ts}
	var ids []string
	var blocks []string
	for _, t := range ts {
		ids = append(ids, t.ID)
		blocks = append(blocks, t.Title)
		dl := d.pick(places)
		if d.chance(0.5) {
			dl = d.pick(agencyNames) + " | " + dl
		}
		blocks = append(blocks, dl)
		c.Boiler = append(c.Boiler, dl)
		ps := d.charDamage(paragraphs(t.Body))
		frags := d.columns(ps)
		// Pull quote: a sentence of the body, without its full stop, and
		// who said it.
		if len(frags) > 1 && d.chance(0.6) {
			if q := d.quote(paragraphs(t.Body)); q != "" {
				k := 1 + d.r.IntN(len(frags)-1)
				who := d.pick(people)
				frags[k] = append([]string{q, who}, frags[k]...)
				c.Boiler = append(c.Boiler, who)
			}
		}
		if len(frags) > 1 && d.chance(0.6) {
			k := 1 + d.r.IntN(len(frags)-1)
			cap := d.pick(captionsOf)
			frags[k] = append([]string{cap}, frags[k]...)
			c.Boiler = append(c.Boiler, cap)
		}
		// Columns come out of order, the first one excepted.
		rest := frags[1:]
		d.r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
		for _, f := range frags {
			blocks = append(blocks, f...)
		}
	}
	c.ID = strings.Join(ids, "+")
	c.Text = strings.Join(blocks, "\n\n")
	return c
}

// quote picks a body sentence of six to twenty-five words for a pull
// quote.
func (d *damager) quote(ps []string) string {
	for try := 0; try < 10; try++ {
		p := ps[d.r.IntN(len(ps))]
		s := strings.TrimSpace(strings.SplitAfter(p, ". ")[0])
		n := len(strings.Fields(s))
		if n >= 6 && n <= 25 && strings.HasSuffix(s, ".") && !strings.ContainsAny(s, "\"“”") {
			return strings.TrimSuffix(s, ".")
		}
	}
	return ""
}

// columns cuts paragraphs into two to four column fragments at word
// boundaries inside paragraphs, sometimes inside a hyphenated long word.
func (d *damager) columns(ps []string) [][]string {
	words := 0
	for _, p := range ps {
		words += len(strings.Fields(p))
	}
	n := 2 + d.r.IntN(3)
	if words < 60*n {
		n = max(1, words/60)
	}
	var frags [][]string
	var cur []string
	cutEvery := words / n
	count := 0
	for _, p := range ps {
		ws := strings.Fields(p)
		start := 0
		for i := range ws {
			count++
			if count >= cutEvery && len(frags) < n-1 && i > 0 && i < len(ws)-1 {
				left := strings.Join(ws[start:i+1], " ")
				rs := []rune(ws[i+1])
				if len(rs) >= 8 && isLetters(rs) && d.chance(0.3) {
					k := 3 + d.r.IntN(len(rs)-5)
					left += " " + string(rs[:k]) + "-"
					ws[i+1] = string(rs[k:])
				}
				cur = append(cur, left)
				frags = append(frags, cur)
				cur, start, count = nil, i+1, 0
			}
		}
		cur = append(cur, strings.Join(ws[start:], " "))
	}
	return append(frags, cur)
}
