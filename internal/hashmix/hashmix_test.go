package hashmix

import (
	"fmt"
	"math/bits"
	"testing"
)

func ExampleMix() {
	fmt.Printf("%#x\n%#x\n", Mix(1), Mix(2))
	// Output:
	// 0xb456bcfc34c2cb2c
	// 0x3abf2a20650683e7
}

// TestMixAvalanche checks that flipping one input bit flips about half
// of the output bits, which is what spreads near keys over a table.
func TestMixAvalanche(t *testing.T) {
	total, n := 0, 0
	for x := uint64(1); x < 1<<12; x++ {
		for b := 0; b < 64; b++ {
			total += bits.OnesCount64(Mix(x) ^ Mix(x^1<<b))
			n++
		}
	}
	if avg := float64(total) / float64(n); avg < 30 || avg > 34 {
		t.Errorf("one flipped bit flips %.1f output bits on average, want about 32", avg)
	}
}
