package cluster

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// A token is one word or number of an article's text.
type token struct {
	low   string // lowercased form, possessive stripped
	flags uint8
}

// tokenize returns the tokens scan finds in s.
func tokenize(s string) []token {
	var toks []token
	scan(s, func(low []byte, f uint8) { toks = append(toks, token{string(low), f}) })
	return toks
}

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
		{"ÉCOLE Москва, ΑΘΗΝΑ ǅemal naïve ١٢,٣ x²", "*^école ^москва ^αθηνα ǆemal naïve ١٢٣ x"},
		{"", ""},
	}
	for _, tc := range tests {
		var got []string
		for _, tok := range tokenize(tc.in) {
			s := tok.low
			if tok.flags&tokCap != 0 {
				s = "^" + s
			}
			if tok.flags&tokSentStart != 0 {
				s = "*" + s
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("tokenize(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}

// terms returns the terms of ids, without the entity prefix, sorted.
func terms(v *vocabulary, ids []int32) []string {
	var out []string
	for _, id := range ids {
		out = append(out, strings.TrimPrefix(v.term(id), entityPrefix))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestEntities(t *testing.T) {
	v := newVocabulary()
	f := v.features(v.read("Kim, Putin vow closer ties",
		"Russia's Vladimir Putin and North Korea's Kim Jong Un met in Vladivostok on Thursday. "+
			"Some 10,000 workers are in Russia. Some said so."))
	ents := terms(v, f.entities.ids)
	for _, want := range []string{"kim", "putin", "vladimir_putin", "kim_jong_un", "north_korea", "vladivostok", "russia", "#10000"} {
		if !slices.Contains(ents, want) {
			t.Errorf("entity %q missing from %v", want, ents)
		}
	}
	for _, not := range []string{"thursday", "some", "vow"} {
		if slices.Contains(ents, not) {
			t.Errorf("%q taken for an entity", not)
		}
	}
	if !slices.Contains(terms(v, f.leadEntities.ids), "kim") || !slices.Contains(terms(v, f.body.ids), "tie") || !slices.Contains(terms(v, f.lead.ids), "closer") {
		t.Errorf("lead entities %v, body %v", terms(v, f.leadEntities.ids), terms(v, f.body.ids))
	}
	// A capitalised word that starts a sentence is a name unless the
	// collection writes it in lower case: once two documents do, it is not.
	w := newVocabulary()
	d := w.read("Storm", "Storm hits the coast.")
	if !slices.Contains(terms(w, w.features(d).entities.ids), "storm") {
		t.Errorf("storm not a name alone")
	}
	w.read("", "A storm came.")
	w.read("", "The storm left.")
	if slices.Contains(terms(w, w.features(d).entities.ids), "storm") {
		t.Errorf("storm a name though common in lower case")
	}
}

// TestPunctuationBlock checks what isWordRune assumes: the general
// punctuation block holds no letter and no digit.
func TestPunctuationBlock(t *testing.T) {
	for r := rune(punctFirst); r < punctFirst+punctRunes; r++ {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			t.Errorf("%U is a letter or digit", r)
		}
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
		for _, tok := range slices.Concat(tokenize(title), tokenize(text)) {
			if tok.low == "" || !utf8.ValidString(tok.low) && utf8.ValidString(title+text) {
				t.Fatalf("bad token %+v", tok)
			}
		}
		v := newVocabulary()
		v.read(text, title)
		f := v.features(v.read(title, text))
		for _, id := range slices.Concat(f.body.ids, f.lead.ids, f.entities.ids, f.leadEntities.ids) {
			if id < 0 || int(id) >= v.terms.len() || strings.TrimPrefix(v.term(id), entityPrefix) == "" {
				t.Fatalf("bad term %d", id)
			}
		}
		if len(f.lead.ids) > len(f.body.ids) || len(f.leadEntities.ids) > len(f.entities.ids) {
			t.Fatalf("lead longer than the whole: %+v", f)
		}
	})
}

// read reads one article into v, as readAll does a batch.
func (v *vocabulary) read(title, text string) draft {
	return v.readAll(1, func(int) (string, string) { return title, text }, []int{0}, 1)[0]
}

// features returns the features of one draft, as featuresAll does for a
// batch.
func (v *vocabulary) features(d draft) features {
	return v.featuresAll([]draft{d}, []int{0}, 1)[0]
}
