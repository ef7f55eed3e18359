package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/newsfold/newsfold/internal/measure"
)

func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"fold"},
		{"fold", "-j", "0", "x"},
		{"fold", "--no-such-flag", "x"},
		{"fold", "--memory-limit", "lots", "x"},
		{"fold", "--memory-limit", "0", "x"},
		{"fold", "-igzip", "/no/such/igzip", "x"},
		{"eval"},
		{"eval", "no-such-evaluation"},
	} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("newsfold %v: exit %d, want 2", args, code)
		}
	}
}

func TestFoldSampleReport(t *testing.T) {
	code, out, errOut := runCLI(t, "", "fold", "-q", "../../testdata/kim-putin-2019")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{"5 inputs", "Vladivostok", "Summary"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestFoldFlagsAfterPathsAndJSON(t *testing.T) {
	t.Cleanup(func() { debug.SetMemoryLimit(math.MaxInt64) })
	code, out, errOut := runCLI(t, "", "fold", "../../testdata/kim-putin-2019", "--json", "--memory-limit", "4GiB", "-q")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	if !strings.HasPrefix(out, `{"type":"article"`) {
		t.Errorf("--json output starts %.80q", out)
	}
	if got := debug.SetMemoryLimit(-1); got != 4<<30 {
		t.Errorf("--memory-limit 4GiB set the limit to %d", got)
	}
	if os.Getenv("GOGC") == "" {
		if got := debug.SetGCPercent(100); got != measure.FoldGCPercent {
			t.Errorf("fold left the collector's target at %d, want %d", got, measure.FoldGCPercent)
		}
	}
}

func TestSkippedInputGivesExitOneAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, []byte("Storm hits coast\n\nA storm hit the coast on Monday, officials said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "fold", "-q", "--json", good, filepath.Join(dir, "missing.txt"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errOut, "missing.txt") {
		t.Errorf("stderr does not name the missing input:\n%s", errOut)
	}
	if !strings.Contains(out, `"id":"good"`) {
		t.Errorf("the good input was not folded:\n%s", out)
	}
}

func TestOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	if code, _, errOut := runCLI(t, "", "fold", "-q", "--json", "-o", path, "../../testdata/kim-putin-2019"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(data, []byte(`"type":"story"`)) {
		t.Fatalf("output file: %v, %.100q", err, data)
	}
}

// TestOutputFileThatIsAnInput checks that the output is opened only once
// every input has been read: -o naming an input must not empty it first.
// The output then is the same as folding the input to anywhere else.
func TestOutputFileThatIsAnInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	text := "Storm hits coast\\n\\nA storm hit the coast on Monday, officials said. Thousands of homes lost power and the harbour was closed to shipping until further notice, the port authority said in a statement."
	lines := `{"id": "a1", "date": "2024-01-08", "text": "` + text + `"}` + "\n" + `{"id": "a2", "text": "` + text + `"}` + "\n"
	if err := os.WriteFile(in, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	code, want, errOut := runCLI(t, "", "fold", "-q", "--json", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "fold", "-q", "--json", "-o", in, in); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want || !strings.Contains(want, `"type":"relation"`) {
		t.Errorf("folding into the input gave\n%s\nwant\n%s", got, want)
	}
}

func TestFoldStdinJSONL(t *testing.T) {
	in := `{"id": "a1", "text": "Storm hits coast\n\nA storm hit the coast on Monday, officials said. Thousands of homes lost power and the harbour was closed to shipping until further notice, the port authority said in a statement.", "date": "2024-01-08"}
not json
{"id": "a2", "text": "Storm hits coast\n\nA storm hit the coast on Monday, officials said. Thousands of homes lost power and the harbour was closed to shipping until further notice, the port authority said in a statement."}
`
	code, out, errOut := runCLI(t, in, "fold", "-q", "--json", "-")
	if code != 1 {
		t.Errorf("exit %d, want 1 for the malformed line", code)
	}
	if !strings.Contains(errOut, ":2") {
		t.Errorf("stderr does not name line 2:\n%s", errOut)
	}
	for _, id := range []string{`"id":"a1"`, `"id":"a2"`, `"type":"relation"`} {
		if !strings.Contains(out, id) {
			t.Errorf("output lacks %s:\n%s", id, out)
		}
	}
}
