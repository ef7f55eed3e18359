package reuse

import (
	"fmt"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/news"
)

// sampleArticles returns the reference sample as articles, with the junk a
// cleaner removes stripped by line range: 000's summit story without its
// pull quote and photo caption (its columns stay out of order, as the
// cleaner may leave them), 001 without its "Related Posts" tail. 002, 003
// and 004 are used whole.
func sampleArticles(t *testing.T) []news.Article {
	t.Helper()
	read := func(prefix string) []string {
		files, err := filepath.Glob(filepath.Join("..", "testdata", "kim-putin-2019", prefix+"_*.txt"))
		if err != nil || len(files) != 1 {
			t.Fatalf("sample %s: %v %v", prefix, files, err)
		}
		b, err := os.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(string(b), "\n")
	}
	paras := func(lines []string, from, to int, skip ...int) string {
		var out []string
		for n := from; n <= to && n <= len(lines); n++ {
			s := strings.TrimSpace(lines[n-1])
			skipped := false
			for _, k := range skip {
				skipped = skipped || k == n
			}
			if s != "" && !skipped {
				out = append(out, s)
			}
		}
		return strings.Join(out, "\n\n")
	}
	l0, l1, l2, l3, l4 := read("000"), read("001"), read("002"), read("003"), read("004")
	return []news.Article{
		{ID: "000#1", Date: "2019-04-26", Agency: "AFP", Text: paras(l0, 11, 89, 31, 33, 51)},
		{ID: "001", Text: paras(l1, 2, 9)},
		{ID: "002", Date: "2019-04-26", Text: paras(l2, 1, len(l2))},
		{ID: "003", Text: paras(l3, 1, len(l3))},
		{ID: "004", Date: "2019-04-24", Text: paras(l4, 1, len(l4))},
	}
}

func TestSampleKinds(t *testing.T) {
	arts := sampleArticles(t)
	rels, st := Find(arts, DefaultOptions())
	got := map[string]string{}
	for _, r := range rels {
		t.Logf("%s %s %s %.2f %d passages", r.A, r.B, r.Kind, r.Score, len(r.Passages))
		if r.B == "004" {
			t.Errorf("%s %s: 004 is dated earliest and should come first", r.A, r.B)
		}
		a, b := r.A, r.B
		if a > b {
			a, b = b, a
		}
		got[a+" "+b] = r.Kind
	}
	t.Log(st)
	want := map[string]string{
		"000#1 001": news.Duplicate,
		"000#1 002": news.Version,
		"001 002":   news.Version,
		"000#1 004": news.Reuse,
		"001 004":   news.Reuse,
		"002 004":   news.Reuse,
	}
	for k, kind := range want {
		if got[k] != kind {
			t.Errorf("%s: got %q, want %q", k, got[k], kind)
		}
	}
	for k := range got {
		if strings.Contains(k, "003") {
			t.Errorf("003 is an independent report, but got relation %s %s", k, got[k])
		}
	}
}

func TestFold(t *testing.T) {
	if n := utf8.RuneCountInString(latinExtA); n != 0x80 {
		t.Fatalf("latinExtA has %d letters", n)
	}
	if n := len(latin1); n != 0x40 {
		t.Fatalf("latin1 has %d letters", n)
	}
	for in, want := range map[string]string{
		"No r t h Ko re a":         "northkorea",
		"Pyongyang’s “deal” — now": "pyongyangsdealnow",
		"Café Æsir Straße ﬁnal":    "cafeaesirstrassefinal",
		"Łódź e\u0301":             "lodze",
		"ВЛАДИВОСТОК 2019":         "владивосток2019",
	} {
		l := newLetters(in)
		if got := string(l.r); got != want {
			t.Errorf("letters(%q) = %q, want %q", in, got, want)
		}
		for _, o := range l.off {
			if int(o) >= utf8.RuneCountInString(in) {
				t.Errorf("letters(%q): offset %d out of range", in, o)
			}
		}
	}
}

