package ingest

import (
	"bytes"
	"errors"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"

	"github.com/newsfold/newsfold/news"
)

// ErrNoArticle reports a web page in which no article text was found.
var ErrNoArticle = errors.New("no article text found in the page")

// Page is a web page to extract an article from.
type Page struct {
	HTML []byte
	// URL is where the page was fetched from, when known (a JSONL url
	// field, a WARC-Target-URI); it resolves relative links and names the
	// source when the page does not.
	URL string
	// ContentType is the HTTP Content-Type header, when known, for its
	// charset parameter.
	ContentType string
}

// Extracted is the result of ExtractPage.
type Extracted struct {
	Doc news.Document
	// Repair says how invalid bytes were repaired when the page claimed or
	// seemed to be UTF-8 but was not; zero when nothing was repaired.
	Repair Repair
	// Fallback is true when the main extractor found nothing and the
	// readability fallback supplied the text.
	Fallback bool
}

// ExtractPage finds the article in a web page: its main text (paragraphs
// separated by blank lines) and its metadata (title, byline, date, site
// name, canonical URL, language). The page is decoded with its declared
// or detected character set and the result is always valid UTF-8. The
// returned Document has Text, HTML and the hints filled in; ID and Origin
// are left to the caller. ExtractPage does no I/O.
//
// Two extractors read the page, go-trafilatura (the more precise) and
// readability, and their texts are reconciled by choose; where
// trafilatura finds nothing, readability's text is used. (trafilatura's
// own fallback extractors are left off: reconciling does better on the
// Zyte benchmark, for less work.)
func ExtractPage(p Page) (Extracted, error) {
	src, rep, err := decodeHTML(p.HTML, p.ContentType)
	if err != nil {
		return Extracted{}, err
	}
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return Extracted{}, err
	}
	unwrapInline(root)
	var pageURL *url.URL
	if u, err := url.Parse(p.URL); err == nil && u.IsAbs() {
		pageURL = u
	}
	out := Extracted{Repair: rep}
	doc := &out.Doc
	doc.HTML = src
	doc.URL = p.URL

	res, err := trafilatura.ExtractDocument(root, trafilatura.Options{
		OriginalURL:     pageURL,
		EnableFallback:  false,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Extensive,
	})
	if err == nil && res != nil {
		doc.Text = renderText(res.ContentNode)
		m := res.Metadata
		doc.Title = clean(m.Title)
		doc.Byline = clean(m.Author)
		// trafilatura joins the site names it finds with "; ".
		doc.Source, _, _ = strings.Cut(clean(m.Sitename), "; ")
		doc.Language = m.Language
		if !m.Date.IsZero() {
			doc.Date = m.Date.Format("2006-01-02")
		}
		if isAbsURL(m.URL) {
			doc.URL = m.URL
		}
	}
	parser := readability.NewParser()
	if art, err := parser.ParseDocument(root, pageURL); err == nil && art.Node != nil {
		second := renderText(art.Node)
		if doc.Text == "" {
			doc.Text = second
			out.Fallback = second != ""
		} else {
			doc.Text = choose(doc.Text, second)
		}
		doc.Title = or(doc.Title, clean(art.Title))
		doc.Byline = or(doc.Byline, clean(art.Byline))
		doc.Source = or(doc.Source, clean(art.SiteName))
		doc.Language = or(doc.Language, art.Language)
		if doc.Date == "" && art.PublishedTime != nil {
			doc.Date = art.PublishedTime.Format("2006-01-02")
		}
	}
	doc.Text = dropTitle(doc.Text, doc.Title)
	if doc.Source == "" {
		if u, err := url.Parse(doc.URL); err == nil {
			doc.Source = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	if doc.Text == "" {
		return out, ErrNoArticle
	}
	return out, nil
}

// choose picks the article text from the texts of the main extractor and
// of the second. When one text lies almost wholly (nine tenths of its word
// trigrams) inside the other and is much shorter, the extractors agree on
// the core and differ on the rest:
//   - the main text inside a second twice as long: the main extractor
//     stopped early (an article split across containers), so the second
//     is taken, unless it repeats paragraphs like a list of teasers;
//   - the second text (50 words or more) inside a main text three times
//     as long: the main extractor took in the page around the article, so
//     the second is taken.
//
// Otherwise the second votes on the paragraphs of the main one (see
// agree).
func choose(main, second string) string {
	mw, sw := words(main), words(second)
	if len(sw) >= 2*len(mw) && coverage(mw, trigrams(sw)) >= 0.9 && !repeats(second) {
		return second
	}
	if len(mw) >= 3*len(sw) && len(sw) >= 50 && coverage(sw, trigrams(mw)) >= 0.9 {
		return second
	}
	return agree(main, second)
}

// repeats reports whether a paragraph occurs three times or more in text,
// the mark of a list of teasers (each with its "Read more" or share
// buttons) rather than of one article.
func repeats(text string) bool {
	seen := map[string]int{}
	for _, p := range strings.Split(text, "\n\n") {
		if seen[p]++; seen[p] >= 3 {
			return true
		}
	}
	return false
}

// trigrams returns the set of word trigrams of w.
func trigrams(w []string) map[string]bool {
	set := make(map[string]bool, len(w))
	for i := 0; i+3 <= len(w); i++ {
		set[strings.Join(w[i:i+3], " ")] = true
	}
	return set
}

// coverage is the share of the word trigrams of w found in set; 0 when w
// has none.
func coverage(w []string, set map[string]bool) float64 {
	n, hit := 0, 0
	for i := 0; i+3 <= len(w); i++ {
		n++
		if set[strings.Join(w[i:i+3], " ")] {
			hit++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}

// agree keeps the paragraphs of text that second also holds: at least half
// of a paragraph's word trigrams (a paragraph of one or two words: the
// words in a row) must occur in second. When that would drop more than
// half of the words of text, second is taken to be the wrong one and text
// is returned whole.
func agree(text, second string) string {
	sw := words(second)
	joined := " " + strings.Join(sw, " ") + " "
	grams := trigrams(sw)
	paras := strings.Split(text, "\n\n")
	keep := paras[:0:0]
	total, kept := 0, 0
	for _, p := range paras {
		w := words(p)
		total += len(w)
		ok := coverage(w, grams) >= 0.5
		if len(w) < 3 {
			ok = strings.Contains(joined, " "+strings.Join(w, " ")+" ")
		}
		if ok {
			keep = append(keep, p)
			kept += len(w)
		}
	}
	if 2*kept < total {
		return text
	}
	return strings.Join(keep, "\n\n")
}

// words splits text into its words: runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// dropTitle removes a first paragraph that repeats the title: the title
// is carried in Document.Title, and extractors keep the page's <h1>.
func dropTitle(text, title string) string {
	first, rest, ok := strings.Cut(text, "\n\n")
	if ok && title != "" && sameWords(first, title) {
		return rest
	}
	return text
}

// sameWords reports whether a and b have the same words, ignoring case
// and punctuation.
func sameWords(a, b string) bool {
	wa, wb := words(strings.ToLower(a)), words(strings.ToLower(b))
	return len(wa) > 0 && strings.Join(wa, " ") == strings.Join(wb, " ")
}

func isAbsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.IsAbs() && u.Host != ""
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// clean collapses white space and removes invalid UTF-8.
func clean(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
}

// decodeHTML turns page bytes into valid UTF-8 in normalisation form C.
// Content that is valid UTF-8 and uses non-ASCII bytes is taken as UTF-8
// whatever it declares (a wrong declaration is far more common than
// Windows-1252 text that happens to be valid UTF-8). Otherwise a byte order
// mark, the Content-Type charset or a <meta> declaration selects the
// decoder, and without any the bytes are repaired as DecodeText does.
func decodeHTML(b []byte, contentType string) (string, Repair, error) {
	if isBinary(b) && !bytes.HasPrefix(b, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return "", Repair{}, errBinary
	}
	var s string
	var rep Repair
	enc, name, certain := charset.DetermineEncoding(b, contentType)
	switch {
	case utf8.Valid(b) && !bytes.HasPrefix(b, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		s = string(bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF}))
	case name == "utf-8" || !certain && name == "windows-1252" && !declaresCharset(b):
		s, rep = repairUTF8(bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF}))
	default:
		d, err := enc.NewDecoder().Bytes(b)
		if err != nil {
			s, rep = repairUTF8(b)
		} else {
			s = strings.ToValidUTF8(string(d), "\uFFFD")
		}
	}
	return norm.NFC.String(s), rep, nil
}

