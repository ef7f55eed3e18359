// Package hashmix scrambles 64-bit keys into well-spread hashes for the
// open-addressing tables of several stages.
package hashmix

// Mix returns x with its bits scrambled, every bit of the result
// depending on every bit of x: the finalizer of MurmurHash3. It turns
// keys that differ in a few bits (word numbers, packed bytes) into slots
// spread over a whole table.
func Mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}
