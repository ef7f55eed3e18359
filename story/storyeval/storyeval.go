// Package storyeval measures how well the story view finds differences
// between sources, on text from the ECB+ corpus.
//
// ECB+ has no labels for conflicting figures, so the measurement builds
// them, in two ways:
//
//   - Synthetic pairs. Every ECB+ sentence that states a count ("12
//     people", "three hours") is paired with a reworded copy of itself (a
//     light rewording swaps a few words; a heavy one also cuts part of the
//     sentence). In the positive pair the copy states another figure; in
//     the negative pairs it states the same figure, or the same figure
//     hedged ("nearly 12 people"). Recall is the share of positive pairs
//     with a difference found; every difference on a negative pair is a
//     false positive.
//   - Different events of one kind. Each ECB+ topic holds two events of
//     the same kind (two earthquakes, two rehab stays) told in similar
//     words. A two-article story made of one report of each event has no
//     true difference, so everything found there is a false positive: this
//     is the hard case of alignment, the same wording about different
//     things.
//
// Differences found within the articles of one true event are counted and,
// with -v, printed for reading: they are real disagreements or errors, and
// only a reader can tell which.
package storyeval

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/newsfold/newsfold/internal/shareddata"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/story"
)

// Main runs the evaluation: "newsfold eval story [-data DIR] [-max N] [-v]".
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval story", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", shareddata.Dir("ecbplus"), "ECB+ directory (labels.tsv and docs/)")
	maxPairs := fs.Int("max", 1000, "at most `N` sentences for synthetic pairs")
	verbose := fs.Bool("v", false, "print the differences found within true events and every error")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: eval story [-data DIR] [-max N] [-v]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	docs, err := load(*data)
	if err != nil {
		fmt.Fprintln(stderr, "eval story:", err)
		return 1
	}
	r := Run(docs, *maxPairs)
	fmt.Fprintf(stdout, "ECB+ %s: %d documents\n", *data, len(docs))
	fmt.Fprintf(stdout, "%-34s %6s %8s %8s\n", "pairs", "n", "found", "rate")
	for _, row := range r.Rows {
		fmt.Fprintf(stdout, "%-34s %6d %8d %8.3f\n", row.Name, row.N, row.Found, rate(row.Found, row.N))
	}
	fmt.Fprintf(stdout, "synthetic precision %.3f recall %.3f F1 %.3f\n", r.Precision, r.Recall, f1(r.Precision, r.Recall))
	fmt.Fprintf(stdout, "paraphrase precision %.3f recall %.3f F1 %.3f\n", r.ParaPrecision, r.ParaRecall, f1(r.ParaPrecision, r.ParaRecall))
	fmt.Fprintf(stdout, "cross-event false differences per story: %.3f (%d in %d stories)\n",
		rate(r.CrossFalse, r.CrossStories), r.CrossFalse, r.CrossStories)
	quoted := 0
	for _, w := range r.Within {
		if strings.Contains(w, ": quoted words |") || strings.Contains(w, ": attribution |") {
			quoted++
		}
	}
	fmt.Fprintf(stdout, "within true events: %d differences (%d about quotations) in %d stories\n", len(r.Within), quoted, r.Events)
	if *verbose {
		for _, e := range r.Errors {
			fmt.Fprintln(stdout, "error:", e)
		}
		for _, d := range r.Within {
			fmt.Fprintln(stdout, "within:", d)
		}
	}
	return 0
}

