// Package clean turns raw news documents into clean articles, the way a
// copy editor would: it repairs character damage (mojibake, ligatures,
// kerning, missing spaces, markdown escapes), takes out boilerplate
// (related links, comments, credits, captions, pull quotes, navigation,
// lines repeated across a source), fills in metadata (title, date, byline,
// dateline, agency) with package meta, splits pages that hold several
// articles and puts column fragments back in reading order.
//
// Every cleaned rune keeps its offset into the raw text (textmap), and
// every removed piece is reported with its kind and raw range.
package clean

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/swar"
	"github.com/newsfold/newsfold/meta"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/textmap"
)

// Block roles.
const (
	roleBody = iota
	roleRemoved
	roleTitle
	roleHeading
)

// block is one line of the normalised text.
type block struct {
	a, b  int // rune range in the normalised text
	group int // blank-line separated group
	text  string
	role  int
	kind  string // what was removed, when role is roleRemoved
	noted bool   // the removal is in the article's Removed list
}

// page is the working state of one document.
type page struct {
	c        *Corpus
	scr      *scratch // buffers reused from one call of Clean to the next
	doc      news.Document
	rs       []rune
	m0       textmap.Map
	identity bool // the normalised text is the raw text
	blocks   []block
	blank    bool // paragraphs are separated by blank lines
	src      string
	date     string // from a date prefix or a date line
	url      string
	removed  []news.Removed
	// extra[i] lists pieces removed from block i before articles are
	// known (a date prefix).
	extra map[int][]news.Removed
	// hints marks the blocks that may be calls to action, as they were
	// split (see lineHints).
	hints lineHints
	// rawAt is the start of the last article's text in the raw input, as a
	// rune and a byte offset, from which ownText counts to the next.
	rawAt struct{ runes, bytes int }
}

// Clean returns the articles found in doc, in reading order. It is safe for
// concurrent use and does no I/O. A nil Corpus cleans with the embedded
// vocabulary only.
func (c *Corpus) Clean(doc news.Document) []news.Article {
	scr := scratchPool.Get().(*scratch)
	defer scr.release()
	n, isPlain, hints := c.plainOf(doc.Text)
	norm, m0 := normalize(doc.Text, n, isPlain, &scr.norm)
	scr.rs = appendRunes(scr.rs[:0], norm)
	if scr.extra == nil {
		scr.extra = map[int][]news.Removed{}
	}
	scr.page = page{c: c, scr: scr, doc: doc, rs: scr.rs, m0: m0, identity: norm == doc.Text, extra: scr.extra, hints: hints}
	p := &scr.page
	p.src = sourceOf(doc, norm)
	p.blocks = scr.blocks
	p.split(norm)
	scr.blocks = p.blocks
	p.prefix()
	p.classify()
	// Web boilerplate goes first, so that a promotion or a keyword list
	// repeated on the page is neither taken nor looked up as a quote.
	p.web()
	p.pullquotes()
	var arts []news.Article
	for _, idx := range p.segment() {
		if a, ok := p.article(idx); ok {
			arts = append(arts, a)
		}
	}
	for i := range arts {
		arts[i].Input = doc.ID
		arts[i].RawText = doc.Text
		if len(arts) == 1 {
			arts[i].ID = doc.ID
		} else {
			arts[i].ID = doc.ID + "#" + strconv.Itoa(i+1)
		}
	}
	return arts
}

