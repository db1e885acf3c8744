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
	b, size, _, err := readFileStat(path, max)
	return b, size, err
}

// readFileStat is readFile that also returns what the file's inode said
// just before it was read.
func readFileStat(path string, max int64) ([]byte, int64, fileStat, error) {
	var out []byte
	size, st, err := readScratch(path, max, func(b []byte) {
		out = make([]byte, len(b))
		copy(out, b)
	})
	return out, size, st, err
}

// statFile stats path, following symbolic links as opening it does.
func statFile(path string) (fileStat, bool) {
	var st syscall.Stat_t
	for {
		err := syscall.Stat(path, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return fileStat{}, false
		}
		return makeFileStat(&st), true
	}
}

func makeFileStat(st *syscall.Stat_t) fileStat {
	return fileStat{Size: st.Size, Mtime: st.Mtim.Nano(), Ctime: st.Ctim.Nano(), Ino: uint64(st.Ino), Dev: uint64(st.Dev)}
}

// readScratch reads a file into a pooled buffer and hands it to use, which
// must not keep it. When the file is larger than max, use is not called
// and the size returned is over max. The file's inode is read before its
// contents, so a change made while it is read shows in the next stat.
func readScratch(path string, max int64, use func([]byte)) (int64, fileStat, error) {
	fd, err := openRetry(path)
	if err != nil {
		return 0, fileStat{}, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var fst fileStat
	var sst syscall.Stat_t
	if syscall.Fstat(fd, &sst) == nil {
		fst = makeFileStat(&sst)
	}
	bp := scratchPool.Get().(*[]byte)
	defer scratchPool.Put(bp)
	buf := *bp
	n := 0
	for {
		if n == len(buf) {
			if int64(n) > max {
				var st syscall.Stat_t
				if syscall.Fstat(fd, &st) == nil && st.Size > int64(n) {
					return st.Size, fst, nil
				}
				return int64(n), fst, nil
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
			return 0, fst, &os.PathError{Op: "read", Path: path, Err: err}
		}
		if m == 0 {
			break
		}
		n += m
	}
	if int64(n) > max {
		return int64(n), fst, nil
	}
	use(buf[:n])
	return int64(n), fst, nil
}

func openRetry(path string) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
