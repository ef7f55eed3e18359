package reuseeval

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"github.com/newsfold/newsfold/news"
)

// tok is one word of a generated article and where it was copied from.
type tok struct {
	w    string
	src  int32 // index of the source text it was copied from, -1 for an edit
	pos  int32 // word index in that source
	para bool  // starts a paragraph
}

// Roles of generated articles.
const (
	roleOriginal = "original"
	roleCopy     = "copy"    // duplicate of the original, with noise
	roleVersion  = "version" // rewritten version of the original
	roleHost     = "host"    // other article holding a reused passage
	roleNegative = "negative"
)

// gdoc is one generated article.
type gdoc struct {
	id     string
	date   string
	family int // -1 when alone
	kind   string
	role   string
	toks   []tok
	// noise applied when rendering
	ocr, kern float64
	text      string
	spans     [][2]int // rune span of each token in text
}

// generator builds a benchmark from a pool of sources.
type generator struct {
	rng     *rand.Rand
	sources []*source
	vocab   []string // words of all sources, for edits
	docs    []*gdoc
	ecbNext int // next unused ECB+ source
	ecb     []int
	maxOCR  float64 // highest OCR error rate of duplicate copies
}

// bench is a generated benchmark: articles with their ground truth.
type bench struct {
	docs []*gdoc
}

// generate builds n families of each kind plus hard negatives.
func generate(bodies, ecb []*source, n int, seed uint64, maxOCR float64) (*bench, error) {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), maxOCR: maxOCR}
	var bodyIdx []int
	for _, s := range bodies {
		bodyIdx = append(bodyIdx, len(g.sources))
		g.sources = append(g.sources, s)
	}
	for _, s := range ecb {
		g.ecb = append(g.ecb, len(g.sources))
		g.sources = append(g.sources, s)
	}
	for _, s := range g.sources {
		for _, p := range s.paras {
			g.vocab = append(g.vocab, p...)
		}
	}
	g.rng.Shuffle(len(bodyIdx), func(i, j int) { bodyIdx[i], bodyIdx[j] = bodyIdx[j], bodyIdx[i] })
	g.rng.Shuffle(len(g.ecb), func(i, j int) { g.ecb[i], g.ecb[j] = g.ecb[j], g.ecb[i] })
	if len(bodyIdx) < 3*n {
		return nil, fmt.Errorf("only %d usable article bodies for %d families", len(bodyIdx), 3*n)
	}
	fam := 0
	for i := 0; i < n; i++ {
		g.duplicates(fam, bodyIdx[i])
		fam++
		g.versions(fam, bodyIdx[n+i])
		fam++
		g.reuse(fam, bodyIdx[2*n+i])
		fam++
	}
	if err := g.negatives(2 * n); err != nil {
		return nil, err
	}
	for i, d := range g.docs {
		d.id = fmt.Sprintf("g%04d-%s", i, d.role)
		g.render(d)
	}
	return &bench{docs: g.docs}, nil
}

// nextECB returns an unused ECB+ source.
func (g *generator) nextECB() (int, error) {
	if g.ecbNext >= len(g.ecb) {
		return 0, fmt.Errorf("ran out of ECB+ texts")
	}
	g.ecbNext++
	return g.ecb[g.ecbNext-1], nil
}

func (g *generator) mustECB() int {
	i, err := g.nextECB()
	if err != nil {
		panic(err) // sized in generate: n families need far fewer texts than ECB+ holds
	}
	return i
}

// paras returns source si's paragraphs [from, to) as tokens.
func (g *generator) paras(si, from, to int) []tok {
	var out []tok
	pos := 0
	for p, words := range g.sources[si].paras {
		for k, w := range words {
			if p >= from && p < to {
				out = append(out, tok{w: w, src: int32(si), pos: int32(pos), para: k == 0})
			}
			pos++
		}
	}
	return out
}

func (g *generator) add(d *gdoc) *gdoc {
	g.docs = append(g.docs, d)
	return d
}

func date(day int) string { return fmt.Sprintf("2024-03-%02d", 1+day%28) }

