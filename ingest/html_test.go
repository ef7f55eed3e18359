package ingest

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/net/html"
)

func TestRenderText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>One <b>bold</b>  word.</p><p>Two</p>", "One bold word.\n\nTwo"},
		{"<div>a<div>b</div>c</div>", "a\n\nb\n\nc"},
		{"<p>line<br>break</p>", "line\nbreak"},
		{"<pre>  keep\n  this</pre>", "keep\n  this"},
		{"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\n\nc"},
		{"<ul><li>x</li><li>y</li></ul><script>var z</script><style>p{}</style>", "x\n\ny"},
		{"<p>a<!-- c -->b</p><p> \u00a0 </p>", "ab"},
		{"<p>word<span>joined</span> <i>spaced</i></p>", "wordjoined spaced"},
	}
	for _, tc := range tests {
		n, err := html.Parse(strings.NewReader(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		if got := renderText(n); got != tc.want {
			t.Errorf("renderText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDecodeHTML(t *testing.T) {
	tests := []struct {
		name, in, contentType, want string
		repaired                    bool
	}{
		{"utf-8", `<meta charset="utf-8"><p>café</p>`, "", "café", false},
		{"declared latin-1", "<meta charset=\"iso-8859-1\"><p>caf\xe9 \x93q\x94</p>", "", "café “q”", false},
		{"header charset", "<p>\xcf\xf0\xe8\xe2\xe5\xf2</p>", "text/html; charset=windows-1251", "Привет", false},
		{"meta shift_jis", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>\x82\xa0</p>", "", "あ", false},
		{"wrong declaration, valid UTF-8", `<meta charset="iso-8859-1"><p>café</p>`, "", "café", false},
		{"undeclared Windows-1252", "<p>caf\xe9</p>", "", "café", true},
		{"declared UTF-8 with bad bytes", "<meta charset=\"utf-8\"><p>caf\xe9</p>", "", "café", true},
		{"NFC", "<p>cafe\u0301</p>", "", "café", false},
	}
	for _, tc := range tests {
		s, rep, err := decodeHTML([]byte(tc.in), tc.contentType)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !strings.Contains(s, tc.want) || (rep.String() != "") != tc.repaired {
			t.Errorf("%s: got %q (repair %q), want %q (repaired %v)", tc.name, s, rep, tc.want, tc.repaired)
		}
	}
}

func TestAgree(t *testing.T) {
	text := "The leaders met on Thursday in Vladivostok for talks.\n\nRead more: ten other stories you will love today\n\nThey agreed to meet again next year in Moscow."
	second := "The leaders met on Thursday in Vladivostok for talks. They agreed to meet again next year in Moscow."
	want := "The leaders met on Thursday in Vladivostok for talks.\n\nThey agreed to meet again next year in Moscow."
	if got := agree(text, second); got != want {
		t.Errorf("agree = %q, want %q", got, want)
	}
	// When the second extractor misses most of the text, it is ignored.
	if got := agree(text, "Read more: ten other stories you will love today"); got != text {
		t.Errorf("agree with a failed second = %q", got)
	}
}

func TestScanLines(t *testing.T) {
	var got []string
	err := ScanLines(strings.NewReader("a\r\n"+strings.Repeat("x", 100)+"\n\nlast"), 10, func(n int, line []byte, tooLong bool) bool {
		if tooLong {
			got = append(got, "LONG")
		} else {
			got = append(got, string(line))
		}
		return true
	})
	want := []string{"a", "LONG", "", "last"}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("ScanLines = %q, %v; want %q", got, err, want)
	}
}

// TestScanLinesAcrossBuffers reads lines longer than the reader's buffer,
// which ScanLines puts together, between lines it passes on in place,
// from a plain reader and from a bufio.Reader it reads through.
func TestScanLinesAcrossBuffers(t *testing.T) {
	lines := []string{"short", strings.Repeat("x", 150<<10), "after", strings.Repeat("y", 300<<10), strings.Repeat("z", 70<<10) + "\r", "", "end"}
	input := strings.Join(lines, "\n")
	const max = 200 << 10
	var want []string
	for _, l := range lines {
		if l = strings.TrimSuffix(l, "\r"); len(l) > max {
			l = "LONG"
		}
		want = append(want, l)
	}
	for _, r := range []io.Reader{strings.NewReader(input), bufio.NewReaderSize(strings.NewReader(input), 64<<10)} {
		var got []string
		err := ScanLines(r, max, func(n int, line []byte, tooLong bool) bool {
			if tooLong {
				got = append(got, "LONG")
			} else {
				got = append(got, string(line))
			}
			return true
		})
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%T: ScanLines gave %d lines (%v), want %d", r, len(got), err, len(want))
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Errorf("line %d: %.20q... (%d bytes), want %.20q... (%d bytes)", i+1, got[i], len(got[i]), want[i], len(want[i]))
				}
			}
		}
	}
}

// TestScanLinesKeepsLines reads lines of every length up to past the
// largest block, many straddling two blocks, through readers that return
// a few bytes at a time or data with their error, and checks each line
// only at the end: a line handed out must never be written again.
func TestScanLinesKeepsLines(t *testing.T) {
	var lines []string
	for i := 0; len(lines) < 400; i++ {
		n := (i * 7919) % (3 * minLineBlock)
		if i%50 == 0 {
			n = maxLineBlock/2 + i
		}
		line := strings.Repeat(string(rune('a'+i%26)), n)
		if i%3 == 0 {
			line += "\r"
		}
		lines = append(lines, line)
	}
	lines = append(lines, strings.Repeat("L", maxLineBlock+10), "", "last")
	input := strings.Join(lines, "\n")
	const limit = maxLineBlock
	var want []string
	for _, l := range lines {
		if l = strings.TrimSuffix(l, "\r"); len(l) > limit {
			l = "LONG"
		}
		want = append(want, l)
	}
	for name, r := range map[string]func() io.Reader{
		"chunks":    func() io.Reader { return &chunkReader{s: input} },
		"data+EOF":  func() io.Reader { return iotest.DataErrReader(strings.NewReader(input)) },
		"bytewise":  func() io.Reader { return iotest.OneByteReader(strings.NewReader(input[:200<<10])) },
		"one block": func() io.Reader { return strings.NewReader(input) },
	} {
		var kept [][]byte
		err := ScanLines(r(), limit, func(n int, line []byte, tooLong bool) bool {
			if n != len(kept)+1 {
				t.Fatalf("%s: line numbered %d after %d lines", name, n, len(kept))
			}
			if tooLong {
				line = []byte("LONG")
			}
			kept = append(kept, line)
			return true
		})
		w := want
		if name == "bytewise" {
			w = strings.Split(input[:200<<10], "\n")
			for i := range w {
				w[i] = strings.TrimSuffix(w[i], "\r")
			}
		}
		if err != nil || len(kept) != len(w) {
			t.Fatalf("%s: %d lines (%v), want %d", name, len(kept), err, len(w))
		}
		for i := range w {
			if string(kept[i]) != w[i] {
				t.Errorf("%s: line %d: %.20q... (%d bytes), want %.20q... (%d bytes)", name, i+1, kept[i], len(kept[i]), w[i], len(w[i]))
			}
		}
	}
}

// TestScanLinesSkipsInPlace reads a line far over the limit: its bytes
// are dropped as they come, not gathered.
func TestScanLinesSkipsInPlace(t *testing.T) {
	long := io.LimitReader(xReader{}, 64<<20)
	r := io.MultiReader(strings.NewReader("first\n"), long, strings.NewReader("\nlast"))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var got []string
	err := ScanLines(r, 1<<20, func(n int, line []byte, tooLong bool) bool {
		if tooLong {
			line = []byte("LONG")
		}
		got = append(got, string(line))
		return true
	})
	runtime.ReadMemStats(&after)
	if want := []string{"first", "LONG", "last"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("ScanLines = %q, %v; want %q", got, err, want)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 8<<20 {
		t.Errorf("skipping a 64 MiB line allocated %d bytes", n)
	}
}

// An xReader reads as endless x's.
type xReader struct{}

func (xReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// A chunkReader returns s in reads of 1 to 9,000 bytes.
type chunkReader struct {
	s string
	k int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	r.k = (r.k*31 + 7) % 9000
	n := copy(p[:min(len(p), r.k+1)], r.s)
	r.s = r.s[n:]
	return n, nil
}

func TestChoose(t *testing.T) {
	para := func(tag string, n int) string {
		var w []string
		for i := range n {
			w = append(w, fmt.Sprintf("%s%d", tag, i))
		}
		return strings.Join(w, " ")
	}
	core, more, junk := para("core", 60), para("more", 100), para("menu", 200)
	tests := []struct{ name, main, second, want string }{
		{"main stopped early", core, core + "\n\n" + more, core + "\n\n" + more},
		{"second is a teaser list", core, core + "\n\nShare this\n\nShare this\n\nShare this\n\n" + more, core},
		{"main took in the page", junk + "\n\n" + core, core, core},
		{"agreement filters paragraphs", core + "\n\n" + para("ad", 5), core, core},
	}
	for _, tc := range tests {
		if got := choose(tc.main, tc.second); got != tc.want {
			t.Errorf("%s: choose = %.60q…, want %.60q…", tc.name, got, tc.want)
		}
	}
}
