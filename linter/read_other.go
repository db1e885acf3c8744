//go:build !unix

package linter

func readFile(path string, max int64) ([]byte, int64, error) { return readFileOS(path, max) }
