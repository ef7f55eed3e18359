package cluster

// packed is an article's item as a State keeps it: the term ids of its
// sub-vectors, which are sorted, as the varint-coded gaps between them,
// mostly two bytes an id instead of four, and the weights as they are.
// The vectors are read once for placing the article and once or twice
// for summing centroids and merging events, so decoding them then costs
// little, and the ids took half the memory of a State.
type packed struct {
	gaps   []byte
	ws     [nSpaces][]float32
	lo, hi int
}

// pack returns the packed form of it, whose weights it shares; the gaps
// are cut from codes.
func pack(it *item, codes *byteArena) packed {
	p := packed{lo: it.lo, hi: it.hi}
	n := 0
	for s, x := range it.vecs {
		p.ws[s] = x.ws
		n += len(x.ids)
	}
	buf := codes.room(maxGapLen*n + 1)
	for _, x := range it.vecs {
		prev := int32(0)
		for _, id := range x.ids {
			d := uint32(id - prev)
			for d >= 0x80 {
				buf = append(buf, byte(d)|0x80)
				d >>= 7
			}
			buf = append(buf, byte(d))
			prev = id
		}
	}
	// A last byte, so that item can read two bytes at every gap.
	buf = append(buf, 0)
	p.gaps = codes.take(len(buf))
	return p
}

// maxGapLen is the most bytes a gap between two ids takes.
const maxGapLen = 5

// item returns p as an item, with newly made id arrays.
func (p *packed) item() *item {
	it := &item{}
	p.unpackInto(it, make([]int32, p.len()))
	return it
}

// len returns how many terms p's sub-vectors hold.
func (p *packed) len() int {
	n := 0
	for _, ws := range p.ws {
		n += len(ws)
	}
	return n
}

// unpackInto writes p into it, cutting its id arrays from the front of
// ids, which must have room for p.len() ids, and returns the rest.
func (p *packed) unpackInto(it *item, ids []int32) []int32 {
	it.lo, it.hi = p.lo, p.hi
	gaps, at := p.gaps, 0
	for s, ws := range p.ws {
		x := ids[:len(ws):len(ws)]
		ids = ids[len(ws):]
		prev := int32(0)
		for k := range x {
			// Most gaps take one or two bytes, read without a branch.
			b0, b1 := uint32(gaps[at]), uint32(gaps[at+1])
			more := b0 >> 7
			d := b0&0x7f | b1<<7&-more
			at += 1 + int(more)
			if more != 0 && b1 >= 0x80 {
				d &= 1<<14 - 1
				at++
				for shift := uint(14); ; shift += 7 {
					b := gaps[at-1]
					d |= uint32(b&0x7f) << shift
					if b < 0x80 {
						break
					}
					at++
				}
			}
			prev += int32(d)
			x[k] = prev
		}
		it.vecs[s] = vec{ids: x, ws: ws}
	}
	return ids
}

// byteArena hands out byte arrays from large chunks.
type byteArena struct {
	chunk []byte
}

// byteChunk is the size of a byteArena's chunks: a few hundred articles'
// ids.
const byteChunk = 1 << 18

// room returns an empty slice with room for n bytes at the start of a's
// free space, making a new chunk when there is not enough.
func (a *byteArena) room(n int) []byte {
	if len(a.chunk) < n {
		a.chunk = make([]byte, max(n, byteChunk))
	}
	return a.chunk[:0]
}

// take returns the first n bytes of a's free space, written through the
// slice room returned, and takes them out of it.
func (a *byteArena) take(n int) []byte {
	b := a.chunk[:n:n]
	a.chunk = a.chunk[n:]
	return b
}