// declaresCharset reports whether the start of an HTML page declares a
// character set in a <meta> element.
func declaresCharset(b []byte) bool {
	if len(b) > 1024 {
		b = b[:1024]
	}
	return bytes.Contains(bytes.ToLower(b), []byte("charset"))
}

// unwrapInline replaces custom elements (names with a hyphen, such as
// <hl-trusted-source>) that stand inside running text and hold only
// phrasing content with their children. The extractors keep the text of
// the elements they know and drop unknown ones whole, so a custom element
// wrapping a citation or a link inside a sentence would otherwise cut the
// sentence; empty custom elements (counters filled by scripts) and those
// that stand on their own (widgets, embeds) are left for the extractors
// to judge.
func unwrapInline(n *html.Node) {
	inText := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			inText = true
			break
		}
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		unwrapInline(c)
		if inText && c.Type == html.ElementNode && strings.Contains(c.Data, "-") && hasText(c) && !hasBlock(c) {
			for g := c.FirstChild; g != nil; g = c.FirstChild {
				c.RemoveChild(g)
				n.InsertBefore(g, c)
			}
			n.RemoveChild(c)
		}
		c = next
	}
}

// hasText reports whether n holds text other than white space.
func hasText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" || c.Type == html.ElementNode && hasText(c) {
			return true
		}
	}
	return false
}

