package shareddata

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestDirIsBesideTheRepositoryRoot(t *testing.T) {
	got := Dir("ecbplus")
	// This test runs in internal/shareddata, two levels below the root.
	want, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "data", "ecbplus"))
	if got != want {
		t.Errorf("Dir(ecbplus) = %q, want %q", got, want)
	}
	if !strings.HasSuffix(Dir(), filepath.Join("shared", "data")) {
		t.Errorf("Dir() = %q", Dir())
	}
}

func TestReadECB(t *testing.T) {
	docs, err := ReadECB(Dir("ecbplus"))
	if err != nil {
		t.Skipf("no ECB+ here: %v", err)
	}
	if len(docs) != 982 {
		t.Errorf("read %d documents, want 982", len(docs))
	}
	if d := docs[0]; d.ID == "" || d.Topic == "" || d.Event == "" || d.Text == "" {
		t.Errorf("first document incomplete: %+v", d)
	}
}