// scratch holds the buffers of one call of Clean that are dropped when it
// returns; they are kept in scratchPool for the next call, so that the
// garbage collector is not kept busy with them. Nothing in them outlives
// the call: whatever an article keeps is copied out.
type scratch struct {
	page    page                   // the page being cleaned
	extra   map[int][]news.Removed // the page's extra
	ints    []int                  // an arena for the page's []int, see takeInts
	topic   topic                  // topicWords: the article's content words
	norm    textmap.Builder        // normalize: the map of the normalised text
	text    textmap.Builder        // write: an article's text and map
	rs      []rune                 // the normalised text as runes
	blocks  []block                // the page's lines
	letters []byte                 // pullquotes: the letters of the lines
	offsets []int                  // pullquotes: where each line starts in letters
	slots   []winSlot              // pullquotes: the window index's hash table
	chain   []int32                // pullquotes: the window index's chains
	starts  []fragStart            // link: the fragments' starts
	bags    []uint64               // link: the words of the fragments' bags
	paras   []paragraph            // orderBounded: the paragraphs of an article
	flat    []int                  // orderBounded: the blocks of the paragraphs
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release clears the buffers that point into the page's text or its
// articles, so that the pool does not keep them alive, and puts s back in
// the pool.
func (s *scratch) release() {
	s.page = page{}
	clear(s.extra)
	s.ints = s.ints[:0]
	s.norm.Reset()
	s.text.Reuse() // the articles hold copies of what it wrote (see ownText)
	clear(s.blocks)
	clear(s.starts)
	clear(s.paras)
	s.blocks, s.starts, s.paras = s.blocks[:0], s.starts[:0], s.paras[:0]
	scratchPool.Put(s)
}

// takeInts returns n zeroes, for use until the end of the call of Clean;
// with room for no more than n, so that appending to them allocates.
func (s *scratch) takeInts(n int) []int {
	if len(s.ints)+n > cap(s.ints) {
		// Start a larger arena; the slices taken from the old one stay
		// valid, and the next call starts with the larger one.
		s.ints = make([]int, 0, max(2*cap(s.ints), n, 1024))
	}
	at := len(s.ints)
	s.ints = s.ints[:at+n]
	x := s.ints[at : at+n : at+n]
	clear(x)
	return x
}

// appendRunes appends the runes of s to rs: []rune(s) without the
// allocation. Runs of ASCII, most of a text, are widened eight bytes at
// a time.
func appendRunes(rs []rune, s string) []rune {
	n := len(rs)
	rs = slices.Grow(rs, len(s))[:n+len(s)] // room for one rune a byte at most
	out := rs[n:]
	k := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			x := swar.Load64(s, i)
			if x&swar.High == 0 {
				// Written out: the compiler does not unroll a loop.
				o := (*[8]rune)(out[k : k+8])
				o[0], o[1], o[2], o[3] = rune(byte(x)), rune(byte(x>>8)), rune(byte(x>>16)), rune(byte(x>>24))
				o[4], o[5], o[6], o[7] = rune(byte(x>>32)), rune(byte(x>>40)), rune(byte(x>>48)), rune(byte(x>>56))
				i, k = i+8, k+8
				continue
			}
			// The ASCII bytes before the first other one.
			for m := bits.TrailingZeros64(x&swar.High) / 8; m > 0; m-- {
				out[k] = rune(x & 0xff)
				x >>= 8
				i, k = i+1, k+1
			}
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		out[k] = r
		i, k = i+size, k+1
	}
	return rs[:n+k]
}

// split cuts the normalised text into lines.
func (p *page) split(norm string) {
	p.blocks = slices.Grow(p.blocks[:0], strings.Count(norm, "\n")+1)
	group, start := 0, 0 // start is the rune offset of the line
	blankSeen := false
	for rest := norm; ; {
		k := strings.IndexByte(rest, '\n')
		line := rest
		if k >= 0 {
			line = rest[:k]
		}
		if n := runeCount(line); n == 0 {
			if len(p.blocks) > 0 {
				group++
				blankSeen = true
			}
		} else {
			p.blocks = append(p.blocks, block{a: start, b: start + n, group: group, text: line})
			start += n
		}
		if k < 0 {
			break
		}
		start++ // the newline
		rest = rest[k+1:]
	}
	p.blank = blankSeen && group > 0
}

