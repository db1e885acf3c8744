//go:build !unix

package linter

func readFile(path string, max int64) ([]byte, int64, error) { return readFileOS(path, max) }

// Elsewhere no inode is recorded, and every note is hashed on every run.

func readScratch(path string, max int64, use func([]byte)) (int64, fileStat, error) {
	b, size, err := readFileOS(path, max)
	if err == nil && b != nil {
		use(b)
	}
	return size, fileStat{}, err
}

func readFileStat(path string, max int64) ([]byte, int64, fileStat, error) {
	b, size, err := readFileOS(path, max)
	return b, size, fileStat{}, err
}

func statFile(path string) (fileStat, bool) { return fileStat{}, false }