// duplicates makes an original and 1-3 copies: OCR noise, kerning, a
// trimmed ending, a changed headline.
func (g *generator) duplicates(fam, si int) {
	np := len(g.sources[si].paras)
	day := g.rng.IntN(20)
	g.add(&gdoc{family: fam, kind: news.Duplicate, role: roleOriginal, date: date(day), toks: g.paras(si, 0, np)})
	for c := 0; c < 1+g.rng.IntN(3); c++ {
		d := &gdoc{family: fam, kind: news.Duplicate, role: roleCopy, date: date(day + g.rng.IntN(2))}
		if g.rng.IntN(4) == 0 {
			d.date = ""
		}
		end := np
		if g.rng.IntN(5) < 2 {
			end = max(np-1-g.rng.IntN(max(1, np/3)), (np+1)/2)
		}
		if g.rng.IntN(2) == 0 {
			d.toks = append(d.toks, g.headline()...)
		}
		d.toks = append(d.toks, g.paras(si, 0, end)...)
		d.ocr = g.maxOCR * []float64{0, 1.0 / 6, 1.0 / 3, 2.0 / 3, 1}[g.rng.IntN(5)]
		d.kern = []float64{0, 0, 0.05, 0.15}[g.rng.IntN(4)]
		g.add(d)
	}
}

// headline returns a new headline paragraph of 5-10 words from an unused
// text.
func (g *generator) headline() []tok {
	si := g.mustECB()
	t := g.paras(si, 0, 1)
	t = t[:min(len(t), 5+g.rng.IntN(6))]
	t[0].para = true
	return t
}

// versions makes an original and 1-2 rewritten versions: a new lead,
// paragraphs cut and added, light word edits; sometimes also a noisy copy
// of the original.
func (g *generator) versions(fam, si int) {
	np := len(g.sources[si].paras)
	day := g.rng.IntN(20)
	g.add(&gdoc{family: fam, kind: news.Version, role: roleOriginal, date: date(day), toks: g.paras(si, 0, np)})
	for v := 0; v < 1+g.rng.IntN(2); v++ {
		d := &gdoc{family: fam, kind: news.Version, role: roleVersion, date: date(day + 1)}
		filler := g.mustECB()
		fp := len(g.sources[filler].paras)
		// New lead in place of the first paragraph.
		d.toks = append(d.toks, g.paras(filler, 0, 1)...)
		cut := map[int]bool{}
		for c := 0; c < 1+g.rng.IntN(max(1, np/2)); c++ {
			cut[1+g.rng.IntN(np-1)] = true
		}
		added := 1
		for p := 1; p < np; p++ {
			if cut[p] {
				continue
			}
			// Most paragraphs get light edits, some are reworded heavily,
			// as in real rewrites.
			d.toks = append(d.toks, g.edit(g.paras(si, p, p+1), []int{6, 6, 15, 25}[g.rng.IntN(4)])...)
			if added < fp && g.rng.IntN(np) < 3 {
				d.toks = append(d.toks, g.paras(filler, added, added+1)...)
				added++
			}
		}
		if g.rng.IntN(3) == 0 {
			d.ocr = 0.01
		}
		g.add(d)
	}
	if g.rng.IntN(3) == 0 {
		g.add(&gdoc{family: fam, kind: news.Version, role: roleCopy, date: date(day), toks: g.paras(si, 0, np), ocr: 0.01, kern: 0.05})
	}
}

// edit applies word edits at rate percent: words replaced or dropped.
func (g *generator) edit(ts []tok, rate int) []tok {
	var out []tok
	for _, t := range ts {
		switch r := g.rng.IntN(100); {
		case r < rate*2/3:
			t.w = g.vocab[g.rng.IntN(len(g.vocab))]
			t.src = -1
		case r < rate && !t.para:
			continue
		}
		out = append(out, t)
	}
	return out
}

