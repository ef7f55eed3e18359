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