// runeCount counts the bytes of s that start a rune (all but UTF-8
// continuation bytes), eight at a time: utf8.RuneCountInString for the
// valid UTF-8 of normalised text.
func runeCount(s string) int {
	n := len(s)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := swar.Load64(s, i)
		// Continuation bytes are 10xxxxxx.
		n -= bits.OnesCount64(x & ^(x << 1) & swar.High)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// remove marks block i as removed with kind.
func (p *page) remove(i int, kind string) {
	p.blocks[i].role = roleRemoved
	p.blocks[i].kind = kind
}

// piece makes the Removed record of normalised runes [a, b).
func (p *page) piece(kind string, a, b int) news.Removed {
	r0, r1 := a, b
	if !p.identity {
		r0, r1 = p.m0.RawRange(a, b)
	}
	return news.Removed{Kind: kind, Text: string(p.rs[a:b]), Raw: [2]int{r0, r1}}
}

// prefix strips a " date YYYY-MM-DD" prefix from the first line.
func (p *page) prefix() {
	if len(p.blocks) == 0 {
		return
	}
	b := &p.blocks[0]
	d, n := meta.DatePrefix(b.text)
	if n == 0 {
		return
	}
	p.date = d
	p.extra[0] = append(p.extra[0], p.piece(news.KindMetadata, b.a, b.a+n))
	b.a += n
	b.text = string(p.rs[b.a:b.b])
	// What is left of the line may cut a run of letters: look at it.
	p.hints |= 1
	if b.a >= b.b {
		p.remove(0, news.KindMetadata)
	}
}

// classify removes the lines that are boilerplate wherever they stand.
func (p *page) classify() {
	for i := 0; i < len(p.blocks); i++ {
		b := &p.blocks[i]
		if b.role == roleRemoved {
			continue
		}
		t := b.text
		words := wordCount(t)
		if words > 20 {
			// Long lines are prose unless they carry a photo credit or
			// repeat across the source.
			switch {
			case !meta.Terminated(t) && meta.HasPhotoCredit(t):
				p.remove(i, news.KindCaption)
			case p.c.boilerplate(p.src, t):
				p.remove(i, news.KindOther)
			}
			continue
		}
		switch {
		case meta.URLLine(t) && p.doc.HTML == "":
			if p.url == "" {
				p.url = strings.TrimSpace(t)
			}
			p.remove(i, news.KindMetadata)
		case words <= 12 && dateLine(t, &p.date):
			p.remove(i, news.KindMetadata)
		case voteCounter(t):
			p.remove(i, news.KindComments)
		case words <= 6 && commentHeader(t):
			// Comments run to the end of the page, or to the next
			// article on it.
			j := i
			for ; j < len(p.blocks) && !(j > i && p.titleLike(j) && p.opensArticle(j, true)); j++ {
				p.remove(j, news.KindComments)
			}
			i = j - 1
		case words <= 6 && relatedHeader(t):
			p.remove(i, news.KindRelated)
			for j := i + 1; j < len(p.blocks) && p.blocks[j].role != roleRemoved && linkLike(p.blocks[j].text); j++ {
				p.remove(j, news.KindRelated)
				i = j
			}
		case words <= 20 && readMore(t):
			p.remove(i, news.KindRelated)
		case isCredit(t):
			p.remove(i, news.KindCredit)
		case words <= 8 && navigation(t):
			p.remove(i, news.KindNavigation)
		case (!meta.Terminated(t) || photoLead(t)) && meta.HasPhotoCredit(t):
			p.remove(i, news.KindCaption)
		case p.c.boilerplate(p.src, t):
			p.remove(i, news.KindOther)
		}
	}
}

func dateLine(t string, date *string) bool {
	if !hasDigit(t) {
		return false
	}
	d, ok := meta.DateLine(t)
	if ok && *date == "" {
		*date = d
	}
	return ok
}

// hasDigit reports whether t holds an ASCII digit.
func hasDigit(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i]-'0' < 10 {
			return true
		}
	}
	return false
}

func isCredit(t string) bool {
	_, ok := meta.Credit(t)
	return ok
}

