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
