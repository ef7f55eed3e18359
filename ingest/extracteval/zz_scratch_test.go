package extracteval

import (
	"os"
	"testing"
)

func TestScratchEval(t *testing.T) {
	Main([]string{"-data", "/work/shared/data/article-extraction-benchmark"}, os.Stdout, os.Stderr)
}