func photoLead(t string) bool {
	for _, m := range []string{"Photo:", "Photograph:", "Picture:", "Image:", "FILE PHOTO", "File photo"} {
		if strings.HasPrefix(t, m) {
			return true
		}
	}
	return false
}

// segment splits the page into articles: a new article starts at a
// headline that is followed, within a few lines, by its own dateline or
// byline, once the current article has body text.
func (p *page) segment() [][]int {
	// Each article is a run of consecutive blocks: a piece of all.
	var arts [][]int
	all := p.scr.takeInts(len(p.blocks))
	start, hasBody := 0, false
	for i := range p.blocks {
		b := &p.blocks[i]
		if p.doc.HTML == "" && b.role != roleRemoved && hasBody && p.titleLike(i) && !p.wrapped(i) && p.opensArticle(i, false) {
			arts = append(arts, all[start:i:i])
			start, hasBody = i, false
		}
		all[i] = i
		if b.role != roleRemoved && meta.Terminated(b.text) && wordCount(b.text) >= 8 {
			hasBody = true
		}
	}
	if start < len(p.blocks) {
		arts = append(arts, all[start:])
	}
	return arts
}

// opensArticle reports whether a dateline or byline is the next kept line
// after block i (standfirst bullets do not count). With strict, a
// dateline must name a region or an agency ("Tokyo, Japan", "AFP |
// Tokyo"): a lone line in capitals may as well be a name.
func (p *page) opensArticle(i int, strict bool) bool {
	for j := i + 1; j < len(p.blocks) && j <= i+4; j++ {
		t := p.blocks[j].text
		if p.blocks[j].role == roleRemoved || bullet(t) {
			continue
		}
		if d, ok := meta.DatelineLine(t); ok {
			return !strict || d.Agency != "" || strings.Contains(d.Place, ",")
		}
		_, _, ok := meta.Byline(t)
		return ok
	}
	return false
}

// titleLike is meta.TitleLike of block i's text. A line of more than 160
// characters is no title, which TitleLike counts them to see: most lines
// of body text are longer, and their count is known. TrimSpace, which
// TitleLike applies first, leaves a line alone that starts and ends with
// ASCII other than a space.
func (p *page) titleLike(i int) bool {
	b := &p.blocks[i]
	if b.b-b.a > 160 {
		first, last := b.text[0], b.text[len(b.text)-1]
		if first < utf8.RuneSelf && !asciiSpace[first] && last < utf8.RuneSelf && !asciiSpace[last] {
			return false
		}
	}
	return meta.TitleLike(b.text)
}

// wrapped reports whether block i is a line of a paragraph wrapped into
// lines: another line of its group follows and it is nearly as long as
// the longest line of the group.
func (p *page) wrapped(i int) bool {
	if !p.blank || i+1 >= len(p.blocks) || p.blocks[i+1].group != p.blocks[i].group {
		return false
	}
	g, longest := p.blocks[i].group, 0
	for j := i; j >= 0 && p.blocks[j].group == g; j-- {
		longest = max(longest, p.blocks[j].b-p.blocks[j].a)
	}
	for j := i + 1; j < len(p.blocks) && p.blocks[j].group == g; j++ {
		longest = max(longest, p.blocks[j].b-p.blocks[j].a)
	}
	return 4*(p.blocks[i].b-p.blocks[i].a) >= 3*longest
}

// wordCount counts the words of a line of normalised text, where words
// are separated by single spaces.
func wordCount(t string) int {
	if t == "" {
		return 0
	}
	return strings.Count(t, " ") + 1
}

// fieldsUpTo counts the fields of t as strings.Fields splits it, but
// stops counting at limit.
func fieldsUpTo(t string, limit int) int {
	n := 0
	for range strings.FieldsSeq(t) {
		if n++; n >= limit {
			break
		}
	}
	return n
}

// bullet reports whether a line starts with a bullet mark.
func bullet(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return strings.ContainsRune("●•▪■►◆◾▶", r)
}

