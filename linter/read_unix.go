//go:build unix

package linter

import (
	"os"
	"sync"
	"syscall"
)

// scratchPool holds read buffers; a note is read into one and copied out
// at its exact size, so what is kept in memory is only the note.
var scratchPool = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// readFile reads a note with plain system calls: os.Open also registers
// every file with the runtime's poller and os.ReadFile stats it, which is
// a third of the cost of reading a small file, and an archive is mostly
// small files. It returns the contents, or nil and a size over max when
// the file is larger than max.
func readFile(path string, max int64) ([]byte, int64, error) {
	fd, err := openRetry(path)
	if err != nil {
		return nil, 0, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	bp := scratchPool.Get().(*[]byte)
	defer scratchPool.Put(bp)
	buf := *bp
	n := 0
	for {
		if n == len(buf) {
			if int64(n) > max {
				var st syscall.Stat_t
				if syscall.Fstat(fd, &st) == nil && st.Size > int64(n) {
					return nil, st.Size, nil
				}
				return nil, int64(n), nil
			}
			grown := make([]byte, min(2*int64(len(buf)), max+2))
			copy(grown, buf[:n])
			buf = grown // a large note: not returned to the pool
		}
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, 0, &os.PathError{Op: "read", Path: path, Err: err}
		}
		if m == 0 {
			break
		}
		n += m
	}
	if int64(n) > max {
		return nil, int64(n), nil
	}
	out := make([]byte, n)
	copy(out, buf[:n])
	return out, int64(n), nil
}

func openRetry(path string) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
