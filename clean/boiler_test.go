package clean

import (
	"slices"
	"strings"
	"testing"
)

// TestWebRules checks the web boilerplate predicates on lines they must
// take and lines of articles they must leave.
func TestWebRules(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) bool
		yes  []string
		no   []string
	}{
		{"promo", promo,
			[]string{
				"GET FOX BUSINESS ON THE GO BY CLICKING HERE",
				"Click here to subscribe to The Paradigm Newsletter",
				"CLICK HERE TO GET THE FOX NEWS APP",
				"Get the latest updates right in your inbox. Subscribe to NJ.com’s newsletters.",
				"There's plenty more where that came from. Sign up for The Water Coolest today to get the free daily newsletter delivered to your inbox daily.",
				"Mike Wall's book about the search for alien life, \"Out There\" (Grand Central Publishing, 2018; illustrated by Karl Tate), is out now. Follow him on Twitter @michaeldwall. Follow us on Twitter @Spacedotcom or Facebook.",
			},
			[]string{
				"Sign up for the Disney+ bundle using the same email as your Hulu account",
				"Disney’s tech teams isolated the problem, Mayer said, and “patched” the software as the company continued to sign up additional subscribers throughout the week.",
				"If you just want Disney+, you can sign up for a free 7-day trial. Afterwards you'll pay $6.99 per month. If you know you're in it for the long haul, then you can pay a $69.99 annual subscription fee, which saves you money.",
				"He said he would follow the rules.",
			}},
		{"metaFields", metaFields,
			[]string{"05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: sad arrombamento veiculo", "Posted in: News | Tags: election, vote"},
			[]string{"Tested by: John Milbank RRP: 49.95 Euro (£40) More info: www.earbooks.net/en", "The date: 12 May. The place: Paris."}},
		{"keywordList", keywordList,
			[]string{"calendario stock car 2018, stock car brasil, stock car cascavel, stock car interlagos, stock car santa cruz do sul, stock car taruma, stock car goiania"},
			[]string{
				"Tomato Cucumber Salad (1 cup lettuce, ½ cup cherry tomatoes, ½ cup cucumber slices, 4 oz. cooked chicken, ½ cup white beans, 1 cup grapes",
				"Path A: Iceland, Bulgaria, Israel, Hungary, Romania, Scotland, Norway, Serbia",
				"And there was quite a bit of the stuff — about 2,300 tons (2,095 metric tons), according to the researchers' calculations.",
			}},
		{"shortcode", shortcode,
			[]string{"[button link=”http://www.morebikes.co.uk/submit-kit-review/” type=”big” newwindow=”yes”] Send us YOUR kit review[/button]"},
			[]string{"The array [1, 2] was sorted.", "[Editor's note: this story was updated.]"}},
		{"relatedHeader", relatedHeader,
			[]string{"You may also like...", "More Great WIRED Stories", "Related Posts", "Read more"},
			[]string{"Don't Miss", "More stories emerge of abuse.", "Police said more"}},
		{"readMore", readMore,
			[]string{"SEE MORE: Hong Kong protests: 800 students under siege", "DON'T MISSPlague and zoonotic influenza warning [WARNING]", "(Leggi anche su: I Cavalieri dello Zodiaco)", "Lesen Sie auch: Die Bahn streikt"},
			[]string{"Don't miss the chance to see the comet tonight.", "DON'T MISS"}},
		{"contact", contact,
			[]string{"Write to Al Root at allen.root@dowjones.com", "Have a tip? Amy Kuperinsky may be reached at akuperinsky@njadvancemedia.com."},
			[]string{"Follow him @tariq on Twitter.", "Email was the main channel, said the spokesman at the firm."}},
		{"navigation", navigation,
			[]string{"Continue Reading Below", "Share this article"},
			[]string{"Reading the report below, ministers disagreed."}},
		{"capitalised", capitalised,
			[]string{"Linksys Velop Wi-Fi 6 Mesh Router", "Tyvak Nano-Satellite Systems Inc., Irvine, California"},
			[]string{"We expect power to return within the week", "\"My fears have been realized\""}},
	}
	for _, tc := range tests {
		for _, s := range tc.yes {
			if !tc.fn(s) {
				t.Errorf("%s(%q) = false, want true", tc.name, s)
			}
		}
		for _, s := range tc.no {
			if tc.fn(s) {
				t.Errorf("%s(%q) = true, want false", tc.name, s)
			}
		}
	}
}

// FuzzWebRules checks that the web boilerplate predicates never panic on
// any line.
func FuzzWebRules(f *testing.F) {
	for _, s := range []string{"", "[/", "[a [/a]", "[/]", "a, b, c, d, e, f, g", "Tags: x Category: y", "Click here to subscribe", "½, ½, ½, ½, ½, ½", "\xff[/\xff]", "@", "a@", "write to @x",
		"“App”", "CLIC\u212a here", "S\u0130GN up", "(((app)))", "app\u00a0store", "x\u2019app",
		"12345678 sign", "subscribe", "Tap", "abcdefgTap", "abcdefg Tap", "abcdefgh inbox", "\xffapp\x80", "Follow\x00us\x7fon TWITTER"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		promo(s)
		metaFields(s)
		keywordList(s)
		shortcode(s)
		relatedHeader(s)
		readMore(s)
		capitalised(s)
		contact(s)
		// mayPromo must pass every line with a word of ctaHints.
		for _, w := range lowerWords(s) {
			if ctaHints[w] && !mayPromo(s) {
				t.Fatalf("mayPromo(%q) = false, but %q is a hint", s, w)
			}
		}
	})
}

// TestCtaHints checks that every phrase of ctaMarks holds a word of
// ctaHints, as mayPromo assumes.
func TestCtaHints(t *testing.T) {
	for _, phs := range ctaMarks {
		for _, ph := range phs {
			if !slices.ContainsFunc(ph, func(w string) bool { return ctaHints[w] }) {
				t.Errorf("phrase %q has no word of ctaHints", ph)
			}
			if !mayPromo(strings.ToUpper(strings.Join(ph, " "))) {
				t.Errorf("mayPromo misses %q", ph)
			}
		}
	}
}

func TestSplitRepeat(t *testing.T) {
	// Letters of four lines; the pull quote is line 2, and a column break
	// cut the sentence it repeats after "kimjongunsaid".
	lines := []string{"thetwoleadersmetonanisland", "kimjongunsaid", "kimjongunsaidthetalkswentwell", "thetalkswentwellandlonger"}
	all, starts := "", []int{}
	for _, l := range lines {
		starts = append(starts, len(all))
		all += l + "\x00"
	}
	starts = append(starts, len(all))
	pull := lines[2]
	if !splitRepeat(all, pull, starts[2], starts[3]) {
		t.Errorf("the quote cut across lines 1 and 3 was not found")
	}
	if splitRepeat(all, "kimjongunsaidthetalkswentbadly", starts[2], starts[3]) {
		t.Errorf("a quote whose second half is nowhere was found")
	}
	// Lines inside the quote's own range do not count.
	if splitRepeat(all, pull, starts[3], starts[4]) {
		t.Errorf("the quote was found in its own range")
	}
}