// article builds the article made of blocks idx.
func (p *page) article(idx []int) (news.Article, bool) {
	a := news.Article{Source: p.src, URL: p.doc.URL, Language: p.doc.Language, Byline: p.doc.Byline}
	if a.URL == "" {
		a.URL = p.url
	}
	a.Date = p.date
	if a.Date == "" {
		a.Date = meta.NormalizeDate(p.doc.Date)
	}
	var removed []news.Removed
	var captionAgency, creditAgency, bylineAgency string
	note := func(i int) {
		b := &p.blocks[i]
		b.noted = true
		removed = append(removed, p.piece(b.kind, b.a, b.b))
		switch b.kind {
		case news.KindCaption:
			if captionAgency == "" {
				captionAgency = meta.CreditAgency(b.text)
			}
		case news.KindCredit:
			if creditAgency == "" {
				creditAgency, _ = meta.Credit(b.text)
			}
		}
	}
	hint := strings.TrimSpace(p.doc.Title)
	body := p.scr.takeInts(len(idx))[:0]
	header := true
	for _, i := range idx {
		removed = append(removed, p.extra[i]...)
		b := &p.blocks[i]
		if b.role == roleRemoved {
			note(i)
			continue
		}
		if header {
			t := b.text
			switch {
			case bullet(t):
				p.remove(i, news.KindMetadata)
			case a.Title == "" && sectionLabel(t):
				p.remove(i, news.KindSection)
			case a.Byline == "" && bylineOK(t, &a.Byline, &bylineAgency):
				p.remove(i, news.KindByline)
			case a.Dateline == "" && datelineOK(t, &a.Dateline, &a.Agency):
				p.remove(i, news.KindDateline)
			case a.Title == "" && (p.titleLike(i) && !p.wrapped(i) && p.doc.HTML == "" || hint != "" && sameText(t, hint)):
				a.Title = t
				b.role = roleTitle
				removed = append(removed, p.piece(news.KindMetadata, b.a, b.b))
				continue
			case a.Title != "" && len(body) == 0 && !meta.Terminated(t) && wordCount(t) >= 8 && !p.wrapped(i):
				// An unfinished line between headline and body is a
				// standfirst.
				p.remove(i, news.KindMetadata)
			default:
				header = false
			}
			if b.role == roleRemoved {
				note(i)
				continue
			}
		}
		body = append(body, i)
	}
	if hint != "" {
		a.Title = hint
	}
	body = p.leadDateline(body, &a, &removed)
	body = p.comments(body, idx)
	p.headings(body)
	paras := p.orderBounded(body)
	for _, i := range idx {
		if b := &p.blocks[i]; b.role == roleRemoved && !b.noted {
			note(i)
		}
	}
	if a.Agency == "" {
		a.Agency = firstNonEmpty(creditAgency, bylineAgency, captionAgency)
	}
	p.write(&a, paras)
	if a.Language == "" && english(a.Text) {
		a.Language = "en"
	}
	sortRemoved(removed)
	a.Removed = removed
	return a, a.Text != "" || a.Title != ""
}

// maxOrder bounds the body blocks put in reading order together. Reading
// order compares each cut fragment with the fragments near it and walks
// the fragments from the start for each chain, which is quadratic on a
// text made of thousands of short unfinished lines; real pages have far
// fewer lines, and the columns of a page lie within a few dozen lines of
// each other, so longer bodies are ordered in consecutive parts.
const maxOrder = 1000

// orderBounded puts body in reading order, maxOrder blocks at a time. The
// paragraphs it returns are the page's scratch: they last until the next
// call.
func (p *page) orderBounded(body []int) []paragraph {
	paras, flat := p.scr.paras[:0], slices.Grow(p.scr.flat[:0], len(body))
	for len(body) > 0 {
		n := min(len(body), maxOrder)
		paras, flat = p.order(body[:n], paras, flat)
		body = body[n:]
	}
	p.scr.paras, p.scr.flat = paras, flat
	return paras
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// sortRemoved orders removed pieces by their raw position (insertion sort:
// the lists are short and nearly sorted).
func sortRemoved(rs []news.Removed) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].Raw[0] < rs[j-1].Raw[0]; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

