package ingest

import (
	"bufio"
	"io"
	"os"
	"os/exec"

	"github.com/klauspost/compress/gzip"
)

// FindIgzip returns the path of igzip on the PATH, or "" when it is not
// installed: the default for Options.Igzip.
func FindIgzip() string {
	path, err := exec.LookPath("igzip")
	if err != nil {
		return ""
	}
	return path
}

// igzipFrom is the smallest gzip file handed to igzip: starting a process
// costs about a millisecond, which a file of this size repays many times
// over, while most small files are read before igzip would have started.
var igzipFrom int64 = 1 << 20

// An igzipReader reads what an igzip process decompresses from a gzip
// file. igzip (Intel's ISA-L) inflates about four times as fast as Go's
// readers, and in a process of its own, beside the parsing.
//
// Should igzip fail, the reader reads the file again in-process, skipping
// what it has passed on, so that the bytes read and the damage reported
// are the in-process reader's: igzip only makes reading faster. A damaged
// stream ends earlier in-process, as the in-process reader loses what it
// decoded last (up to its 32 KiB window), so the reader holds back the
// last holdBack bytes igzip gave until igzip has ended well, and passes
// them on only then. (The one difference left: igzip ignores bytes after
// the last gzip member, which the in-process reader reports as damage.)
type igzipReader struct {
	file *os.File // the gzip file, which igzip reads as its standard input
	cmd  *exec.Cmd
	out  *os.File // the reading end of igzip's standard output
	// buf[next:end] is what igzip gave and the reader has not passed on.
	buf       []byte
	next, end int
	ended     bool         // igzip ended well: all of buf may be passed on
	n         int64        // bytes passed on
	zr        *gzip.Reader // the in-process reader, once igzip has failed
	err       error        // the in-process reader's failure to start
}

// holdBack is the tail of igzip's output an igzipReader holds back until
// igzip has ended well: more than the in-process reader can lose.
const holdBack = 128 << 10

// startIgzip starts the igzip at path on file, from its start. When it
// cannot, file is left where it was.
func startIgzip(path string, file *os.File) (*igzipReader, error) {
	pos, err := file.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, err
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	growPipe(pw)
	cmd := exec.Command(path, "-d", "-c")
	cmd.Stdin, cmd.Stdout = file, pw
	if _, err = file.Seek(0, io.SeekStart); err == nil {
		err = cmd.Start()
	}
	pw.Close()
	if err != nil {
		pr.Close()
		file.Seek(pos, io.SeekStart)
		return nil, err
	}
	return &igzipReader{file: file, cmd: cmd, out: pr, buf: make([]byte, holdBack+1<<20)}, nil
}

func (r *igzipReader) Read(p []byte) (int, error) {
	for r.zr == nil && r.err == nil {
		ready := r.end - r.next
		if !r.ended {
			ready -= holdBack
		}
		if ready > 0 {
			n := copy(p, r.buf[r.next:r.next+ready])
			r.next += n
			r.n += int64(n)
			return n, nil
		}
		if r.ended {
			return 0, io.EOF
		}
		if r.next > 0 {
			r.end = copy(r.buf, r.buf[r.next:r.end])
			r.next = 0
		}
		n, err := r.out.Read(r.buf[r.end:])
		r.end += n
		if err != nil {
			if failed := r.stop(err != io.EOF); err == io.EOF && failed == nil {
				r.ended = true
			} else {
				r.err = r.readInProcess()
			}
		}
	}
	if r.zr != nil {
		return r.zr.Read(p)
	}
	return 0, r.err
}

// readInProcess goes on from where igzip failed with the in-process
// reader.
func (r *igzipReader) readInProcess() error {
	if _, err := r.file.Seek(0, io.SeekStart); err != nil {
		return err
	}
	zr, err := gzip.NewReader(bufio.NewReaderSize(r.file, 64<<10))
	if err != nil {
		return err
	}
	if _, err := io.CopyN(io.Discard, zr, r.n); err != nil {
		return err
	}
	r.zr = zr
	return nil
}

// stop waits for igzip to end, after killing it when kill is set, and
// returns its failure. igzip must still be running.
func (r *igzipReader) stop(kill bool) error {
	if kill {
		r.cmd.Process.Kill()
	}
	r.out.Close()
	err := r.cmd.Wait()
	r.cmd = nil
	return err
}

// Close stops igzip if it is still running.
func (r *igzipReader) Close() error {
	if r.cmd != nil {
		r.stop(true)
	}
	return nil
}