func rate(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// A Doc is one ECB+ document: its sentences and its gold labels.
type Doc struct {
	ID, Topic, Event string
	Sentences        []string
}

// Row is one kind of pair with how many pairs had a difference found.
type Row struct {
	Name     string
	N, Found int
}

// Result is what Run measured.
type Result struct {
	Rows              []Row
	Precision, Recall float64 // over the synthetic pairs
	// ParaPrecision and ParaRecall are over the real paraphrase pairs.
	ParaPrecision, ParaRecall float64
	ParaFalse                 int
	CrossStories              int
	CrossFalse                int      // differences found between different events
	Events                    int      // true events told as one story
	Within                    []string // differences found within true events
	Errors                    []string // missed positives and false positives
}

// Run measures difference finding on docs, with at most maxPairs
// sentences turned into synthetic pairs.
func Run(docs []Doc, maxPairs int) Result {
	var r Result
	var cands []string
	seen := make(map[string]bool)
	for _, d := range docs {
		for _, s := range d.Sentences {
			if n := len(strings.Fields(s)); n < 8 || n > 60 || seen[s] || countPhrase(s) == nil {
				continue
			}
			seen[s] = true
			cands = append(cands, s)
		}
	}
	if len(cands) > maxPairs {
		cands = cands[:maxPairs]
	}
	var tp, fp, pos int
	for _, heavy := range []bool{false, true} {
		level := "light"
		if heavy {
			level = "heavy"
		}
		changed := Row{Name: "changed figure, " + level + " rewording"}
		same := Row{Name: "same figure, " + level + " rewording"}
		hedged := Row{Name: "hedged figure, " + level + " rewording"}
		for _, s := range cands {
			loc := countPhrase(s)
			other := reword(s, loc, heavy)
			changed.N++
			pos++
			if n := differencesBetween(s, changeFigure(other)); n > 0 {
				changed.Found++
				tp++
			} else {
				r.Errors = append(r.Errors, fmt.Sprintf("missed: %q / %q", s, changeFigure(other)))
			}
			for _, neg := range []struct {
				row  *Row
				text string
			}{{&same, other}, {&hedged, hedge(other)}} {
				neg.row.N++
				if n := differencesBetween(s, neg.text); n > 0 {
					neg.row.Found++
					fp += n
					r.Errors = append(r.Errors, fmt.Sprintf("false: %q / %q", s, neg.text))
				}
			}
		}
		r.Rows = append(r.Rows, changed, same, hedged)
	}
	if tp+fp > 0 {
		r.Precision = float64(tp) / float64(tp+fp)
	}
	if pos > 0 {
		r.Recall = float64(tp) / float64(pos)
	}

	// Real paraphrases: sentences of two reports of one event that state
	// the same count of the same thing in different words.
	para := paraphrases(docs)
	paraSame := Row{Name: "paraphrase, same figure", N: len(para)}
	paraChanged := Row{Name: "paraphrase, changed figure", N: len(para)}
	for _, p := range para {
		if n := differencesBetween(p[0], p[1]); n > 0 {
			paraSame.Found++
			r.ParaFalse += n
			r.Errors = append(r.Errors, fmt.Sprintf("false on paraphrase: %q / %q", p[0], p[1]))
		}
		if differencesBetween(p[0], changeFigure(p[1])) > 0 {
			paraChanged.Found++
		} else {
			r.Errors = append(r.Errors, fmt.Sprintf("missed paraphrase: %q / %q", p[0], changeFigure(p[1])))
		}
	}
	r.Rows = append(r.Rows, paraChanged, paraSame)
	if paraChanged.Found+r.ParaFalse > 0 {
		r.ParaPrecision = float64(paraChanged.Found) / float64(paraChanged.Found+r.ParaFalse)
	}
	r.ParaRecall = rate(paraChanged.Found, paraChanged.N)

	// Two events of one kind: pair the i-th report of one with the i-th
	// of the other.
	byEvent := make(map[string][]Doc)
	var events []string
	for _, d := range docs {
		if _, ok := byEvent[d.Event]; !ok {
			events = append(events, d.Event)
		}
		byEvent[d.Event] = append(byEvent[d.Event], d)
	}
	sort.Strings(events)
	byTopic := make(map[string][]string)
	var topics []string
	for _, e := range events {
		t := byEvent[e][0].Topic
		if _, ok := byTopic[t]; !ok {
			topics = append(topics, t)
		}
		byTopic[t] = append(byTopic[t], e)
	}
	cross := Row{Name: "different events of one kind"}
	for _, t := range topics {
		es := byTopic[t]
		for x := 0; x < len(es); x++ {
			for y := x + 1; y < len(es); y++ {
				a, b := byEvent[es[x]], byEvent[es[y]]
				for i := 0; i < len(a) && i < len(b) && i < 5; i++ {
					s := tell([]Doc{a[i], b[i]})
					cross.N++
					if len(s.Differences) > 0 {
						cross.Found++
						r.CrossFalse += len(s.Differences)
						for _, d := range s.Differences {
							r.Errors = append(r.Errors, "false across events: "+format(d))
						}
					}
				}
			}
		}
	}
	r.CrossStories = cross.N
	r.Rows = append(r.Rows, cross)
	for _, e := range events {
		s := tell(byEvent[e])
		r.Events++
		for _, d := range s.Differences {
			r.Within = append(r.Within, e+": "+format(d))
		}
	}
	return r
}

// paraphrases returns pairs of sentences from two documents of one event
// that state the same count of the same noun ("12 people") and share
// between a quarter and nine tenths of their other words: the same fact
// reported in other words.
func paraphrases(docs []Doc) [][2]string {
	type cand struct {
		doc, text, key string
		words          map[string]bool
	}
	byEvent := make(map[string][]cand)
	var events []string
	for _, d := range docs {
		for _, s := range d.Sentences {
			if n := len(strings.Fields(s)); n < 8 || n > 60 {
				continue
			}
			loc := countPhrase(s)
			if loc == nil {
				continue
			}
			m := wordRE.FindString(s[loc[1]:])
			if _, ok := byEvent[d.Event]; !ok {
				events = append(events, d.Event)
			}
			byEvent[d.Event] = append(byEvent[d.Event], cand{d.ID, s, s[loc[0]:loc[1]] + " " + strings.ToLower(m), wordSet(s[:loc[0]] + " " + s[loc[1]:])})
		}
	}
	sort.Strings(events)
	var out [][2]string
	seen := make(map[[2]string]bool)
	for _, e := range events {
		cs := byEvent[e]
		for i := range cs {
			for j := i + 1; j < len(cs); j++ {
				a, b := cs[i], cs[j]
				if a.doc == b.doc || a.key != b.key || a.text == b.text {
					continue
				}
				if jac := jaccard(a.words, b.words); jac < 0.25 || jac >= 0.9 {
					continue
				}
				p := [2]string{a.text, b.text}
				if !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
			}
		}
	}
	return out
}

func wordSet(s string) map[string]bool {
	out := make(map[string]bool)
	for _, w := range wordRE.FindAllString(s, -1) {
		if len(w) >= 3 {
			out[strings.ToLower(w)] = true
		}
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	if u := len(a) + len(b) - n; u > 0 {
		return float64(n) / float64(u)
	}
	return 0
}

func format(d news.Difference) string {
	var b strings.Builder
	b.WriteString(d.About)
	for _, c := range d.Claims {
		fmt.Fprintf(&b, " | %v %q", c.Articles, c.Text)
	}
	return b.String()
}

// differencesBetween tells a story of two one-sentence articles and
// returns how many differences in figures it found. Differences in
// quoted words are not counted: the rewording may change a quotation.
func differencesBetween(a, b string) int {
	s := tell([]Doc{{ID: "a", Sentences: []string{a}}, {ID: "b", Sentences: []string{b}}})
	n := 0
	for _, d := range s.Differences {
		if d.About != "quoted words" && d.About != "attribution" {
			n++
		}
	}
	return n
}

// tell makes a one-event story of docs and tells it.
func tell(docs []Doc) *news.Story {
	arts := make(map[string]*news.Article)
	s := &news.Story{ID: "s", Events: []news.Event{{ID: "e"}}}
	for _, d := range docs {
		arts[d.ID] = &news.Article{ID: d.ID, Input: d.ID, Text: strings.Join(d.Sentences, "\n\n")}
		s.Articles = append(s.Articles, d.ID)
	}
	s.Events[0].Articles = s.Articles
	story.Tell(s, arts, nil)
	return s
}

// countRE finds a figure followed by a plural noun: the eval's own rule,
// independent of the story package's.
var countRE = regexp.MustCompile(`(?:^|[\s(])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)\s+([a-z]+s|people|children)\b`)

var numberWords = []string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty"}

// notNouns are words ending in "s" that do not name what is counted.
var notNouns = map[string]bool{"has": true, "was": true, "is": true, "as": true, "this": true, "its": true,
	"his": true, "us": true, "thus": true, "plus": true, "less": true, "across": true, "always": true,
	"towards": true, "does": true, "yes": true, "afterwards": true, "besides": true, "whereas": true}

// countPhrase returns the location of the figure of the first count in
// s that is not a year, or nil.
func countPhrase(s string) []int {
	for _, m := range countRE.FindAllStringSubmatchIndex(s, -1) {
		num := s[m[2]:m[3]]
		if brokenThousands.MatchString(s[:m[2]]) {
			continue
		}
		if notNouns[s[m[4]:m[5]]] {
			continue
		}
		if n, err := strconv.Atoi(num); err == nil && n >= 1800 && n <= 2100 {
			continue
		}
		return []int{m[2], m[3]}
	}
	return nil
}

// changeFigure replaces the first count's figure in s by another value.
func changeFigure(s string) string {
	loc := countPhrase(s)
	if loc == nil {
		return s
	}
	num := s[loc[0]:loc[1]]
	var repl string
	for i, w := range numberWords {
		if num == w {
			repl = numberWords[(i+3)%len(numberWords)]
		}
	}
	if repl == "" {
		f, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
		if err != nil {
			return s
		}
		v := int64(f*2 + 3)
		repl = strconv.FormatInt(v, 10)
		if strings.Contains(num, ",") {
			repl = commas(v)
		}
	}
	return s[:loc[0]] + repl + s[loc[1]:]
}

func commas(v int64) string {
	s := strconv.FormatInt(v, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// hedge puts "nearly" before the first count's figure.
func hedge(s string) string {
	loc := countPhrase(s)
	if loc == nil {
		return s
	}
	return s[:loc[0]] + "nearly " + s[loc[0]:]
}

// synonyms are single-word swaps that keep a sentence's meaning.
var synonyms = map[string]string{
	"said": "stated", "says": "states", "told": "informed", "killed": "slew", "injured": "wounded",
	"wounded": "hurt", "officials": "authorities", "announced": "revealed", "began": "started",
	"started": "began", "after": "following", "large": "big", "big": "large", "arrested": "detained",
	"attack": "assault", "quake": "earthquake", "earthquake": "quake", "near": "close to",
	"died": "perished", "also": "", "reported": "said", "home": "house", "about": "regarding",
	"during": "in", "including": "among them", "struck": "hit", "hit": "struck", "fired": "dismissed",
}

// brokenThousands matches text ending in the first part of a number split
// by a space ("1, " of "1, 500").
var brokenThousands = regexp.MustCompile(`\d, $`)

var wordRE = regexp.MustCompile(`[A-Za-z]+`)

// reword swaps words of s outside the figure at loc for synonyms; a heavy
// rewording also drops the words after the first comma that follows the
// count phrase and those before the first comma that precedes it.
func reword(s string, loc []int, heavy bool) string {
	head, fig, tail := s[:loc[0]], s[loc[0]:loc[1]], s[loc[1]:]
	if heavy {
		if i := strings.Index(tail, ", "); i > 12 {
			tail = tail[:i] + "."
		}
		if i := strings.Index(head, ", "); i >= 0 && len(head)-i > 12 {
			head = strings.ToUpper(head[i+2:i+3]) + head[i+3:]
		}
	}
	swap := func(t string, protectEnd bool) string {
		ws := wordRE.FindAllStringIndex(t, -1)
		var b strings.Builder
		last := 0
		for k, w := range ws {
			word := t[w[0]:w[1]]
			if protectEnd && k == len(ws)-1 && w[1] >= len(t)-1 {
				continue // the word just before the figure: a hedge or a unit's article
			}
			if repl, ok := synonyms[strings.ToLower(word)]; ok && word == strings.ToLower(word) {
				b.WriteString(t[last:w[0]])
				b.WriteString(repl)
				last = w[1]
				if repl == "" && w[1] < len(t) && t[w[1]] == ' ' {
					last++
				}
			}
		}
		b.WriteString(t[last:])
		return b.String()
	}
	// Protect the noun right after the figure: it says what is counted.
	nounEnd := 0
	rest := strings.TrimLeft(tail, " ")
	if m := wordRE.FindStringIndex(rest); m != nil && m[0] == 0 {
		nounEnd = len(tail) - len(rest) + m[1]
	}
	return swap(head, true) + fig + tail[:nounEnd] + swap(tail[nounEnd:], false)
}

// load reads an ECB+ directory: labels.tsv (doc, topic, event, after a
// header line) and docs/<doc>.txt, one sentence a line, a leading URL line
// and a title line dropped.
func load(dir string) ([]Doc, error) {
	ecb, err := shareddata.ReadECB(dir)
	if err != nil {
		return nil, err
	}
	docs := make([]Doc, 0, len(ecb))
	for _, d := range ecb {
		var sents []string
		for _, l := range strings.Split(d.Text, "\n") {
			l = strings.TrimSpace(l)
			if l == "" || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
				continue
			}
			sents = append(sents, l)
		}
		docs = append(docs, Doc{ID: d.ID, Topic: d.Topic, Event: d.Event, Sentences: sents})
	}
	return docs, nil
}