func sameText(a, b string) bool { return squash(a) == squash(b) }

// squash keeps the lower-cased letters and digits of s, single-spaced: the
// form in which texts are compared for repeats.
func squash(s string) string {
	var sb strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			space = false
			sb.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return sb.String()
}

func bylineOK(t string, byline, agency *string) bool {
	names, ag, ok := meta.Byline(t)
	if ok {
		*byline, *agency = names, ag
	}
	return ok
}

func datelineOK(t string, place, agency *string) bool {
	d, ok := meta.DatelineLine(t)
	if ok {
		*place = d.Place
		if d.Agency != "" {
			*agency = d.Agency
		}
	}
	return ok
}

// leadDateline strips a dateline glued to the start of the first body
// paragraph ("VLADIVOSTOK: ...").
func (p *page) leadDateline(body []int, a *news.Article, removed *[]news.Removed) []int {
	if len(body) == 0 {
		return body
	}
	b := &p.blocks[body[0]]
	d, n, ok := meta.LeadDateline(b.text)
	if !ok || n >= utf8.RuneCountInString(b.text) {
		return body
	}
	*removed = append(*removed, p.piece(news.KindDateline, b.a, b.a+n))
	b.a += n
	b.text = string(p.rs[b.a:b.b])
	if a.Dateline == "" {
		a.Dateline = d.Place
	}
	if a.Agency == "" {
		a.Agency = d.Agency
	}
	return body
}

// english reports whether text reads as English, by the share of its
// words that are common English function words.
func english(text string) bool {
	if len(text) > 500 {
		text = text[:500]
	}
	n, hits := 0, 0
	for i := 0; i < len(text); {
		start, end, _ := nextField(text, i)
		if start == end {
			break
		}
		i = end
		n++
		if end-start > 8 {
			continue
		}
		// The ASCII letters of the field, lower-cased, as the bytes of
		// a number from the first on.
		var w uint64
		k := 0
		for _, c := range []byte(text[start:end]) {
			if c|0x20-'a' < 26 {
				w |= uint64(c|0x20) << (8 * k)
				k++
			}
		}
		if k > 0 && englishShape[byte(w)-'a']>>k&1 != 0 && slices.Contains(englishPacked[byte(w)-'a'], w) {
			hits++
		}
	}
	return n >= 20 && hits*5 >= n
}

// englishPacked holds the words of englishStop by first letter, each as
// the number english makes of its letters.
var englishPacked = func() (packed [26][]uint64) {
	for w := range englishStop {
		var x uint64
		for k := range len(w) {
			x |= uint64(w[k]) << (8 * k)
		}
		packed[w[0]-'a'] = append(packed[w[0]-'a'], x)
	}
	return packed
}()

// stopWord reports whether w is in englishStop, which it looks up only
// when a word of w's first letter and length is there.
func stopWord(w []byte) bool {
	return len(w) > 0 && w[0]-'a' < 26 && len(w) < 32 && englishShape[w[0]-'a']>>len(w)&1 != 0 && englishStop[string(w)]
}

// englishShape holds, for each first letter of the words of englishStop,
// their lengths as bits, so that english looks up only the words that
// may be there.
var englishShape = func() (shape [26]uint32) {
	for w := range englishStop {
		if w != "" && w[0] >= 'a' && w[0] <= 'z' && len(w) < 32 {
			shape[w[0]-'a'] |= 1 << len(w)
		}
	}
	return shape
}()

var englishStop = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "a": true, "in": true, "is": true, "that": true,
	"for": true, "on": true, "with": true, "was": true, "as": true, "it": true, "he": true, "said": true,
	"by": true, "at": true, "from": true, "his": true, "be": true, "has": true, "have": true, "are": true,
	"an": true, "were": true, "this": true, "which": true, "who": true, "will": true, "not": true, "but": true,
}