// hasBlock reports whether n holds a block element.
func hasBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockTags[c.Data] || hasBlock(c)) {
			return true
		}
	}
	return false
}

// blockTags are the elements that start a new paragraph in rendered text.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "dd": true,
	"details": true, "div": true, "dl": true, "dt": true, "fieldset": true,
	"figcaption": true, "figure": true, "footer": true, "form": true, "h1": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "header": true,
	"hr": true, "li": true, "main": true, "nav": true, "ol": true, "p": true,
	"pre": true, "section": true, "summary": true, "table": true, "tr": true,
	"ul": true, "caption": true, "body": true, "html": true,
}

// renderText turns an HTML subtree into plain text: one paragraph per
// block element, paragraphs separated by a blank line, white space inside
// a paragraph collapsed (kept inside <pre>), <br> as a line break, table
// cells separated by a space.
func renderText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var r textRenderer
	r.walk(n, false)
	r.flush()
	return strings.Join(r.paras, "\n\n")
}

type textRenderer struct {
	paras []string
	cur   strings.Builder
	space bool // a space is pending before the next word
}

func (r *textRenderer) flush() {
	s := strings.TrimSpace(r.cur.String())
	if s != "" {
		r.paras = append(r.paras, strings.ToValidUTF8(s, "\uFFFD"))
	}
	r.cur.Reset()
	r.space = false
}

func (r *textRenderer) walk(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		if pre {
			r.cur.WriteString(n.Data)
			return
		}
		r.words(n.Data)
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "noscript", "template", "head", "iframe", "svg", "button", "select", "option", "textarea":
			return
		case "br":
			r.cur.WriteString("\n")
			r.space = false
			return
		case "td", "th":
			r.space = true
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	block := n.Type == html.ElementNode && blockTags[n.Data]
	if block {
		r.flush()
	}
	pre = pre || n.Type == html.ElementNode && n.Data == "pre"
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c, pre)
	}
	if block {
		r.flush()
	}
}

// words appends text, collapsing runs of white space into one space.
func (r *textRenderer) words(s string) {
	if s == "" {
		return
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	lead, trail := unicode.IsSpace(first), unicode.IsSpace(last)
	fields := strings.Fields(s)
	if len(fields) == 0 {
		r.space = r.space || r.cur.Len() > 0
		return
	}
	for i, f := range fields {
		if (i > 0 || lead || r.space) && r.cur.Len() > 0 && !endsWithNewline(&r.cur) {
			r.cur.WriteByte(' ')
		}
		r.cur.WriteString(f)
	}
	r.space = trail
}

func endsWithNewline(b *strings.Builder) bool {
	s := b.String()
	return s != "" && s[len(s)-1] == '\n'
}