// paragraph returns a deterministic paragraph of distinct-looking words.
func paragraph(seed, words int) string {
	syll := []string{"ka", "lo", "mi", "ren", "tu", "sa", "vor", "di", "pe", "qua", "ni", "bel"}
	var b strings.Builder
	x := uint64(seed)*0x9e3779b97f4a7c15 + 1
	for w := 0; w < words; w++ {
		if w > 0 {
			b.WriteByte(' ')
		}
		for s := 0; s < 2+int(x%3); s++ {
			x = x*6364136223846793005 + 1442695040888963407
			b.WriteString(syll[(x>>33)%uint64(len(syll))])
		}
		if w%12 == 11 {
			b.WriteByte('.')
		}
	}
	return b.String()
}

func TestAlignReusedParagraph(t *testing.T) {
	shared := paragraph(1, 40)
	a := paragraph(2, 80) + "\n\n" + shared + "\n\n" + paragraph(3, 60)
	b := paragraph(4, 50) + "\n\n" + strings.ReplaceAll(shared, "ka", "k a") + "\n\n" + paragraph(5, 90)
	al := Align(a, b, DefaultOptions())
	if len(al.Passages) != 1 {
		t.Fatalf("got %d passages %v, want 1", len(al.Passages), al.Passages)
	}
	p := al.Passages[0]
	ra, rb := []rune(a), []rune(b)
	if got := string(ra[p.A[0]:p.A[1]]); got != shared {
		t.Errorf("passage in a = %q\nwant %q", got, shared)
	}
	if got := strings.ReplaceAll(string(rb[p.B[0]:p.B[1]]), "k a", "ka"); got != shared {
		t.Errorf("passage in b = %q\nwant %q", got, shared)
	}
}

func TestAlignUnrelated(t *testing.T) {
	// Shared names and a stock phrase, no shared passage.
	a := paragraph(6, 50) + " North Korean leader Kim Jong Un in Vladivostok " + paragraph(7, 50)
	b := paragraph(8, 50) + " North Korean leader Kim Jong Un in Vladivostok " + paragraph(9, 50)
	if al := Align(a, b, DefaultOptions()); len(al.Passages) != 0 {
		t.Errorf("got passages %v, want none", al.Passages)
	}
}

func TestFindDeterministicAcrossWorkers(t *testing.T) {
	var arts []news.Article
	for i := 0; i < 40; i++ {
		text := paragraph(100+i, 120)
		if i%4 == 1 { // copy of the one before, trimmed
			text = arts[i-1].Text[:len(arts[i-1].Text)*3/4]
		}
		if i%4 == 2 { // reuses a passage of the first
			text = paragraph(200+i, 60) + "\n\n" + paragraph(100, 40) + "\n\n" + paragraph(300+i, 60)
		}
		arts = append(arts, news.Article{ID: fmt.Sprintf("a%02d", i), Text: text})
	}
	o := DefaultOptions()
	r1, s1 := Find(arts, o)
	o.Workers = 4
	r4, s4 := Find(arts, o)
	if fmt.Sprint(r1) != fmt.Sprint(r4) || s1.String() != s4.String() {
		t.Errorf("results differ with workers:\n%v\n%v", r1, r4)
	}
	kinds := map[string]int{}
	for _, r := range r1 {
		kinds[r.Kind]++
	}
	if kinds[news.Duplicate] != 10 {
		t.Errorf("got %d duplicates, want 10 (%v)", kinds[news.Duplicate], kinds)
	}
}

func TestIndexLookupMatchesPairs(t *testing.T) {
	o := withDefaults(Options{})
	texts := []string{paragraph(1, 100), paragraph(2, 100), paragraph(1, 100) + " " + paragraph(3, 20)}
	var idx Index
	for i, s := range texts[:2] {
		fp, _ := NewFingerprint(s, o)
		idx.Add(uint32(i), fp)
	}
	idx.Seal(1)
	fp, _ := NewFingerprint(texts[2], o)
	m := idx.Lookup(fp, o.MinAnchors, o.MaxDF)
	if len(m) != 1 || m[0].Doc != 0 {
		t.Fatalf("Lookup = %v, want document 0", m)
	}
	idx.Add(2, fp)
	idx.Seal(2)
	pairs, st := idx.Pairs(o.MinAnchors, o.MaxDF, 2)
	if len(pairs) != 1 || pairs[0] != [2]uint32{0, 2} || st.PairsSharing != 1 {
		t.Errorf("Pairs = %v %+v, want [[0 2]]", pairs, st)
	}
}

