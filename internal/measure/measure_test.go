package measure

import "testing"

func TestMeasurementsAreSane(t *testing.T) {
	before := CPUTime()
	x := 0
	for i := 0; i < 1e7; i++ {
		x += i
	}
	if CPUTime() < before {
		t.Error("CPU time went backwards")
	}
	if PeakRSS() <= 0 {
		t.Error("peak RSS not positive")
	}
	stop := make(chan struct{})
	peak := PeakHeap(stop)
	buf := make([]byte, 8<<20)
	buf[0] = byte(x)
	close(stop)
	if p := <-peak; p == 0 {
		t.Error("peak heap is zero")
	}
	if LoadAverage() == "" {
		t.Error("empty load average")
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{
		"0": 0, "1234": 1234, "1800MiB": 1800 << 20, "2GB": 2e9, "1.5 GiB": 3 << 29, "10KB": 10000, "7B": 7,
	} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "x", "-1MiB", "2 parsecs", "1e30TiB"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
}
