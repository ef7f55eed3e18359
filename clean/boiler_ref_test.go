package clean

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/meta"
)

// FuzzLineWords checks the line rules that walk the words of a line
// without allocating against their first, plainer versions (the Ref
// functions below, over lowerWords as strings.Fields of the lower-cased
// line).
func FuzzLineWords(f *testing.F) {
	for _, s := range []string{"", "Related Posts", "More Great WIRED Stories", "Read more:", "3 comments", "Join the conversation",
		"stock car brasil, stock car cascavel, stock car interlagos, stock car 2019, stock car news, stock car live",
		"1 cup, 2 eggs, a, b, c, d, e", "ÀB, Ça, İstanbul, \xff, x\u00a0y, ‘quoted’", "Share this on Facebook", "(((app)))", "—Related—", "ＲＥＬＡＴＥＤ ＰＯＳＴＳ", "K\u212a", "(Read More: x", "SEE ALSO: y", "Lesen Sie auch", "ЧИТАЙТЕ ТАКЖЕ", "DON'T MISS it", "abcdefgh\x01ijklmnop qrstuvwx\u00a0yz", "0123456789abcdef!\x7f\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := range len(s) + 1 {
			want := i
			for want < len(s) && !wordStop[s[want]] {
				want++
			}
			if got := wordEnd(s, i); got != want {
				t.Fatalf("wordEnd(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
		if got, want := lowerWords(s), lowerWordsRef(s); !slices.Equal(got, want) {
			t.Fatalf("lowerWords(%q) = %q, want %q", s, got, want)
		}
		for _, set := range []map[string]bool{navWords, sections} {
			if got, want := allIn(s, set), allInRef(s, set); got != want {
				t.Fatalf("allIn(%q) = %v, want %v", s, got, want)
			}
		}
		if got, want := commentHeader(s), commentHeaderRef(s); got != want {
			t.Fatalf("commentHeader(%q) = %v, want %v", s, got, want)
		}
		if got, want := relatedHeader(s), relatedHeaderRef(s); got != want {
			t.Fatalf("relatedHeader(%q) = %v, want %v", s, got, want)
		}
		if got, want := readMore(s), readMoreRef(s); got != want {
			t.Fatalf("readMore(%q) = %v, want %v", s, got, want)
		}
		if got, want := keywordList(s), keywordListRef(s); got != want {
			t.Fatalf("keywordList(%q) = %v, want %v", s, got, want)
		}
		if got, want := mayPromo(s), mayPromoRef(s); got != want {
			t.Fatalf("mayPromo(%q) = %v, want %v", s, got, want)
		}
		for _, line := range []string{s, "Click here to " + s, s + " follow us on twitter"} {
			if got, want := promo(line), promoRef(line); got != want {
				t.Fatalf("promo(%q) = %v, want %v", line, got, want)
			}
		}
		long := strings.Repeat(s+" the ", 1+20/(1+len(s)))
		if got, want := english(long), englishRef(long); got != want {
			t.Fatalf("english(%q) = %v, want %v", long, got, want)
		}
	})
}

// promoRef is promo as it was first written, over the words of
// lowerWords, and without the pre-checks (mayPromo, ctaMarkShape) that
// must never turn away a call to action.
func promoRef(t string) bool {
	ws := lowerWords(t)
	if len(ws) == 0 {
		return false
	}
	marks := 0
	if ctaVerbs[ws[0]] {
		marks++
	}
	seen := map[string]bool{}
	for k, w := range ws {
		for _, ph := range ctaMarks[w] {
			if k+len(ph) > len(ws) || k == 0 && marks > 0 {
				continue
			}
			if key := strings.Join(ph, " "); slices.Equal(ws[k:k+len(ph)], ph) && !seen[key] {
				seen[key] = true
				marks++
			}
		}
	}
	n := len(ws)
	return marks >= 2 && n <= 30 || marks >= 3 && n <= 50 || marks >= 4 && n <= 80
}

// englishRef is english as it was first written.
func englishRef(text string) bool {
	if len(text) > 500 {
		text = text[:500]
	}
	n, hits := 0, 0
	for _, w := range strings.Fields(text) {
		n++
		var letters []byte
		for i := 0; i < len(w) && len(w) <= 8; i++ {
			c := w[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c >= 'a' && c <= 'z' {
				letters = append(letters, c)
			}
		}
		if len(letters) > 0 && englishStop[string(letters)] {
			hits++
		}
	}
	return n >= 20 && hits*5 >= n
}

func lowerWordsRef(t string) []string {
	ws := strings.Fields(strings.ToLower(t))
	out := ws[:0]
	for _, w := range ws {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

func allInRef(t string, set map[string]bool) bool {
	ws := lowerWordsRef(t)
	if len(ws) == 0 {
		return false
	}
	for _, w := range ws {
		if !set[w] && strings.Trim(w, "0123456789") != "" {
			return false
		}
	}
	return true
}

func commentHeaderRef(t string) bool {
	if !strings.Contains(t, "omment") && !strings.Contains(t, "OMMENT") && !strings.Contains(t, "onversation") && !strings.Contains(t, "iscussion") {
		return false
	}
	ws := lowerWordsRef(t)
	has := false
	for _, w := range ws {
		if w == "comments" || w == "comment" || w == "conversation" || w == "discussion" {
			has = true
		}
	}
	return has && allInRef(t, commentWords)
}

func relatedHeaderRef(t string) bool {
	ws := lowerWordsRef(t)
	u := strings.TrimRight(t, ".… ")
	if len(ws) == 0 || meta.Terminated(u) && !strings.HasSuffix(u, ":") {
		return false
	}
	key, lists, unknown := false, false, 0
	for _, w := range ws {
		switch w {
		case "related", "read", "recommended", "popular", "trending", "like", "reading", "see":
			key = true
		case "stories", "articles", "news", "posts", "videos":
			lists = true
		}
		if !relatedWords[w] {
			unknown++
		}
	}
	if lists && len(ws) >= 3 && (ws[0] == "more" || ws[0] == "top" || ws[0] == "latest") {
		key = true
	}
	return key && (unknown == 0 || unknown == 1 && lists && len(ws) >= 3)
}

func keywordListRef(t string) bool {
	if strings.Count(t, ", ") < 5 {
		return false
	}
	items := strings.Split(t, ", ")
	if len(items) < 6 {
		return false
	}
	short, quantities := 0, 0
	count := map[string]int{}
	for _, it := range items {
		if r, _ := utf8.DecodeRuneInString(it); unicode.IsNumber(r) {
			quantities++
		}
		ws := lowerWordsRef(it)
		if len(ws) <= 5 {
			short++
		}
		seen := map[string]bool{}
		for _, w := range ws {
			if utf8.RuneCountInString(w) >= 3 && !seen[w] {
				seen[w] = true
				count[w]++
			}
		}
	}
	if short < 6 || quantities >= 2 {
		return false
	}
	for _, n := range count {
		if 3*n >= 2*len(items) {
			return true
		}
	}
	return false
}

func readMoreRef(t string) bool {
	t = strings.TrimLeft(t, "([")
	if len(t) > 24 {
		t = t[:24]
	}
	if t == "" || t[0] >= utf8.RuneSelf || readMoreFirst[t[0]|0x20] {
		low := strings.ToLower(t)
		for _, p := range readMoreLabels {
			if strings.HasPrefix(low, p) {
				return true
			}
		}
	}
	// A "DON'T MISS" teaser set in capitals runs into its links.
	return (strings.HasPrefix(t, "DON'T MISS") || strings.HasPrefix(t, "DON’T MISS")) && len(t) > len("DON'T MISS")+2
}

// mayPromoRef is mayPromo as first written: each run of ASCII letters,
// lower-cased, looked up in ctaHints.
func mayPromoRef(t string) bool {
	if strings.Contains(t, "\u0130") || strings.Contains(t, "\u212a") {
		return true
	}
	for i := 0; i < len(t); {
		if t[i]|0x20-'a' >= 26 {
			i++
			continue
		}
		start := i
		for i++; i < len(t) && t[i]|0x20-'a' < 26; i++ {
		}
		if ctaHints[strings.ToLower(t[start:i])] {
			return true
		}
	}
	return false
}