func TestStatsExplainEmpty(t *testing.T) {
	_, st := Find([]news.Article{{ID: "a", Text: "Too short."}, {ID: "b", Text: paragraph(1, 50)}}, DefaultOptions())
	if st.Short != 1 || !strings.Contains(st.String(), "too short") {
		t.Errorf("stats do not explain: %s", st)
	}
}

func FuzzAlign(f *testing.F) {
	f.Add("Kim, Putin vow closer ties. Russia’s Vladimir Putin met Kim.", "No r t h Ko re a l a st we e k said Putin met Kim, vowing closer ties.")
	f.Add("", "x")
	f.Add("ﬁ\u0301\u0301 ß", "ss fi")
	f.Add(strings.Repeat("abc def ", 50), strings.Repeat("abc def ", 51))
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		al := Align(a, b, DefaultOptions())
		na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
		for _, p := range al.Passages {
			if p.A[0] < 0 || p.A[0] >= p.A[1] || p.A[1] > na || p.B[0] < 0 || p.B[0] >= p.B[1] || p.B[1] > nb {
				t.Fatalf("bad passage %v for lengths %d %d", p, na, nb)
			}
		}
		if al.CoveredA > al.LettersA || al.CoveredB > al.LettersB {
			t.Fatalf("coverage over length: %+v", al)
		}
	})
}

func TestCommonPassagesDropped(t *testing.T) {
	footer := paragraph(999, 60)
	var arts []news.Article
	for i := 0; i < 120; i++ {
		arts = append(arts, news.Article{ID: fmt.Sprintf("a%03d", i), Text: paragraph(i, 150) + "\n\n" + footer})
	}
	o := DefaultOptions()
	o.MaxDF = 100
	rels, st := Find(arts, o)
	if len(rels) != 0 {
		t.Errorf("got %d relations through a footer in every article", len(rels))
	}
	if st.Common == 0 || !strings.Contains(st.String(), "too common") {
		t.Errorf("stats do not report the common anchors: %s", st)
	}
}

func TestClassify(t *testing.T) {
	a := &news.Article{ID: "a", Date: "2024-01-02"}
	b := &news.Article{ID: "b", Date: "2024-01-01"}
	for _, c := range []struct {
		name string
		al   Alignment
		want string
	}{
		{"copy", Alignment{LettersA: 1000, LettersB: 1010, CoveredA: 990, CoveredB: 1000}, news.Duplicate},
		{"trimmed copy", Alignment{LettersA: 1000, LettersB: 600, CoveredA: 590, CoveredB: 590, TailA: 400}, news.Duplicate},
		{"new headline", Alignment{LettersA: 1000, LettersB: 1080, CoveredA: 990, CoveredB: 990, HeadB: 80}, news.Duplicate},
		{"rewritten", Alignment{LettersA: 1000, LettersB: 1000, CoveredA: 950, CoveredB: 950, Edits: 9}, news.Version},
		{"new lead, cuts", Alignment{LettersA: 1000, LettersB: 900, CoveredA: 500, CoveredB: 500, HeadB: 300}, news.Version},
		{"background paragraph", Alignment{LettersA: 3000, LettersB: 1000, CoveredA: 300, CoveredB: 300}, news.Reuse},
		{"background in a short host", Alignment{LettersA: 4000, LettersB: 2000, CoveredA: 700, CoveredB: 700}, news.Reuse},
	} {
		r := Classify(a, b, c.al, DefaultOptions())
		if r.Kind != c.want {
			t.Errorf("%s: kind %s, want %s", c.name, r.Kind, c.want)
		}
		if r.A != "b" {
			t.Errorf("%s: A = %s, want the earlier b", c.name, r.A)
		}
		if r.Score < 0 || r.Score > 1 {
			t.Errorf("%s: score %v", c.name, r.Score)
		}
	}
}

func TestIndexRoundTrip(t *testing.T) {
	o := withDefaults(Options{})
	var idx Index
	for i := 0; i < 5; i++ {
		fp, _ := NewFingerprint(paragraph(i%3, 120), o)
		idx.Add(uint32(i), fp)
	}
	if _, err := idx.MarshalBinary(); err == nil {
		t.Error("an unsealed index was encoded")
	}
	idx.Seal(2)
	b, err := idx.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back Index
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	p1, _ := idx.Pairs(o.MinAnchors, o.MaxDF, 1)
	p2, _ := back.Pairs(o.MinAnchors, o.MaxDF, 1)
	if fmt.Sprint(p1) != fmt.Sprint(p2) || back.Docs() != 5 || len(p1) != 2 {
		t.Errorf("pairs before %v, after %v", p1, p2)
	}
	if err := back.UnmarshalBinary(b[:len(b)-3]); err == nil {
		t.Error("a truncated index was decoded")
	}
}

