package linter

import (
	"fmt"
	"strings"
)

// Severity orders findings. The zero value is Off: a rule set to off does
// not run.
type Severity int

const (
	Off Severity = iota
	Info
	Warning
	Error
)

var severityNames = [...]string{Off: "off", Info: "info", Warning: "warning", Error: "error"}

func (s Severity) String() string {
	if s < Off || s > Error {
		return fmt.Sprintf("Severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity accepts "error", "warning", "info" and "off" (also "none").
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info", "notice":
		return Info, nil
	case "off", "none":
		return Off, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want error, warning, info or off)", s)
}

// MarshalText makes a Severity print as its name in JSON and YAML.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText parses a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
