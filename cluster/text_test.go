package cluster

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // low forms; * marks a sentence start, ^ a capitalised token
	}{
		{"The U.S. sent 10,000 troops.", "*^the ^us *sent 10000 troops"},
		{"Kim's train didn't stop. Then it did!", "*^kim train didnt stop *^then it did"},
		{"face-to-face talks on 2.5 km", "*face to face talks on 2.5 km"},
		{"NORTH KOREAN leader\n\nPutin", "*^north ^korean leader *^putin"},
		{"O'Brien’s 3", "*^obrien 3"},
		{"", ""},
	}
	for _, tc := range tests {
		var got []string
		for _, tok := range tokenize(tc.in) {
			s := tok.low
			if tok.cap {
				s = "^" + s
			}
			if tok.sentStart {
				s = "*" + s
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("tokenize(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}

func TestEntities(t *testing.T) {
	d := tokens("Kim, Putin vow closer ties",
		"Russia's Vladimir Putin and North Korea's Kim Jong Un met in Vladivostok on Thursday. "+
			"Some 10,000 workers are in Russia. Some said so.")
	f := d.extract(func(string) bool { return false })
	for _, want := range []string{"kim", "putin", "vladimir_putin", "kim_jong_un", "north_korea", "vladivostok", "russia", "#10000"} {
		if f.entities[want] == 0 {
			t.Errorf("entity %q missing from %v", want, sortedKeys(f.entities))
		}
	}
	for _, not := range []string{"thursday", "some", "vow"} {
		if f.entities[not] != 0 {
			t.Errorf("%q taken for an entity", not)
		}
	}
	if f.leadEntities["kim"] == 0 || f.body["tie"] == 0 || f.lead["closer"] == 0 {
		t.Errorf("lead entities %v, body %v", sortedKeys(f.leadEntities), sortedKeys(f.body))
	}
}

func TestStem(t *testing.T) {
	for in, want := range map[string]string{"talks": "talk", "talked": "talk", "talking": "talk",
		"countries": "country", "classes": "class", "bus": "bus", "crisis": "crisis", "agreed": "agreed"} {
		if got := stem(in); got != want {
			t.Errorf("stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"The U.S. sent 10,000 troops.", "Kim's", "U.", "U.S", "1,", "a'", "'s", "\xff\xfe", "É.Ü.", "9.9.9", "A.B.C."} {
		f.Add("Title "+s, s)
	}
	f.Fuzz(func(t *testing.T, title, text string) {
		d := tokens(title, text)
		for _, tok := range slices.Concat(d.title, d.text) {
			if tok.low == "" || !utf8.ValidString(tok.low) && utf8.ValidString(title+text) {
				t.Fatalf("bad token %+v", tok)
			}
		}
		f := d.extract(func(w string) bool { return len(w)%2 == 0 })
		for k, n := range f.entities {
			if n <= 0 || k == "" {
				t.Fatalf("entity %q count %d", k, n)
			}
		}
	})
}