func FuzzIndexUnmarshal(f *testing.F) {
	var idx Index
	fp, _ := NewFingerprint(paragraph(1, 50), DefaultOptions())
	idx.Add(0, fp)
	idx.Seal(1)
	b, _ := idx.MarshalBinary()
	f.Add(b)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		var x Index
		if x.UnmarshalBinary(b) == nil {
			x.Pairs(2, 100, 1)
		}
	})
}

func FuzzFind(f *testing.F) {
	f.Add("Kim, Putin vow closer ties", "Kim, Putin vow closer ties.\n\nNo r t h Ko re a", "")
	f.Add(strings.Repeat("the same words again ", 30), strings.Repeat("the same words again ", 31), "x")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		for _, s := range []string{a, b, c} {
			if !utf8.ValidString(s) {
				return
			}
		}
		arts := []news.Article{{ID: "a", Text: a}, {ID: "b", Text: b, Date: "2024-01-01"}, {ID: "c", Text: c}}
		rels, _ := Find(arts, DefaultOptions())
		for _, r := range rels {
			if r.Score < 0 || r.Score > 1 || len(r.Passages) == 0 {
				t.Fatalf("bad relation %+v", r)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	var arts []news.Article
	for i := 0; i < 1000; i++ {
		text := paragraph(i, 500)
		if i%5 == 1 {
			text = arts[i-1].Text
		}
		arts = append(arts, news.Article{ID: fmt.Sprintf("a%04d", i), Text: text})
	}
	o := DefaultOptions()
	o.Workers = 2
	b.ResetTimer()
	for b.Loop() {
		Find(arts, o)
	}
	b.ReportMetric(float64(len(arts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func TestUpgradeByFamily(t *testing.T) {
	rels := []news.Relation{
		{A: "a", B: "b", Kind: news.Duplicate},
		{A: "a", B: "c", Kind: news.Duplicate},
		{A: "b", B: "c", Kind: news.Reuse},   // two trimmed copies: duplicates
		{A: "a", B: "v", Kind: news.Version}, //
		{A: "b", B: "v", Kind: news.Reuse},   // a copy and a version: versions
		{A: "a", B: "h", Kind: news.Reuse},   // a host is no relative
		{A: "b", B: "h", Kind: news.Reuse},
	}
	upgradeByFamily(rels)
	want := []string{news.Duplicate, news.Duplicate, news.Duplicate, news.Version, news.Version, news.Reuse, news.Reuse}
	for i, r := range rels {
		if r.Kind != want[i] {
			t.Errorf("%s %s: %s, want %s", r.A, r.B, r.Kind, want[i])
		}
	}
}

func TestFamilies(t *testing.T) {
	rels := []news.Relation{
		{A: "c", B: "b", Kind: news.Duplicate},
		{A: "b", B: "d", Kind: news.Duplicate},
		{A: "b", B: "e", Kind: news.Version},
		{A: "e", B: "f", Kind: news.Reuse},
	}
	got := Families([]string{"a", "b", "c", "d", "e", "f"}, rels)
	want := map[string]string{"a": "a", "b": "b", "c": "b", "d": "b", "e": "e", "f": "f"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Families = %v, want %v", got, want)
	}
}

func TestAlignUnspacedScript(t *testing.T) {
	shared := "俄罗斯总统普京与朝鲜最高领导人金正恩在符拉迪沃斯托克举行首次会晤，双方表示将加强两国关系，并就朝鲜半岛局势交换了意见。"
	a := "今天的天气非常好，很多人去公园散步。" + shared + "晚上还有音乐会。"
	b := "据报道，" + shared + "分析人士认为这次会晤意义重大，值得关注。"
	al := Align(a, b, DefaultOptions())
	if len(al.Passages) != 1 {
		t.Fatalf("got passages %v, want one", al.Passages)
	}
	p := al.Passages[0]
	if got := string([]rune(a)[p.A[0]:p.A[1]]); got != strings.TrimSuffix(shared, "。") {
		t.Errorf("passage in a = %q", got)
	}
	if got := string([]rune(b)[p.B[0]:p.B[1]]); got != strings.TrimSuffix(shared, "。") {
		t.Errorf("passage in b = %q", got)
	}
}

func TestShortIdenticalTextsAreDuplicates(t *testing.T) {
	brief := "Storm hits coast, officials say."
	arts := []news.Article{
		{ID: "a", Text: brief},
		{ID: "b", Text: "STORM hits  coast — officials say"},
		{ID: "c", Text: "Markets fall on rate fears."},
		{ID: "d", Text: brief},
		{ID: "e", Text: "..."},
		{ID: "f", Text: "..."},
	}
	rels, st := Find(arts, DefaultOptions())
	got := map[[2]string]string{}
	for _, r := range rels {
		got[[2]string{r.A, r.B}] = r.Kind
		if r.Score != 1 || len(r.Passages) != 1 {
			t.Errorf("relation %s-%s: score %v, %d passages", r.A, r.B, r.Score, len(r.Passages))
		}
	}
	want := map[[2]string]string{{"a", "b"}: news.Duplicate, {"a", "d"}: news.Duplicate}
	if len(got) != len(want) || got[[2]string{"a", "b"}] != news.Duplicate || got[[2]string{"a", "d"}] != news.Duplicate {
		t.Errorf("relations %v, want %v (texts without letters are never linked)", got, want)
	}
	if st.ExactOnly != 2 {
		t.Errorf("ExactOnly = %d, want 2", st.ExactOnly)
	}
}

// TestFoldFastPaths checks fold's shortcuts for common blocks against
// the Unicode tables, rune by rune.
func TestFoldFastPaths(t *testing.T) {
	for r := rune(0x180); r <= unicode.MaxRune; r++ {
		if r >= 0xFB00 && r <= 0xFB06 {
			continue // ligatures
		}
		got, gotWord := fold(nil, r)
		var want []rune
		wantWord := true
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			want = []rune{unicode.ToLower(r)}
		default:
			wantWord = false
		}
		if !slices.Equal(got, want) || gotWord != wantWord {
			t.Fatalf("fold(%U) = %q %v, want %q %v", r, got, gotWord, want, wantWord)
		}
	}
}

// referenceLetters is the letter stream computed rune by rune with fold,
// the plain definition that letters.reset must agree with.
func referenceLetters(text string) (r []rune, off, starts []int32) {
	inWord := false
	i := int32(-1)
	for _, c := range text {
		i++
		folded, word := fold(nil, c)
		for k := range folded {
			if k == 0 && (!inWord || unspaced(c)) {
				starts = append(starts, int32(len(r)+k))
			}
			off = append(off, i)
		}
		r = append(r, folded...)
		inWord = word
	}
	return r, off, starts
}

func FuzzLetters(f *testing.F) {
	f.Add("No r t h Ko re a, Pyongyang’s “deal” — now")
	f.Add("Café Æsir Straße ﬁnal Łódź e\u0301 ВЛАДИВОСТОК 2019 金正恩在符拉")
	f.Add("\xff\xfeab\u0301c ﬃ")
	f.Add("Путин сказал: «нет» \xd0 \xd0a é\xc3")
	f.Add("Ѐё Ѡѿ—“x”ⁱ⁰ ‘a’…\xe2\x80 Ё\xd1\xbf\xd1\xe2\x80\x41\xe2\x80")
	f.Add(strings.Repeat("Long texts are hashed in four spans; windows cross them. ", 12))
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		l := newLetters(text)
		r, off, starts := referenceLetters(text)
		if !slices.Equal(l.r, r) || !slices.Equal(l.off, off) || !slices.Equal(l.starts, starts) {
			t.Fatalf("letters(%q) = %q %v %v, want %q %v %v", text, l.r, l.off, l.starts, r, off, starts)
		}
		var fh uint64
		for _, c := range r {
			fh = fh*windowBase + uint64(c) + 1
		}
		if want := mix(fh); len(r) > 0 && l.folded != want || len(r) == 0 && l.folded != 0 {
			t.Fatalf("letters(%q).folded = %x, want %x", text, l.folded, want)
		}
		var fl letters // as a fingerprint computes it, without offsets
		fl.reset(text, false)
		if !slices.Equal(fl.r, l.r) || !slices.Equal(fl.starts, l.starts) || !slices.Equal(fl.prefix, l.prefix) || fl.folded != l.folded || len(fl.off) != 0 {
			t.Fatalf("letters(%q) without offsets differ", text)
		}
		ascii := !strings.ContainsFunc(text, func(c rune) bool { return c >= utf8.RuneSelf })
		if l.ascii != ascii {
			t.Fatalf("letters(%q).ascii = %v", text, l.ascii)
		}
		rt, runes := runeText{text, &l}, []rune(text)
		if rt.len() != len(runes) {
			t.Fatalf("runeText(%q).len() = %d, want %d", text, rt.len(), len(runes))
		}
		for i, c := range runes {
			if rt.at(i) != c {
				t.Fatalf("runeText(%q).at(%d) = %q, want %q", text, i, rt.at(i), c)
			}
		}
		for i := range runes {
			s, e := i, i+1
			if !unspaced(runes[i]) {
				inWord := func(c rune) bool { return !unicode.IsSpace(c) && !unspaced(c) }
				for s, e = i, i; s > 0 && inWord(runes[s-1]); s-- {
				}
				for ; e < len(runes) && inWord(runes[e]); e++ {
				}
			}
			if gs, ge := wordAround(rt, i); gs != s || ge != e {
				t.Fatalf("wordAround(%q, %d) = %d, %d, want %d, %d", text, i, gs, ge, s, e)
			}
		}
		// Windows longer than a span of prefix hashes cross several.
		for _, n := range []int{5, 100} {
			ws := l.hashes(n, nil)
			k := 0
			for _, s := range starts {
				if int(s)+n > len(r) {
					break
				}
				var h uint64
				for _, c := range r[s : int(s)+n] {
					h = h*windowBase + uint64(c) + 1
				}
				if k >= len(ws) || ws[k] != (window{mix(h), s}) {
					t.Fatalf("letters(%q): window %d of %d letters at %d is not %x", text, k, n, s, mix(h))
				}
				k++
			}
			if k != len(ws) {
				t.Fatalf("letters(%q): %d windows of %d letters, want %d", text, len(ws), n, k)
			}
			// The fingerprint, sampling nothing, keeps the windows that
			// occur once.
			count := map[uint64]int{}
			for _, w := range ws {
				count[w.hash]++
			}
			var once []uint64
			for h, c := range count {
				if c == 1 {
					once = append(once, h)
				}
			}
			slices.Sort(once)
			fp, st := NewFingerprint(text, Options{AnchorLen: n, AnchorSample: 1})
			if st.Windows != len(ws) || st.Repeated != len(ws)-len(once) || !slices.Equal(fp.Anchors, once) {
				t.Fatalf("NewFingerprint(%q) with %d letters: %d windows, %d repeated, anchors %x; want %d, %d, %x",
					text, n, st.Windows, st.Repeated, fp.Anchors, len(ws), len(ws)-len(once), once)
			}
		}
	})
}

// hashSource returns a source of keys spread as hashes are: a linear
// congruential sequence, mixed, the same on every run.
func hashSource() func() uint64 {
	x := uint64(1)
	return func() uint64 {
		x = x*6364136223846793005 + 1442695040888963407
		return mix(x)
	}
}

func TestSortHashes(t *testing.T) {
	next := hashSource()
	var tmp []uint64
	var counts []int32
	for _, n := range []int{0, 1, 63, 64, 65, 1000, 5000} {
		for _, shape := range []string{"uniform", "one shard", "few values", "low bits only", "descending", "buckets of eight"} {
			keys := make([]uint64, n)
			for i := range keys {
				switch h := next(); shape {
				case "uniform", "descending":
					keys[i] = h
				case "one shard":
					keys[i] = 7<<(64-shardBits) | h>>shardBits
				case "few values":
					keys[i] = h % 3 << 60
				case "buckets of eight":
					// Every eighth bucket, with up to 16 keys each.
					keys[i] = h &^ (7 << (64 - bits.Len(uint(n)) + 1))
				default:
					keys[i] = h % 100
				}
			}
			if shape == "descending" {
				slices.Sort(keys)
				slices.Reverse(keys)
			}
			want := slices.Sorted(slices.Values(keys))
			skip := 0
			if shape == "one shard" {
				skip = shardBits
			}
			var sorted []uint64
			sorted, tmp, counts = sortHashes(keys, tmp, counts, skip)
			if !slices.Equal(sorted, want) {
				t.Errorf("%d keys, %s: not sorted", n, shape)
			}
		}
	}
}

func TestSortPairKeys(t *testing.T) {
	next := hashSource()
	var tmp []uint64
	// Sizes below and above the comparison sort's, widths of two and of
	// four passes, and keys repeated as shared anchors repeat them.
	for _, c := range []struct{ n, loBits, hiBits int }{
		{0, 0, 1}, {100, 3, 10}, {300, 0, 8}, {5000, 5, 13}, {30000, 9, 17}, {20000, 16, 24},
	} {
		lo0 := uint64(3) << c.loBits
		keys := make([]uint64, c.n)
		for i := range keys {
			keys[i] = (lo0+next()%(1<<c.loBits))<<32 | next()%(1<<c.hiBits)
			if i%3 == 2 {
				keys[i] = keys[next()%uint64(i)]
			}
		}
		want := slices.Sorted(slices.Values(keys))
		tmp = sortPairKeys(keys, tmp, lo0, c.loBits, c.hiBits)
		if !slices.Equal(keys, want) {
			t.Errorf("%+v: not sorted", c)
		}
	}
}

func TestDivisor(t *testing.T) {
	x := uint64(7)
	for _, d := range []uint64{1, 2, 3, 4, 5, 6, 7, 8, 12, 100, 1 << 20, 3 << 40, 1<<63 + 1, math.MaxUint64} {
		v := newDivisor(d)
		for i := range 20000 {
			x = x*6364136223846793005 + 1442695040888963407
			n := x
			switch i % 3 {
			case 1:
				n = x / d * d // a multiple
			case 2:
				n = uint64(i)
			}
			if v.divides(n) != (n%d == 0) {
				t.Fatalf("divisor %d: divides(%d) = %v", d, n, v.divides(n))
			}
		}
	}
}

// TestSideCache checks that the cache hands back the texts asked for,
// never the side being kept, and keeps its memory within budget.
func TestSideCache(t *testing.T) {
	o := withDefaults(Options{})
	texts := make([]string, 40)
	for i := range texts {
		texts[i] = paragraph(i, 40+i)
		if i%10 == 3 { // long texts overflow the memory budget
			texts[i] = strings.Repeat(texts[i]+" ", 1500)
		}
	}
	var c sideCache
	c.stamp++
	c.epoch = c.stamp
	x := uint64(1)
	for range 300 {
		x = x*6364136223846793005 + 1442695040888963407
		a, b := uint32(x>>33)%40, uint32(x>>13)%40
		if a == b {
			continue
		}
		sa := c.side(a, texts[a], nil, o)
		sb := c.side(b, texts[b], sa, o)
		if sa == sb || sa.text != texts[a] || sb.text != texts[b] {
			t.Fatalf("pair %d %d: got sides of %.20q and %.20q", a, b, sa.text, sb.text)
		}
		held, live := 0, 0
		for i := range c.entries {
			if n := cap(c.entries[i].s.l.r); n > 0 {
				held += n
				live++
			}
		}
		if held > sideCacheLetters && live > 2 {
			t.Fatalf("cache holds %d letters in %d sides", held, live)
		}
	}
	sa := c.side(13, texts[13], nil, o)
	if al, want := alignSides(sa, c.side(3, texts[3], sa, o), &c.align, o), Align(texts[13], texts[3], o); fmt.Sprint(al) != fmt.Sprint(want) {
		t.Errorf("cached alignment %+v, want %+v", al, want)
	}
}

func TestPairFamilies(t *testing.T) {
	pairs := [][2]uint32{{0, 1}, {0, 2}, {3, 4}, {1, 5}, {6, 7}, {4, 8}, {2, 9}}
	got := pairFamilies(pairs)
	want := [][]int{{0, 1, 3, 6}, {2, 5}, {4}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("pairFamilies = %v, want %v", got, want)
	}
}

// TestMatchScratchZeroed checks that alignment leaves its diagonal scratch
// all zero, as the next pair relies on.
func TestMatchScratchZeroed(t *testing.T) {
	o := withDefaults(Options{})
	var sc alignScratch
	shared := paragraph(7, 80)
	texts := []string{
		paragraph(1, 60) + " " + shared + " " + paragraph(2, 40),
		shared + " " + paragraph(3, 30),
		paragraph(4, 200),
		paragraph(5, 10) + " " + shared,
	}
	matches := 0
	for i, a := range texts {
		for j, b := range texts {
			if i == j {
				continue
			}
			alignSides(newSide(a, o), newSide(b, o), &sc, o)
			matches += len(sc.mems)
			if k := slices.IndexFunc(sc.covered[:cap(sc.covered)], func(d int32) bool { return d != 0 }); k >= 0 {
				t.Fatalf("pair %d %d: diagonal scratch slot %d left %d", i, j, k, sc.covered[k])
			}
		}
	}
	if matches == 0 {
		t.Fatal("no matches found: the test aligns nothing")
	}
}

// referenceMatches is maximalMatches as first written, looking every
// window of a up in b: maximalMatches skips the lookups it can tell the
// answer of, and must find the same matches.
func referenceMatches(sa, sb *side, n int) []stretch {
	ra, rb := sa.l.r, sb.l.r
	diag := make([]int32, len(ra)+len(rb)+1)
	var mems []stretch
	for _, w := range sa.seeds.once {
		b, ok := sb.seeds.unique(w.hash)
		if !ok {
			continue
		}
		a := int(w.pos)
		a0, b0 := a, b
		d := b - a + len(ra)
		if int(diag[d]) > a || !slices.Equal(ra[a:a+n], rb[b:b+n]) {
			continue
		}
		for a > 0 && b > 0 && ra[a-1] == rb[b-1] {
			a--
			b--
		}
		ea, eb := a0+n, b0+n
		for ea < len(ra) && eb < len(rb) && ra[ea] == rb[eb] {
			ea++
			eb++
		}
		diag[d] = int32(ea)
		mems = append(mems, stretch{a0: a, a1: ea, b0: b, b1: eb, matched: ea - a})
	}
	slices.SortFunc(mems, func(x, y stretch) int {
		if x.a0 != y.a0 {
			return x.a0 - y.a0
		}
		return x.b0 - y.b0
	})
	return mems
}

// FuzzMaximalMatches checks maximalMatches against referenceMatches on a
// text and an edited copy, where words that are joined, split or repeated
// move the word starts of the copy off those of the original.
func FuzzMaximalMatches(f *testing.F) {
	f.Add(paragraph(1, 80), "president", "pre sident", 3)
	f.Add(paragraph(2, 60)+" the president said the president", "the president", "thepresident", 1)
	f.Add("Kim Jong Un met Putin in Vladivostok; Kim Jong Un met Putin again", "Kim", "Ki m", 2)
	f.Add(paragraph(3, 40)+paragraph(3, 40), " ", "", 5)
	f.Fuzz(func(t *testing.T, a, old, new string, every int) {
		o := withDefaults(Options{})
		// Replace every every-th occurrence of old, so that the copy
		// keeps some of them.
		var b strings.Builder
		for i, part := range strings.Split(a, old) {
			if i > 0 {
				if every > 0 && i%every == 0 {
					b.WriteString(new)
				} else {
					b.WriteString(old)
				}
			}
			b.WriteString(part)
		}
		sa, sb := newSide(a, o), newSide(b.String(), o)
		var covered []int32
		got := maximalMatches(sa, sb, o.SeedLen, nil, &covered)
		if want := referenceMatches(sa, sb, o.SeedLen); !slices.Equal(got, want) {
			t.Fatalf("maximalMatches(%q, %q) = %v, want %v", a, b.String(), got, want)
		}
	})
}

// BenchmarkSortHashes sorts the postings of one shard of a 100,000-article
// index.
func BenchmarkSortHashes(b *testing.B) {
	next := hashSource()
	keys := make([]posting, 80000)
	for i := range keys {
		keys[i] = posting(7<<(64-shardBits) | next()>>shardBits)
	}
	work := make([]posting, len(keys))
	var tmp []posting
	var counts []int32
	for b.Loop() {
		copy(work, keys)
		var sorted []posting
		sorted, tmp, counts = sortHashes(work, tmp, counts, shardBits)
		work = sorted
	}
}
