package clean

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/swar"
	"github.com/newsfold/newsfold/meta"
	"github.com/newsfold/newsfold/news"
)

// voteCounter recognises reader vote counters such as "0 ( +0 / -0 )" or
// "12 (+14 / -2)".
func voteCounter(t string) bool {
	digits, signs := 0, 0
	for _, r := range t {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == '+' || r == '-' || r == '/':
			signs++
		case r == ' ' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return digits >= 3 && signs >= 2 && strings.Contains(t, "(")
}

// lowerWords returns the words of t, lower-cased, with punctuation
// trimmed. They are cut from one string, made at once.
func lowerWords(t string) []string {
	var bufArr [512]byte
	var endsArr [64]int
	buf, ends := appendLowerWords(bufArr[:0], endsArr[:0], t)
	if len(ends) == 0 {
		return nil
	}
	all, out := string(buf), make([]string, len(ends))
	from := 0
	for k, end := range ends {
		out[k] = all[from:end]
		from = end
	}
	return out
}

// appendLowerWords appends the words of t, as lowerWords gives them, to
// buf one after the other, and where each ends in buf to ends, and
// returns both.
func appendLowerWords(buf []byte, ends []int, t string) ([]byte, []int) {
	var arr [64]byte
	for f := range strings.FieldsSeq(t) {
		if w := lowerWord(arr[:0], f); len(w) > 0 {
			buf = append(buf, w...)
			ends = append(ends, len(buf))
		}
	}
	return buf, ends
}

// asciiWord returns the bounds of the ASCII field f without the
// punctuation around it.
func asciiWord(f string) (a, b int) {
	a, b = 0, len(f)
	for a < b && !asciiAlnum(f[a]) {
		a++
	}
	for b > a && !asciiAlnum(f[b-1]) {
		b--
	}
	return a, b
}

// lowerWord appends the field f of a line to buf lower-cased, and returns
// it with the punctuation around it trimmed: the word of f as lowerWords
// gives it, or nothing.
func lowerWord(buf []byte, f string) []byte {
	ascii := true
	for i := 0; i < len(f); i++ {
		if f[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		// Trim, then lower-case what is left.
		a, b := asciiWord(f)
		for i := a; i < b; i++ {
			c := f[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		}
		return buf
	}
	for _, r := range f {
		buf = utf8.AppendRune(buf, toLower(r))
	}
	w := buf
	for len(w) > 0 {
		r, n := utf8.DecodeRune(w)
		if letterOrDigit(r) {
			break
		}
		w = w[n:]
	}
	for len(w) > 0 {
		r, n := utf8.DecodeLastRune(w)
		if letterOrDigit(r) {
			break
		}
		w = w[:len(w)-n]
	}
	return w
}

// allIn reports whether t has words and all of them are in set (numbers
// are allowed too).
func allIn(t string, set map[string]bool) bool {
	var arr [64]byte
	n := 0
	for f := range strings.FieldsSeq(t) {
		w := lowerWord(arr[:0], f)
		if len(w) == 0 {
			continue
		}
		n++
		if !set[string(w)] && !digitsOnly(w) {
			return false
		}
	}
	return n > 0
}

// digitsOnly reports whether w is made of ASCII digits.
func digitsOnly(w []byte) bool {
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

var commentWords = wordSet("comments comment reader readers leave a add post show view all login log in to sign join the conversation your discussion")

// commentHeader recognises the heading of a reader-comment section
// ("Comments", "3 comments", "Leave a comment", "Join the conversation").
func commentHeader(t string) bool {
	if !strings.Contains(t, "omment") && !strings.Contains(t, "OMMENT") && !strings.Contains(t, "onversation") && !strings.Contains(t, "iscussion") {
		return false
	}
	var arr [64]byte
	has := false
	for f := range strings.FieldsSeq(t) {
		w := lowerWord(arr[:0], f)
		if len(w) == 0 {
			continue
		}
		switch string(w) {
		case "comments", "comment", "conversation", "discussion":
			has = true
		}
		if !commentWords[string(w)] && !digitsOnly(w) {
			return false
		}
	}
	return has
}

var relatedWords = wordSet("related posts articles stories content coverage news links read more also see recommended you may might like most popular trending further reading from around the web on this topic don't don’t miss great top latest editor's editor’s editors picks videos watch next")

// relatedHeader recognises the heading of a related-links block ("Related
// Posts", "Read more", "You may also like..."). One word
// may be the site's name ("More Great WIRED Stories") when the heading
// names what it lists (stories, articles, news, posts, videos).
func relatedHeader(t string) bool {
	u := strings.TrimRight(t, ".… ")
	if meta.Terminated(u) && !strings.HasSuffix(u, ":") {
		return false
	}
	var arr [64]byte
	key, lists, lead := false, false, false
	n, unknown := 0, 0
	for f := range strings.FieldsSeq(t) {
		w := lowerWord(arr[:0], f)
		if len(w) == 0 {
			continue
		}
		switch string(w) {
		case "related", "read", "recommended", "popular", "trending", "like", "reading", "see":
			key = true
		case "stories", "articles", "news", "posts", "videos":
			lists = true
		}
		if !relatedWords[string(w)] {
			unknown++
		}
		if n == 0 {
			lead = string(w) == "more" || string(w) == "top" || string(w) == "latest"
		}
		n++
	}
	if lists && n >= 3 && lead {
		key = true
	}
	return key && (unknown == 0 || unknown == 1 && lists && n >= 3)
}

// readMoreLabels open the link lines readMore recognises, lower-cased.
var readMoreLabels = []string{"read more:", "read more >", "also read:", "see also:", "related:", "more:", "read also:", "related article:", "see more:", "read next:", "must read:", "recommended:", "watch:",
	"leggi anche", "lesen sie auch", "lire aussi", "leia também", "leia mais", "veja também", "lea también", "ver también", "lees ook", "czytaj też", "czytaj także", "читайте также"}

// readMoreFirst holds the first bytes of readMoreLabels, to skip most
// lines at a glance. A byte of an upper-case ASCII letter, set to lower
// case (c|0x20), is found here too.
var readMoreFirst = func() (first [256]bool) {
	for _, l := range readMoreLabels {
		first[l[0]] = true
	}
	return first
}()

// readMore recognises a single "Read more: headline", "SEE MORE: ..." or
// "DON'T MISS ..." link line, in English or as the other languages of
// the news say it ("Leggi anche", "Lesen Sie auch", "Lire aussi"), in
// brackets or not.
func readMore(t string) bool {
	t = strings.TrimLeft(t, "([")
	if len(t) > 24 {
		t = t[:24]
	}
	if t == "" || t[0] >= utf8.RuneSelf || readMoreFirst[t[0]|0x20] {
		var buf [24]byte
		low, ascii := buf[:0], true
		for i := 0; i < len(t) && ascii; i++ {
			c := t[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			low, ascii = append(low, c), c < utf8.RuneSelf
		}
		if !ascii {
			low = []byte(strings.ToLower(t))
		}
		for _, p := range readMoreLabels {
			if len(low) >= len(p) && string(low[:len(p)]) == p {
				return true
			}
		}
	}
	// A "DON'T MISS" teaser set in capitals runs into its links.
	return (strings.HasPrefix(t, "DON'T MISS") || strings.HasPrefix(t, "DON’T MISS")) && len(t) > len("DON'T MISS")+2
}

// linkLike reports whether a line reads like the title of a linked
// article: short and not a finished sentence, or a short question ("Could
// an astronaut lost in space use gravity to get around?").
func linkLike(t string) bool {
	n := wordCount(t)
	return n <= 20 && !meta.Terminated(t) || n <= 15 && strings.HasSuffix(strings.TrimRight(t, "\"”’' "), "?")
}

var navWords = wordSet("share this article story page on facebook twitter whatsapp linkedin email e-mail print tweet pinterest reddit telegram copy link url comment comments advertisement advertising ad subscribe subscription sign up in follow us back to top skip content main menu home search login log newsletter save bookmark next previous prev more click here loading close open sponsored topics tags tag feedback contact print-friendly continue reading below above")

// navigation recognises share buttons, advertising labels, menus and
// breadcrumbs: short lines made only of navigation words, or "A > B > C".
func navigation(t string) bool {
	if (strings.Contains(t, " > ") || strings.Contains(t, " › ") || strings.Contains(t, " » ")) && !meta.Terminated(t) {
		return true
	}
	return allIn(t, navWords)
}

var sections = wordSet("world news politics business sport sports asia europe africa americas opinion tech technology science health entertainment culture lifestyle national international local us uk middle east economy markets finance analysis features video photos nation region regional metro arts travel")

// sectionLabel recognises a section label above a headline ("world",
// "Asia", "Middle East").
func sectionLabel(t string) bool {
	n := fieldsUpTo(t, 4)
	if n == 0 || n > 3 || meta.Terminated(t) {
		return false
	}
	if allIn(t, sections) {
		return true
	}
	return n == 1 && strings.ToLower(t) == t && unicode.IsLetter([]rune(t)[0])
}

// comments removes reader comments: the blocks before a vote counter that
// read like comments rather than news prose. idx is the article's blocks
// in raw order, body its kept ones.
func (p *page) comments(body, idx []int) []int {
	counter := -1
	for _, i := range idx {
		if p.blocks[i].role == roleRemoved && p.blocks[i].kind == news.KindComments && voteCounter(p.blocks[i].text) {
			counter = i
			break
		}
	}
	if counter < 0 {
		return body
	}
	// Walk back from the counter over the article's blocks in raw order.
	at := -1
	for k, i := range idx {
		if i == counter {
			at = k
		}
	}
	for k := at - 1; k >= 0; k-- {
		b := &p.blocks[idx[k]]
		if b.role == roleRemoved {
			if b.kind == news.KindComments {
				continue
			}
			break
		}
		if b.role != roleBody || !commentLike(b.text) {
			break
		}
		p.remove(idx[k], news.KindComments)
	}
	return kept(p, body)
}

// commentLike reports whether a paragraph reads like a reader comment:
// it carries a URL or emoticon-like punctuation, or its sentences are
// shorter than news prose.
func commentLike(t string) bool {
	if strings.Contains(t, "http://") || strings.Contains(t, "https://") || strings.Contains(t, "::") ||
		strings.Contains(t, "!!") || strings.Contains(t, "??") || strings.Contains(t, ":)") {
		return true
	}
	words, sentences := 0, 0
	for _, w := range strings.Fields(t) {
		words++
		if meta.Terminated(w) {
			sentences++
		}
	}
	if sentences == 0 {
		sentences = 1
	}
	return words/sentences < 13
}

// kept returns the blocks of body that are not removed.
func kept(p *page, body []int) []int {
	out := body[:0]
	for _, i := range body {
		if p.blocks[i].role != roleRemoved {
			out = append(out, i)
		}
	}
	return out
}

// pullquotes removes pull quotes, short lines whose words all stand in a
// longer paragraph elsewhere on the page, and the attribution lines beside
// them ("KIM JONG UN"). A line followed by a full dateline is a headline,
// even when another headline repeats it. A line repeated only as a whole
// line (list items, table headers, a heading listed in a table of
// contents) is not a pull quote, and neither is a capitalised name
// ("Linksys Velop Wi-Fi 6 Mesh Router") set as a sub-heading over the
// paragraphs that mention it.
func (p *page) pullquotes() {
	// Candidates are unfinished lines or lines followed by an attribution;
	// they are looked up, letters only (so that kerning or hyphenation
	// damage does not hide a repeat), in the other lines.
	var cands []int
	for i := range p.blocks {
		b := &p.blocks[i]
		if b.role == roleRemoved {
			continue
		}
		n := wordCount(b.text)
		if n < 5 || n > 40 {
			continue
		}
		if i == p.keptNeighbour(-1, 1) {
			continue // the page's first line is its headline
		}
		// A pull quote is set apart: alone between blank lines, or
		// followed by who said it.
		j := p.keptNeighbour(i, 1)
		if j >= 0 && attribution(p.blocks[j].text) || p.alone(i) && !meta.Terminated(b.text) && !capitalised(b.text) {
			cands = append(cands, i)
		}
		if len(cands) == maxQuotes {
			break
		}
	}
	if len(cands) == 0 {
		return
	}
	size := 0
	for i := range p.blocks {
		size += len(p.blocks[i].text) + 1
	}
	all := slices.Grow(p.scr.letters[:0], size)
	starts := slices.Grow(p.scr.offsets[:0], len(p.blocks)+1)[:len(p.blocks)+1]
	for i := range p.blocks {
		starts[i] = len(all)
		if b := &p.blocks[i]; b.role != roleRemoved {
			all = appendLetters(all, b.text)
		}
		all = append(all, 0)
	}
	starts[len(p.blocks)] = len(all)
	p.scr.letters, p.scr.offsets = all, starts
	idx := newWindowIndex(string(all), p.scr.slots, p.scr.chain)
	p.scr.slots, p.scr.chain = idx.slots, idx.next
	// On a web page a line repeated as a whole line is a list item or a
	// table header, not a quote, and a quote's halves must meet a line's
	// end or start. In print a pull quote may repeat a whole one-sentence
	// paragraph, and a column break may cut the repeated sentence anywhere.
	whole, head, tail := anywhere, anywhere, anywhere
	if p.doc.HTML != "" {
		whole, head, tail = inLine, endsLine, startsLine
	}
	attributed := func(i int) bool {
		j := p.keptNeighbour(i, 1)
		return j >= 0 && attribution(p.blocks[j].text)
	}
	var quoted []string // the letters of the candidates with an attribution
	for _, i := range cands {
		if attributed(i) {
			quoted = append(quoted, letters(p.blocks[i].text))
		}
	}
	for _, i := range cands {
		key := letters(p.blocks[i].text)
		if !attributed(i) && p.doc.HTML == "" {
			inQuote := false
			for _, q := range quoted {
				inQuote = inQuote || q != key && strings.Contains(q, key)
			}
			if inQuote {
				continue // the body line an attributed pull quote repeats
			}
		}
		// Look for the quote outside its own line; a sentence cut by a
		// column break is found by its first three fifths ending a line
		// or its last three fifths starting one.
		found := idx.outside(key, starts[i], starts[i+1], whole)
		if !found && len(key) >= 40 {
			found = idx.outside(key[:len(key)*3/5], starts[i], starts[i+1], head) ||
				idx.outside(key[len(key)*2/5:], starts[i], starts[i+1], tail)
		}
		if !found && attributed(i) && p.doc.HTML == "" {
			found = splitRepeat(idx.text, key, starts[i], starts[i+1])
		}
		if !found || p.opensArticle(i, true) {
			continue
		}
		p.remove(i, news.KindPullquote)
		for _, j := range []int{p.keptNeighbour(i, 1), p.keptNeighbour(i, -1)} {
			if j >= 0 && attribution(p.blocks[j].text) {
				p.remove(j, news.KindPullquote)
			}
		}
	}
}

// splitRepeat reports whether key, the letters of a pull quote, is
// repeated outside [a, b) of all, the letters of a page's lines separated by
// 0 bytes, cut in two by a column break anywhere: a line outside starts
// with the rest of key, and its beginning ends a line outside.
func splitRepeat(all, key string, a, b int) bool {
	const least = 8 // letters on each side of the cut
	outside := func(x, n int) bool { return x+n <= a || x >= b }
	for start := 0; start < len(all); {
		end := start + strings.IndexByte(all[start:], 0)
		if end < start {
			end = len(all)
		}
		line := all[start:end]
		if len(line) >= least && outside(start, len(line)) {
			for k := least; k <= len(key)-least; k++ {
				j := strings.Index(key[k:], line[:least])
				if j < 0 {
					break
				}
				k += j
				if k > len(key)-least || !strings.HasPrefix(line, key[k:]) {
					continue
				}
				head := key[:k] + "\x00"
				for from := 0; ; {
					x := strings.Index(all[from:], head)
					if x < 0 {
						break
					}
					if x += from; outside(x, len(head)) {
						return true
					}
					from = x + 1
				}
			}
		}
		start = end + 1
	}
	return false
}

// windowIndex finds repeats in a text of 0-separated lines without
// scanning it for each one: it hashes the windows of win bytes that start
// at multiples of stride, so that any occurrence of a key of win+stride
// bytes or more covers one of them.
type windowIndex struct {
	text string
	// slots is an open-addressing table of the hashes (its size a power
	// of two, at most two thirds used); next chains the windows of one
	// hash, by window number (offset / stride), in text order.
	slots []winSlot
	next  []int32
}

// winSlot holds a hash and its first window, plus one; 0 is an empty
// slot.
type winSlot struct {
	h     uint64
	first int32
}

const (
	win    = 16
	stride = 8
	maxAt  = 4 // windows of one hash looked at
)

// newWindowIndex indexes text, reusing the storage of slots and next (of an
// index dropped before) when it is large enough.
func newWindowIndex(text string, slots []winSlot, next []int32) windowIndex {
	n := 0
	if len(text) >= win {
		n = (len(text)-win)/stride + 1
	}
	size := 1
	for size < n+n/2+1 {
		size <<= 1
	}
	slots = slices.Grow(slots[:0], size)[:size]
	clear(slots)
	x := windowIndex{text: text, slots: slots, next: slices.Grow(next[:0], n)[:n]}
	// Go backwards, so that each window is put in front of the later
	// ones of its hash.
	for w := n - 1; w >= 0; w-- {
		h := windowHash(text[w*stride:])
		s := x.slot(h)
		x.next[w] = s.first - 1
		s.h, s.first = h, int32(w)+1
	}
	return x
}

// slot returns the slot of hash h, empty if h is not in the table.
func (x windowIndex) slot(h uint64) *winSlot {
	mask := uint64(len(x.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		if s := &x.slots[i]; s.first == 0 || s.h == h {
			return s
		}
	}
}

// Where an occurrence must stand in its line.
const (
	anywhere   = iota
	inLine     // anywhere but as the whole line
	endsLine   // at the end of the line
	startsLine // at the start of the line
)

// outside reports whether key occurs in the text outside [from, to),
// placed in its line as where says.
func (x windowIndex) outside(key string, from, to, where int) bool {
	if len(key) < win+stride {
		return x.scan(key, 0, from, where) || x.scan(key, to, len(x.text), where)
	}
	for o := 0; o < stride; o++ {
		w := x.slot(windowHash(key[o:])).first - 1
		for k := 0; k < maxAt && w >= 0; k, w = k+1, x.next[w] {
			at := int(w)*stride - o
			if at < 0 || at+len(key) > len(x.text) || at < to && at+len(key) > from {
				continue
			}
			if x.text[at:at+len(key)] == key && x.placed(at, at+len(key), where) {
				return true
			}
		}
	}
	return false
}

// scan reports whether key occurs in text[from:to] placed as where says.
func (x windowIndex) scan(key string, from, to, where int) bool {
	for from < to {
		k := strings.Index(x.text[from:to], key)
		if k < 0 {
			return false
		}
		if at := from + k; x.placed(at, at+len(key), where) {
			return true
		}
		from += k + 1
	}
	return false
}

// placed reports whether text[a:b] stands in its line as where says.
func (x windowIndex) placed(a, b, where int) bool {
	starts := a == 0 || x.text[a-1] == 0
	ends := b == len(x.text) || x.text[b] == 0
	switch where {
	case anywhere:
		return true
	case endsLine:
		return ends
	case startsLine:
		return starts
	}
	return !starts || !ends
}

// capitalised reports whether most words of t (three of four) start with
// a capital letter or a digit, as names and title-case headings do and
// quoted sentences do not.
func capitalised(t string) bool {
	caps, n := 0, 0
	for _, w := range strings.Fields(t) {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "\"“‘'(<["))
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		n++
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			caps++
		}
	}
	return n > 0 && 4*caps >= 3*n
}

// windowHash hashes the first win bytes of s (it must have that many):
// its two halves, read as words, are mixed together.
func windowHash(s string) uint64 {
	_ = s[win-1]
	a := swar.Load64(s, 0)
	b := swar.Load64(s, 8)
	h := a*0x9e3779b97f4a7c15 ^ bits.RotateLeft64(b*0xbf58476d1ce4e5b9, 31)
	h ^= h >> 29
	return h * 0x94d049bb133111eb
}

// letters returns the lower-cased letters and digits of s.
func letters(s string) string { return string(appendLetters(make([]byte, 0, len(s)), s)) }

// appendLetters appends the lower-cased letters and digits of s to b.
func appendLetters(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if w := wordBytes[c]; w != 0 {
				b = append(b, w)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n - 1
		if letterOrDigit(r) {
			b = utf8.AppendRune(b, toLower(r))
		}
	}
	return b
}

// maxQuotes bounds the pull-quote candidates looked up on one page.
const maxQuotes = 64

// alone reports whether block i stands between blank lines on a page laid
// out with them.
func (p *page) alone(i int) bool {
	g := p.blocks[i].group
	return p.blank && (i == 0 || p.blocks[i-1].group != g) && (i+1 == len(p.blocks) || p.blocks[i+1].group != g)
}

// keptNeighbour returns the nearest block in direction dir that is not
// removed, or -1.
func (p *page) keptNeighbour(i, dir int) int {
	for j := i + dir; j >= 0 && j < len(p.blocks); j += dir {
		if p.blocks[j].role != roleRemoved {
			return j
		}
	}
	return -1
}

// attribution recognises the line that names the speaker of a pull quote:
// a few words in capitals or after a dash.
func attribution(t string) bool {
	if n := wordCount(t); n == 0 || n > 6 || meta.Terminated(t) {
		return false
	}
	if strings.HasPrefix(t, "—") || strings.HasPrefix(t, "–") || strings.HasPrefix(t, "- ") {
		return true
	}
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 3
}

// headings marks sub-headings: short headline-like blocks inside the body
// that are followed by the start of a sentence.
func (p *page) headings(body []int) {
	for k, i := range body {
		if k == len(body)-1 {
			break
		}
		t := p.blocks[i].text
		next, _ := utf8.DecodeRuneInString(p.blocks[body[k+1]].text)
		if wordCount(t) > 10 || !meta.TitleLike(t) || innerSentenceEnd(t) || p.wrapped(i) || next == utf8.RuneError || unicode.IsLower(next) {
			continue
		}
		p.blocks[i].role = roleHeading
	}
}

// web removes what web pages leave around an article that the line rules
// of classify take for prose: calls to action (newsletter, subscription
// and app prompts, "follow us" lines), lines of metadata fields ("Posted
// by: X - Category: Y - Tags: Z"), keyword lists, unexpanded CMS
// shortcodes and the author's contact line. Each rule needs two independent marks, so a sentence of the
// article that merely mentions a newsletter or a category stays.
func (p *page) web() {
	for i := range p.blocks {
		t := p.blocks[i].text
		if p.blocks[i].role == roleRemoved || wordCount(t) > 80 {
			continue
		}
		switch {
		// The hints learnt of the line stand for mayPromo.
		case shortcode(t) || keywordList(t) || p.hints.may(i) && promoWords(t):
			p.remove(i, news.KindNavigation)
		case metaFields(t):
			p.remove(i, news.KindMetadata)
		case contact(t):
			p.remove(i, news.KindCredit)
		}
	}
}

// ctaVerbs open a call to action.
var ctaVerbs = wordSet("get subscribe sign download follow click join listen register tap")

// ctaMarks are the phrases of calls to action, by their first word.
var ctaMarks = phrasesByFirst("app", "click here", "clicking here", "tap here", "sign up", "signup", "subscribe", "newsletter", "inbox", "download the", "our app", "promo code", "use the code", "use code", "free trial", "for as little as", "delivered to your", "delivered through your", "follow us", "follow him", "follow her", "follow me", "on twitter", "on facebook", "on instagram", "get access", "subscription")

// ctaMarkShape holds, for each first byte of the first words of
// ctaMarks, the lengths of those words as bits.
var ctaMarkShape = func() (shape [256]uint32) {
	for w := range ctaMarks {
		shape[w[0]] |= 1 << len(w)
	}
	return shape
}()

func phrasesByFirst(phrases ...string) map[string][][]string {
	m := map[string][][]string{}
	for _, p := range phrases {
		ws := strings.Fields(p)
		m[ws[0]] = append(m[ws[0]], ws)
	}
	return m
}

// promo recognises a call to action: a line with two marks among an
// opening verb of action ("Get", "Subscribe", "Follow") and the phrases
// of such prompts ("click here", "newsletter", "follow us on Twitter").
// A phrase that opens the line counts as the verb, not again. A prompt is
// short: beyond 30 words it takes three marks ("... is out now. Follow
// him on Twitter. Follow us on Facebook."), beyond 50 four.
func promo(t string) bool { return mayPromo(t) && promoWords(t) }

// promoWords is promo of a line that mayPromo lets through.
func promoWords(t string) bool {
	// The words, in storage of the call's own: most lines looked at are
	// not calls to action, and nothing of them is kept.
	var bufArr [1024]byte
	var endsArr [96]int
	buf, ends := appendLowerWords(bufArr[:0], endsArr[:0], t)
	if len(ends) == 0 {
		return false
	}
	word := func(k int) []byte {
		if k == 0 {
			return buf[:ends[0]]
		}
		return buf[ends[k-1]:ends[k]]
	}
	marks := 0
	if ctaVerbs[string(word(0))] {
		marks++
	}
	var seen map[string]bool // the phrases counted so far, made at the first match
	for k := range ends {
		w := word(k)
		if len(w) >= 32 || ctaMarkShape[w[0]]>>len(w)&1 == 0 {
			continue // no phrase starts with w: skip the lookup
		}
		for _, ph := range ctaMarks[string(w)] {
			if k+len(ph) > len(ends) || k == 0 && marks > 0 {
				continue
			}
			match := true
			for j, pw := range ph[1:] {
				if string(word(k+1+j)) != pw {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			if key := strings.Join(ph, " "); !seen[key] {
				if seen == nil {
					seen = map[string]bool{}
				}
				seen[key] = true
				marks++
			}
		}
	}
	n := len(ends)
	return marks >= 2 && n <= 30 || marks >= 3 && n <= 50 || marks >= 4 && n <= 80
}

// ctaHints holds, for each phrase of ctaMarks, one of its words, the
// rarest. Two marks take at least one phrase, so a line that holds none
// of these words is no prompt.
var ctaHints = wordSet("app click clicking tap sign signup subscribe newsletter inbox download promo code trial little delivered follow twitter facebook instagram access subscription")

// ctaHintEnds holds, by the last five bits of the first and last letters
// of each word of ctaHints (1 to 26 for 'a' to 'z', whatever the case),
// the lengths of those words as bits: none is shorter than 3 letters or
// longer than 31.
var ctaHintEnds = func() (ends [32 * 32]uint32) {
	for w := range ctaHints {
		ends[int(w[0]&31)<<5|int(w[len(w)-1]&31)] |= 1 << len(w)
	}
	return ends
}()

// mayPromo is a quick test for promo: it reports false only when none of
// the words of t, as lowerWords gives them, is in ctaHints, so that t
// holds no phrase of ctaMarks. It does not split t into fields: it
// reports false when no run of ASCII letters of t, lower-cased, is a word
// of ctaHints, and t holds neither of the two characters outside ASCII
// that lower-case into ASCII letters (the dotted capital I and the Kelvin
// sign). A hint that lowerWord makes of a field is then such a run,
// whole: what lowerWord trims around it is neither a letter nor a digit,
// and the field ends at a space. Most lines hold none. The runs are found
// eight bytes at a time, and a run is looked up only when its length and
// end letters are those of a hint; it allocates nothing.
func mayPromo(t string) bool {
	return promoLetters(t) || hintRuns(t)
}

// promoLetters reports whether t holds one of the two characters outside
// ASCII that lower-case into ASCII letters: mayPromo is true of it.
func promoLetters(t string) bool {
	return strings.Contains(t, "\u0130") || strings.Contains(t, "\u212a")
}

// hintRuns reports whether a run of ASCII letters of t, lower-cased, is a
// word of ctaHints.
func hintRuns(t string) bool {
	for i := 0; i < len(t); {
		// Skip to the next letter, then to the end of its run.
		m := asciiLetters(t, i)
		if m == 0 {
			i += 8
			continue
		}
		i += bits.TrailingZeros64(m) / 8
		start := i
		for {
			k := bits.TrailingZeros64(^asciiLetters(t, i)&swar.High) / 8
			i += k
			if k < 8 {
				break
			}
		}
		// The run t[start:i], followed by a byte that is no letter.
		if hintRun(t[start:i], true) {
			return true
		}
		i++
	}
	return false
}

// hintRun reports whether run, a whole run of ASCII letters and digits
// of a text, holds a run of ASCII letters that is a word of ctaHints,
// lower-cased; letters says that run is all letters.
func hintRun(run string, letters bool) bool {
	if !letters {
		return hintRuns(run)
	}
	if !hintShaped(run) {
		return false
	}
	n := len(run)
	var arr [32]byte
	for k := range n {
		arr[k] = run[k] | 0x20
	}
	return ctaHints[string(arr[:n])]
}

// hintShaped reports whether run, a run of ASCII letters, has the length
// and the first and last letters of a word of ctaHints: the cheap test
// that a run must pass before it is looked up.
func hintShaped(run string) bool {
	n := len(run)
	return ctaHintEnds[int(run[0]&31)<<5|int(run[n-1]&31)]>>min(n, 31)&1 != 0
}

// asciiLetters returns the eight bytes of t from i on (as if t went on
// with zero bytes) with the top bit of each ASCII letter set, and every
// other bit clear.
func asciiLetters(t string, i int) uint64 {
	var x uint64
	if i+8 <= len(t) {
		x = swar.Load64(t, i)
	} else {
		for k := len(t) - 1; k >= i; k-- {
			x = x<<8 | uint64(t[k])
		}
	}
	return swar.LetterBytes(x)
}

// nextField returns the bounds of the first field of t from i on, as
// strings.Fields splits t, and whether it is all ASCII; start and end are
// len(t) when there is none.
func nextField(t string, i int) (start, end int, ascii bool) {
	// Skip the spaces, then take the field up to the next one.
	for i < len(t) {
		if c := t[i]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			i++
		} else if r, size := swar.DecodeRune(t, i); isSpace(r) {
			i += size
		} else {
			break
		}
	}
	start, ascii = i, true
	for i < len(t) {
		i = wordEnd(t, i)
		if i == len(t) || t[i] < utf8.RuneSelf {
			break // the end, or an ASCII space
		}
		r, size := swar.DecodeRune(t, i)
		if isSpace(r) {
			break
		}
		ascii = false
		i += size
	}
	return start, i, ascii
}

// wordEnd returns the offset of the first byte of t from i on that may
// end a word (see wordStop), or len(t). It looks at eight bytes at a
// time: a word's bytes are mostly printable ASCII, and a byte that may
// end one is a space, a control or outside ASCII.
func wordEnd(t string, i int) int {
	for i+8 <= len(t) {
		x := swar.Load64(t, i)
		// The high bit of the bytes at or below ' ' or outside ASCII:
		// the lowest is exact (a borrow only runs on past a byte below
		// ' ', itself marked).
		m := (x-0x21*swar.Low)&^x&swar.High | x&swar.High
		if m == 0 {
			i += 8
			continue
		}
		i += bits.TrailingZeros64(m) / 8
		if wordStop[t[i]] {
			return i
		}
		i++
	}
	for i < len(t) && !wordStop[t[i]] {
		i++
	}
	return i
}

// isSpace is unicode.IsSpace. The characters of the General Punctuation
// block (see generalPunctuation), the spaces among them included, are
// answered without a search of package unicode's tables.
func isSpace(r rune) bool {
	if generalPunctuation(r) {
		return r <= 0x200a || r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f
	}
	return unicode.IsSpace(r)
}

// asciiSpace holds the ASCII bytes unicode.IsSpace takes for spaces.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// wordStop holds the bytes that may end a word: ASCII spaces, and the
// bytes that start or continue other characters, which may be spaces.
var wordStop = func() (stop [256]bool) {
	for c := range 256 {
		stop[c] = c >= utf8.RuneSelf || asciiSpace[c]
	}
	return stop
}()

// asciiAlnum reports whether c is an ASCII letter or digit.
func asciiAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// contact recognises a line that tells readers how to reach the author:
// an e-mail address with "Write to", "Email", "Contact" or "reached at"
// ("Write to Al Root at allen.root@dowjones.com").
func contact(t string) bool {
	at := strings.IndexByte(t, '@')
	if at <= 0 || at+1 >= len(t) || t[at-1] == ' ' || t[at+1] == ' ' || wordCount(t) > 25 {
		return false
	}
	low := strings.ToLower(t)
	for _, m := range []string{"write to ", "email ", "e-mail ", "contact ", "reached at ", "reach ", "tips to "} {
		if strings.Contains(low, m) {
			return true
		}
	}
	return false
}

// fieldLabels name the metadata fields of a blog or news page.
var fieldLabels = []string{"tags:", "tag:", "category:", "categories:", "categoria:", "categorias:", "categoría:", "kategorie:", "catégorie:", "posted by:", "posted in:", "published by:", "publicado por:", "publicado em:", "filed under:", "author:", "autor:", "auteur:", "date:", "data:", "fecha:", "updated:", "topics:", "etiquetas:", "schlagworte:"}

// metaFields recognises a line of two or more metadata fields, such as
// "05/10/2018 - Posted by: Ana - Category: Health - Tags: cars".
func metaFields(t string) bool {
	if strings.Count(t, ":") < 2 {
		return false
	}
	low := strings.ToLower(t)
	n := 0
	for _, l := range fieldLabels {
		for from := 0; ; {
			k := strings.Index(low[from:], l)
			if k < 0 {
				break
			}
			at := from + k
			if r, _ := utf8.DecodeLastRuneInString(low[:at]); at == 0 || !unicode.IsLetter(r) {
				n++
			}
			from = at + len(l)
		}
	}
	return n >= 2
}

// keywordList recognises a list of search keywords or tags: six or more
// short comma-separated items, two thirds of which share a word ("stock
// car brasil, stock car cascavel, stock car interlagos, ..."). Items that
// open with a quantity make a list of ingredients or figures instead.
func keywordList(t string) bool {
	items := strings.Count(t, ", ") + 1
	if items < 6 {
		return false
	}
	// Rule most lines out on short items and quantities, without
	// allocating, as soon as they tell.
	long, quantities := 0, 0
	for rest, more := t, true; more; {
		var it string
		it, rest, more = strings.Cut(rest, ", ")
		if r, _ := utf8.DecodeRuneInString(it); unicode.IsNumber(r) {
			if quantities++; quantities >= 2 {
				return false
			}
		}
		if wordsOver(it, 5) {
			if long++; items-long < 6 {
				return false
			}
		}
	}
	count := map[string]int{}
	for it := range strings.SplitSeq(t, ", ") {
		seen := map[string]bool{}
		for _, w := range lowerWords(it) {
			if utf8.RuneCountInString(w) >= 3 && !seen[w] {
				seen[w] = true
				count[w]++
			}
		}
	}
	for _, n := range count {
		if 3*n >= 2*items {
			return true
		}
	}
	return false
}

// wordsOver reports whether t has more than n words, as lowerWords
// counts them.
func wordsOver(t string, n int) bool {
	var arr [64]byte
	for i := 0; i < len(t); {
		start, end, ascii := nextField(t, i)
		if start == end {
			break
		}
		i = end
		f := t[start:end]
		var word bool
		if ascii {
			a, b := asciiWord(f)
			word = a < b
		} else {
			word = len(lowerWord(arr[:0], f)) > 0
		}
		if word {
			if n--; n < 0 {
				return true
			}
		}
	}
	return false
}

// shortcode recognises a line that holds an unexpanded CMS shortcode
// ("[button link=... ] Send us your review[/button]") and little else.
func shortcode(t string) bool {
	k := strings.Index(t, "[/")
	if k < 0 {
		return false
	}
	name, _, ok := strings.Cut(t[k+2:], "]")
	if !ok || name == "" || strings.ContainsAny(name, " [") {
		return false
	}
	if !strings.Contains(t[:k], "["+name+" ") && !strings.Contains(t[:k], "["+name+"]") {
		return false
	}
	// What is left outside the brackets is a label, not prose.
	words, depth := 0, 0
	for _, f := range strings.Fields(t) {
		if depth == 0 && !strings.HasPrefix(f, "[") {
			words++
		}
		depth += strings.Count(f, "[") - strings.Count(f, "]")
	}
	return words <= 12
}
