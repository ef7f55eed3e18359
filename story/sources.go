package story

import (
	"slices"
	"sort"
	"strings"

	"github.com/newsfold/newsfold/internal/unionfind"
	"github.com/newsfold/newsfold/news"
)

// agencyAliases maps the spellings of the big wire services to one name.
var agencyAliases = map[string]string{
	"afp": "afp", "agence france presse": "afp", "agence france-presse": "afp", "agencefrancepresse": "afp",
	"ap": "ap", "associated press": "ap", "the associated press": "ap",
	"reuters": "reuters", "thomson reuters": "reuters",
	"dpa": "dpa", "deutsche presse-agentur": "dpa",
	"efe": "efe", "ansa": "ansa", "xinhua": "xinhua", "tass": "tass", "itar-tass": "tass",
	"kyodo": "kyodo", "kyodo news": "kyodo", "yonhap": "yonhap", "pa": "pa", "press association": "pa",
	"bloomberg": "bloomberg", "upi": "upi", "united press international": "upi", "ians": "ians", "pti": "pti",
}

// canonicalAgency returns a comparable form of an agency name, or "" when
// none is known.
func canonicalAgency(a string) string {
	a = strings.ToLower(squeeze(a))
	a = strings.Trim(a, " .,;:-|©")
	if a == "" {
		return ""
	}
	if c, ok := agencyAliases[a]; ok {
		return c
	}
	return a
}

// canonicalSource returns a comparable form of an outlet name or domain.
func canonicalSource(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	s = strings.TrimPrefix(s, "www.")
	s = strings.TrimSuffix(s, "/")
	return squeeze(s)
}

// families partitions ids (sorted) into wire families: groups of articles
// that are not independent reports. Two articles are in one family when
// a duplicate or version relation links them (a version is the same story
// text rewritten, so it comes from the same newsroom), or when both name
// the same agency (a wire service is one source however many of its
// stories a collection holds). A reuse relation does not join families:
// sharing a background paragraph or a quotation leaves the rest of the
// report independent. It returns the family of each article of ids, by
// index, as the index of the family's first article in ids, and the
// number of families.
func families(ids []string, articles map[string]*news.Article, rels []news.Relation) ([]int, int) {
	if len(ids) == 1 {
		return []int{0}, 1
	}
	sets := unionfind.New(len(ids))
	for _, r := range rels {
		if r.Kind != news.Duplicate && r.Kind != news.Version {
			continue
		}
		a, okA := slices.BinarySearch(ids, r.A)
		b, okB := slices.BinarySearch(ids, r.B)
		if okA && okB {
			sets.Union(a, b)
		}
	}
	byAgency := make(map[string]int)
	for i, id := range ids {
		a := articles[id]
		if a == nil {
			continue
		}
		if ag := canonicalAgency(a.Agency); ag != "" {
			if j, ok := byAgency[ag]; ok {
				sets.Union(i, j)
			} else {
				byAgency[ag] = i
			}
		}
	}
	fam := make([]int, len(ids))
	n := 0
	for i := range ids {
		r := sets.Find(i)
		if r == i {
			n++
		}
		fam[i] = r
	}
	return fam, n
}

// outlets counts distinct outlets: distinct Source values, and each input
// document whose articles carry no source counts as one outlet.
func outlets(ids []string, articles map[string]*news.Article) int {
	if len(ids) == 1 && articles[ids[0]] != nil {
		return 1 // its source, or its input document
	}
	seen := make(map[string]bool)
	for _, id := range ids {
		a := articles[id]
		if a == nil {
			continue
		}
		if s := canonicalSource(a.Source); s != "" {
			seen["source\x00"+s] = true
			continue
		}
		in := a.Input
		if in == "" {
			in = a.ID
		}
		seen["input\x00"+in] = true
	}
	return len(seen)
}

// firstReported returns the ids of the articles with the earliest
// publication date, sorted; none when no article is dated.
func firstReported(ids []string, articles map[string]*news.Article) []string {
	var first string
	var out []string
	for _, id := range ids {
		a := articles[id]
		if a == nil {
			continue
		}
		d, ok := day(a.Date)
		if !ok {
			continue
		}
		switch {
		case first == "" || d < first:
			first, out = d, []string{id}
		case d == first:
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}
