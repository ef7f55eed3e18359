package clean

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/meta"
)

// TestEnded checks the sentence ends that open relies on.
func TestEnded(t *testing.T) {
	for text, want := range map[string]bool{
		"at all. \"":             true,
		"a “ skinny waist. ”":    true,
		"he said.":               true,
		"the county attorney,":   false,
		"a climber who":          false,
		"\"The alternative.\" )": true,
		"":                       false,
	} {
		if got := meta.Terminated(text); got != want {
			t.Errorf("meta.Terminated(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestStamp(t *testing.T) {
	for text, want := range map[string]bool{
		"Published time: March 12, 2013 02: 03":  true,
		"on Dec 23 2012, 5: 03p":                 true,
		"that as many as 2, 000 people in rural": false,
		"Matt Smith,":                            false,
	} {
		if got := stamp(text); got != want {
			t.Errorf("stamp(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestQuotes(t *testing.T) {
	for text, want := range map[string]bool{
		`the car so fast, " the witness said.`:   true,
		"the car so fast, ” the witness said.":   true,
		`the middle of the riot.`:                false,
		`the man said "no" to them.`:             false,
		`was over. The "deal" was done, he said`: false,
	} {
		if got := closesQuote(text); got != want {
			t.Errorf("closesQuote(%q) = %v, want %v", text, got, want)
		}
	}
	if !openQuote(`"The cops, they just jumped out of`) || openQuote(`The cops jumped out of`) {
		t.Error("openQuote")
	}
}

// TestContinuation checks the model on joins that the word pairs alone
// leave open.
func TestContinuation(t *testing.T) {
	var c *Corpus
	gain := func(end, start string) float64 {
		return c.lmGain(tailWords(end), c.startModel(headWords(start)))
	}
	for _, tc := range []struct{ end, right, wrong string }{
		{"the man had been", "arrested on Monday.", "police said on Monday."},
		{"a spokesman said that it was", "not clear why.", "the police."},
	} {
		if r, w := gain(tc.end, tc.right), gain(tc.end, tc.wrong); r <= w {
			t.Errorf("%q: %q scores %.2f, %q scores %.2f", tc.end, tc.right, r, tc.wrong, w)
		}
	}
	words := tailWords("He said, \"It was over. The men had")
	if words != [ctxWords]string{"the", "men", "had"} {
		t.Errorf("tailWords: %q", words)
	}
	if h := headWords("fell. Then he"); h != [ctxWords]string{"fell", "", ""} {
		t.Errorf("headWords: %q", h)
	}
}

// FuzzOrderCues checks that the cues read from fragment ends and starts
// never panic and stay within their bounds.
func FuzzOrderCues(f *testing.F) {
	for _, s := range []string{"", "at all. \"", "wea-", "the car so fast, \" he said.", "“ ”\"", "2, 000", "a.B", "\xff\xfe", "Published time: 02: 03"} {
		f.Add(s, "ther closed in")
	}
	f.Fuzz(func(t *testing.T, end, start string) {
		if !utf8.ValidString(end) || !utf8.ValidString(start) {
			return
		}
		if got, want := tailWords(end), tailWordsRef(end); got != want {
			t.Fatalf("tailWords(%q) = %q, want %q", end, got, want)
		}
		if got, want := headWords(start), headWordsRef(start); got != want {
			t.Fatalf("headWords(%q) = %q, want %q", start, got, want)
		}
		var c *Corpus
		stamp(end)
		nameEnd(end)
		openQuote(end)
		closesQuote(start)
		g := c.lmGain(tailWords(end), c.startModel(headWords(start)))
		if g != g {
			t.Fatalf("gain is NaN for %q, %q", end, start)
		}
		var ph phrases
		if n := ph.across(tailWords(end), headWords(start)); n != 0 {
			t.Fatalf("empty page holds %d runs", n)
		}
		if tp := (topic{}); tp.foreign(end) && len(end) == 0 {
			t.Fatal("empty line is foreign")
		}
		var arena []uint64
		e, s := wordBag(end, &arena), wordBag(start, &arena)
		if n := e.shared(s); n < 0 || n > len(e) || n > len(s) || e.shared(e) != len(e) {
			t.Fatalf("shared(%q, %q) = %d", end, start, n)
		}
	})
}

func TestNameEnd(t *testing.T) {
	for text, want := range map[string]bool{
		"as he was approaching the Tasman Saddle": true,
		"of the AMA's Council on Ethical and":     true,
		"a climber who":                           false,
		"It was over. The":                        false,
		"Saddle":                                  false,
	} {
		if got := nameEnd(text); got != want {
			t.Errorf("nameEnd(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestJoinCues checks the cues that tell two continuations apart when the
// continuation model cannot: shared content words, and a name followed by
// a verb of saying.
func TestJoinCues(t *testing.T) {
	var arena []uint64
	e := wordBag("The Seismological network of Tehran University registered the quake at", &arena)
	if n := e.shared(wordBag("the quake, Tehran University said on Monday.", &arena)); n != 3 {
		t.Errorf("shared = %d, want 3 (quake, tehran, university)", n)
	}
	if n := e.shared(wordBag("the match of the season", &arena)); n != 0 {
		t.Errorf("shared = %d, want 0", n)
	}
	var p page
	end := p.cutEnd("Mr Campbell")
	p.describeEnd(&end, "Mr Campbell", &arena)
	start := func(t string) fragStart {
		s := p.caseStart(t)
		p.describeStart(&s, t, &arena)
		return s
	}
	said := p.joinScore(end, start("said police told him the man was well-equipped."), false, false, nil)
	fell := p.joinScore(end, start("fell on Friday morning."), false, false, nil)
	if said <= fell {
		t.Errorf("name + said scores %.2f, name + fell %.2f", said, fell)
	}
}

// FuzzJoinFilter checks that the byte test pagePhrases uses to skip
// blocks never misses a pair of words within a sentence of the block, and
// that nameEnd and stamp split words as strings.Fields does.
func FuzzJoinFilter(f *testing.F) {
	for _, s := range []string{"The cat SAT on the mat.", "İt was 20 K", "don't stop", "a\u00a0b  c\tD", "x of Y and", "\xff the", "on Dec 23 2012, 5: 03p", "1 2 3 4 5 6 7 8 9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if nameEnd(text) != nameEndFields(text) {
			t.Fatalf("nameEnd(%q) differs from the strings.Fields version", text)
		}
		if stamp(text) != stampFields(text) {
			t.Fatalf("stamp(%q) differs from the strings.Fields version", text)
		}
		var words []string
		forWords(text, func(w string, sentenceStart, _ bool) {
			if sentenceStart {
				words = append(words, "")
			}
			words = append(words, w)
		})
		for _, w := range append(words, "the", "q", "said9x") {
			if w != "" && plainWord(w) {
				if got, want := indexFold(text, w), indexFoldRef(text, w); got != want {
					t.Fatalf("indexFold(%q, %q) = %d, want %d", text, w, got, want)
				}
			}
		}
		for k := 1; k < len(words); k++ {
			if words[k-1] == "" || words[k] == "" {
				continue
			}
			ends := []fragEnd{{tail: [ctxWords]string{"", "", words[k-1]}}}
			starts := []fragStart{{lm: startModel{head: [ctxWords]string{words[k]}}}}
			if skip := joinFilter(ends, starts, []link{{}}); skip != nil && skip(text) {
				t.Fatalf("filter skips %q, which holds %q %q", text, words[k-1], words[k])
			}
		}
	})
}

// nameEndFields is nameEnd as first written, with strings.Fields.
func nameEndFields(t string) bool {
	ws := strings.Fields(lastChars(t, 80))
	if n := len(ws); n >= 2 && (ws[n-1] == "and" || ws[n-1] == "of" || ws[n-1] == "on") {
		ws = ws[:n-1]
	}
	n := len(ws)
	if n < 2 || meta.Terminated(ws[n-2]) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(ws[n-1])
	return unicode.IsUpper(r)
}

// stampFields is stamp as first written, with strings.FieldsSeq.
func stampFields(t string) bool {
	words, digits := 0, 0
	for w := range strings.FieldsSeq(t) {
		if words++; words > 8 {
			return false
		}
		if strings.ContainsAny(w, "0123456789") {
			digits++
		}
	}
	return 5*digits >= 2*words
}

func TestNumberStart(t *testing.T) {
	for text, want := range map[string]bool{
		"80m of their destination when Buckley slipped.": true,
		"2012 the company has grown.":                    true,
		"Ten people died.":                               false,
		"the talks went on.":                             false,
		"":                                               false,
	} {
		if got := numberStart(text); got != want {
			t.Errorf("numberStart(%q) = %v, want %v", text, got, want)
		}
	}
}

// indexFoldRef is indexFold as it was first written, a byte at a time.
func indexFoldRef(t, w string) int {
	for i := 0; i+len(w) <= len(t); i++ {
		if t[i]|0x20 != w[0] {
			continue
		}
		k := 1
		for k < len(w) && t[i+k]|0x20 == w[k] {
			k++
		}
		if k == len(w) {
			return i
		}
	}
	return -1
}

// tailWordsRef and headWordsRef are tailWords and headWords as they were
// first written, over forWords.
func tailWordsRef(t string) [ctxWords]string {
	var ws [ctxWords]string
	forWords(lastChars(t, 120), func(w string, sentenceStart, _ bool) {
		if sentenceStart {
			ws = [ctxWords]string{}
		}
		copy(ws[:], ws[1:])
		ws[ctxWords-1] = w
	})
	return ws
}

func headWordsRef(t string) [ctxWords]string {
	var ws [ctxWords]string
	n := 0
	forWords(firstChars(t, 120), func(w string, sentenceStart, _ bool) {
		if n < ctxWords && (n == 0 || !sentenceStart) {
			ws[n] = w
			n++
		} else {
			n = ctxWords
		}
	})
	return ws
}