// reuse makes an original and 1-2 other articles that each embed one (or
// two consecutive) of its paragraphs.
func (g *generator) reuse(fam, si int) {
	np := len(g.sources[si].paras)
	day := g.rng.IntN(20)
	g.add(&gdoc{family: fam, kind: news.Reuse, role: roleOriginal, date: date(day), toks: g.paras(si, 0, np)})
	// Pick a paragraph long enough to be a passage.
	p := g.rng.IntN(np)
	for k := 0; k < np && len(g.sources[si].paras[p]) < 25; k++ {
		p = (p + 1) % np
	}
	n := 1
	if g.rng.IntN(4) == 0 && p+1 < np {
		n = 2
	}
	for h := 0; h < 1+g.rng.IntN(2); h++ {
		host := g.mustECB()
		for len(g.sources[host].paras) < 4 {
			host = g.mustECB()
		}
		hp := len(g.sources[host].paras)
		at := 1 + g.rng.IntN(hp-1)
		d := &gdoc{family: fam, kind: news.Reuse, role: roleHost, date: date(day + 1 + g.rng.IntN(3))}
		d.toks = append(d.toks, g.paras(host, 0, at)...)
		d.toks = append(d.toks, g.edit(g.paras(si, p, p+n), 6)...)
		d.toks = append(d.toks, g.paras(host, at, hp)...)
		if g.rng.IntN(3) == 0 {
			d.ocr = 0.01
		}
		g.add(d)
	}
}

// negatives adds n unused ECB+ texts, several from each topic, so that
// independent reports of the same event sit side by side.
func (g *generator) negatives(n int) error {
	byTopic := map[string][]int{}
	var topics []string
	for _, si := range g.ecb[g.ecbNext:] {
		t := g.sources[si].topic
		if len(byTopic[t]) == 0 {
			topics = append(topics, t)
		}
		byTopic[t] = append(byTopic[t], si)
	}
	added := 0
	for round := 0; added < n && round < 10; round++ {
		for _, t := range topics {
			if len(byTopic[t]) > round && added < n {
				g.add(&gdoc{family: -1, role: roleNegative, toks: g.paras(byTopic[t][round], 0, len(g.sources[byTopic[t][round]].paras))})
				added++
			}
		}
	}
	if added < n {
		return fmt.Errorf("only %d ECB+ texts left for %d negatives", added, n)
	}
	return nil
}

// render writes d's text, applying its noise, and records token spans.
func (g *generator) render(d *gdoc) {
	var b strings.Builder
	n := 0
	for i, t := range d.toks {
		if i > 0 {
			sep := " "
			if t.para {
				sep = "\n\n"
			}
			b.WriteString(sep)
			n += len(sep)
		}
		w := g.noisy(t.w, d.ocr, d.kern)
		b.WriteString(w)
		k := utf8.RuneCountInString(w)
		d.spans = append(d.spans, [2]int{n, n + k})
		n += k
	}
	d.text = b.String()
}

// ocrConfusions are common OCR misreadings.
var ocrConfusions = map[rune][]string{
	'l': {"1", "I"}, 'i': {"l", "1"}, 'e': {"c", "o"}, 'o': {"0", "e"}, 'a': {"o", "e"},
	'm': {"rn"}, 'n': {"h", "u"}, 'h': {"b", "li"}, 'c': {"e"}, 's': {"5"}, 'u': {"v"},
	't': {"f"}, 'r': {"n"}, 'd': {"cl"},
}

// noisy returns w with OCR errors (substitutions, deletions) at rate ocr
// per letter, and, with probability kern, kerning damage (spaces inside
// the word).
func (g *generator) noisy(w string, ocr, kern float64) string {
	if ocr == 0 && kern == 0 {
		return w
	}
	var b strings.Builder
	rs := []rune(w)
	splitting := g.rng.Float64() < kern
	for i, r := range rs {
		if splitting && i > 0 && g.rng.IntN(2) == 0 {
			b.WriteByte(' ')
		}
		if g.rng.Float64() < ocr {
			if c, ok := ocrConfusions[r]; ok && g.rng.IntN(3) > 0 {
				b.WriteString(c[g.rng.IntN(len(c))])
				continue
			}
			if len(rs) > 1 {
				continue // dropped letter
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
