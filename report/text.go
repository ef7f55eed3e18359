package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"github.com/newsfold/newsfold/fold"
	"github.com/newsfold/newsfold/news"
)

// Text writes res as a report for a person: stories, most-covered first,
// each with its events and dates, its articles and how they relate, its
// summary and where its sources differ.
func Text(w io.Writer, res fold.Result) error {
	bw := bufio.NewWriter(w)
	byID := make(map[string]*news.Article, len(res.Articles))
	for i := range res.Articles {
		byID[res.Articles[i].ID] = &res.Articles[i]
	}
	// A relation's A is the earlier or original article: say so from
	// both sides.
	related := make(map[string][]string)
	for _, r := range res.Relations {
		earlier, later := relationWords(r.Kind)
		related[r.A] = append(related[r.A], fmt.Sprintf("%s %s (%.0f%% shared)", earlier, r.B, 100*r.Score))
		related[r.B] = append(related[r.B], fmt.Sprintf("%s %s (%.0f%% shared)", later, r.A, 100*r.Score))
	}
	inputs := make(map[string]bool)
	for _, a := range res.Articles {
		inputs[a.Input] = true
	}
	fmt.Fprintf(bw, "%d inputs, %d articles, %d relations, %d events, %d stories\n",
		len(inputs), len(res.Articles), len(res.Relations), len(res.Events), len(res.Stories))

	for _, s := range res.Stories {
		fmt.Fprintf(bw, "\n== %s: %s\n", s.ID, oneLine(s.Title, 100))
		var facts []string
		if span := dateSpan(s.FirstDate, s.LastDate); span != "" {
			facts = append(facts, span)
		}
		facts = append(facts, plural(len(s.Articles), "article"), plural(len(s.Events), "event"))
		facts = append(facts, fmt.Sprintf("%s (%s)", plural(s.Families, "independent source"), plural(s.Outlets, "outlet")))
		fmt.Fprintf(bw, "   %s\n", strings.Join(facts, " · "))
		if len(s.FirstReported) > 0 {
			fmt.Fprintf(bw, "   first reported: %s\n", safe(strings.Join(s.FirstReported, ", ")))
		}
		for _, e := range s.Events {
			date := e.Date
			if date == "" {
				date = "undated"
			}
			fmt.Fprintf(bw, "\n   %s  %s  %s\n", date, e.ID, oneLine(e.Title, 80))
			for _, id := range e.Articles {
				a := byID[id]
				if a == nil {
					continue
				}
				var who []string
				for _, x := range []string{a.Source, a.Agency, a.Date} {
					if x != "" {
						who = append(who, x)
					}
				}
				fmt.Fprintf(bw, "     - %s", safe(id))
				if len(who) > 0 {
					fmt.Fprintf(bw, " [%s]", safe(strings.Join(who, ", ")))
				}
				if a.Title != "" {
					fmt.Fprintf(bw, " %q", oneLine(a.Title, 80))
				}
				fmt.Fprintln(bw)
				rel := append([]string(nil), related[id]...)
				sort.Strings(rel)
				for _, r := range rel {
					fmt.Fprintf(bw, "         %s\n", safe(r))
				}
			}
		}
		if len(s.Summary) > 0 {
			fmt.Fprintf(bw, "\n   Summary\n")
			for _, sent := range s.Summary {
				fmt.Fprintf(bw, "   * %s [%s]\n", oneLine(sent.Text, 400), safe(strings.Join(sent.Articles, ", ")))
			}
		}
		if len(s.Differences) > 0 {
			fmt.Fprintf(bw, "\n   Where sources differ\n")
			for _, d := range s.Differences {
				fmt.Fprintf(bw, "   * %s\n", oneLine(d.About, 100))
				for _, c := range d.Claims {
					fmt.Fprintf(bw, "       %q  (%s)\n", oneLine(c.Text, 300), safe(strings.Join(c.Articles, ", ")))
				}
			}
		}
	}
	return bw.Flush()
}

// relationWords says how the earlier and the later article of a relation
// of the given kind relate to the other.
func relationWords(kind string) (earlier, later string) {
	switch kind {
	case news.Duplicate:
		return "copied by", "copy of"
	case news.Version:
		return "rewritten as", "version of"
	case news.Reuse:
		return "text reused by", "reuses text of"
	}
	return kind + " of", kind + " of"
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func dateSpan(first, last string) string {
	switch {
	case first == "" && last == "":
		return ""
	case first == last || last == "":
		return first
	case first == "":
		return last
	}
	return first + " to " + last
}

// oneLine makes untrusted text safe for a terminal, folds it to one line
// and cuts it to at most max runes.
func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(safe(s)), " ")
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return s
}

// safe replaces every control character and bidirectional override in
// untrusted text with a visible escape, so that article text can never
// move the cursor, recolour the terminal or reorder what is shown.
func safe(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029'
}
