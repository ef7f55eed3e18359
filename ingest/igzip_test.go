package ingest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// TestIgzipReadsAsInProcess reads gzip files, whole and damaged, with
// igzip and with stand-ins that fail in the ways it can, and checks that
// each reads what the in-process reader reads, and reports the same
// problems.
func TestIgzipReadsAsInProcess(t *testing.T) {
	from := igzipFrom
	igzipFrom = 0
	defer func() { igzipFrom = from }()

	var lines bytes.Buffer
	for i := range 4000 {
		fmt.Fprintf(&lines, `{"id":"d%d","text":"Story %d: the summit lasted nearly %d hours."}`+"\n", i, i*7919%1000, i%9)
	}
	half := bytes.IndexByte(lines.Bytes()[lines.Len()/2:], '\n') + lines.Len()/2 + 1
	whole := gz(lines.Bytes())
	corrupt := bytes.Clone(whole)
	for i := len(corrupt) / 2; i < len(corrupt)/2+16; i++ {
		corrupt[i] ^= 0x55
	}
	badChecksum := bytes.Clone(whole)
	badChecksum[len(badChecksum)-8] ^= 1
	inputs := []struct {
		name string
		data []byte
		// sameProblems is false where igzip is known to differ: it
		// ignores what follows the last gzip member.
		sameProblems bool
	}{
		{"whole", whole, true},
		{"two members", append(gz(lines.Bytes()[:half]), gz(lines.Bytes()[half:])...), true},
		{"truncated", whole[:len(whole)*2/3], true},
		{"corrupt", corrupt, true},
		{"bad checksum", badChecksum, true},
		{"trailing garbage", append(bytes.Clone(whole), "garbage"...), false},
	}

	dir := t.TempDir()
	script := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ran := filepath.Join(dir, "ran")
	notProgram := filepath.Join(dir, "not-a-program")
	if err := os.WriteFile(notProgram, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	type decompressor struct {
		name, path string
		// real is the real igzip, which must run, and which differs on
		// trailing garbage.
		real         bool
		gzipRequired bool
	}
	decompressors := []decompressor{
		{name: "fails at once", path: script("fail", "exit 3")},
		{name: "fails midway", path: script("midway", "gzip -dc | head -c 20000\nexit 1"), gzipRequired: true},
		{name: "not a program", path: notProgram},
		{name: "missing", path: filepath.Join(dir, "nowhere")},
	}
	if igzip := FindIgzip(); igzip != "" {
		decompressors = append(decompressors, decompressor{name: "igzip", path: script("igzip", "touch "+ran+"\nexec "+igzip+" \"$@\""), real: true})
	} else {
		t.Log("igzip is not installed (Debian's package isal): only its stand-ins are tested")
	}

	for _, in := range inputs {
		path := filepath.Join(dir, in.name+".jsonl.gz")
		if err := os.WriteFile(path, in.data, 0o644); err != nil {
			t.Fatal(err)
		}
		want := walk(t, []string{path}, DefaultOptions())
		if len(want.docs) == 0 {
			t.Fatalf("%s: nothing read in-process", in.name)
		}
		for _, d := range decompressors {
			if _, err := exec.LookPath("gzip"); err != nil && d.gzipRequired {
				continue
			}
			os.Remove(ran)
			opts := DefaultOptions()
			opts.Igzip = d.path
			got := walk(t, []string{path}, opts)
			if !reflect.DeepEqual(got.docs, want.docs) {
				t.Errorf("%s, %s: read %d documents, in-process %d, or different ones", in.name, d.name, len(got.docs), len(want.docs))
			}
			if (in.sameProblems || !d.real) && fmt.Sprint(got.problems) != fmt.Sprint(want.problems) {
				t.Errorf("%s, %s: problems %q, in-process %q", in.name, d.name, got.problems, want.problems)
			}
			if _, err := os.Stat(ran); d.real && err != nil {
				t.Errorf("%s, %s: igzip did not run", in.name, d.name)
			}
		}
	}
}
