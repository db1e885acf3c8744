package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// scalarString is the text of a scalar value; "" for lists, maps and nil.
func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case time.Time:
		return x.Format(time.RFC3339)
	case fmt.Stringer:
		return x.String()
	}
	return ""
}

// truthy reads a boolean setting written as a bool or a string.
func truthy(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "yes", "on":
			return true, true
		case "false", "no", "off":
			return false, true
		}
	}
	return false, false
}

// parseDate reads a frontmatter date: a time from YAML or TOML, or a
// string in one of the layouts generators accept.
func parseDate(v any) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		return x, true
	case string:
		s := strings.TrimSpace(x)
		if len(s) == 10 {
			t, err := time.Parse("2006-01-02", s)
			return t, err == nil
		}
		for _, layout := range [...]string{
			time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00",
			"2006-01-02 15:04:05", "2006-01-02 15:04 -0700", "2006-01-02 15:04", "2006-01-02",
		} {
			if t, err := time.Parse(layout, s); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// lookupFold finds key in a decoded config map, ignoring case as Hugo does.
func lookupFold(m map[string]any, key string) (any, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

// mapAt walks a path of keys through nested maps.
func mapAt(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		v, ok := lookupFold(m, k)
		if !ok {
			return nil
		}
		m = asMap(v)
		if m == nil {
			return nil
		}
	}
	return m
}

// asMap converts the map types decoders produce to map[string]any.
func asMap(v any) map[string]any {
	switch x := v.(type) {
	case map[string]any:
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, v := range x {
			m[fmt.Sprint(k)] = v
		}
		return m
	}
	return nil
}

// strAt is the string at a path of keys, or "".
func strAt(m map[string]any, keys ...string) string {
	if len(keys) == 0 {
		return ""
	}
	parent := m
	if len(keys) > 1 {
		parent = mapAt(m, keys[:len(keys)-1]...)
	}
	if parent == nil {
		return ""
	}
	v, _ := lookupFold(parent, keys[len(keys)-1])
	return scalarString(v)
}

// strings of a value that is one string or a list of them.
func stringList(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s := scalarString(e); s != "" {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return x
	}
	return nil
}

// decodeConfig decodes a config file by its extension.
func decodeConfig(name string, data []byte) (map[string]any, error) {
	m := map[string]any{}
	switch {
	case strings.HasSuffix(name, ".toml"):
		if _, err := toml.Decode(string(data), &m); err != nil {
			return nil, err
		}
	case strings.HasSuffix(name, ".json"):
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, err
		}
	default:
		// Tags such as MkDocs' !!python/name: are kept as plain values:
		// decode into nodes first, then into values node by node.
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			return nil, err
		}
		if len(n.Content) == 0 {
			return m, nil
		}
		if v, ok := yamlValue(n.Content[0]).(map[string]any); ok {
			return v, nil
		}
		return nil, fmt.Errorf("not a mapping of settings")
	}
	return m, nil
}

// yamlValue decodes a node, turning values of unknown tags into strings.
func yamlValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			return yamlValue(n.Content[0])
		}
		return nil
	case yaml.AliasNode:
		if n.Alias != nil {
			return yamlValue(n.Alias)
		}
		return nil
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Value == "<<" {
				if mm, ok := yamlValue(n.Content[i+1]).(map[string]any); ok {
					for kk, vv := range mm {
						if _, set := m[kk]; !set {
							m[kk] = vv
						}
					}
				}
				continue
			}
			m[k.Value] = yamlValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			l = append(l, yamlValue(c))
		}
		return l
	}
	var v any
	switch n.Tag {
	case "!!str", "!!bool", "!!int", "!!float", "!!null", "!!timestamp", "!!binary", "":
		if err := n.Decode(&v); err != nil {
			return n.Value
		}
		return v
	}
	return n.Value
}

// maxFrontRead bounds how much of an index file is read for its
// frontmatter.
const maxFrontRead = 1 << 20

// readFront reads the frontmatter of a note (YAML, TOML or JSON), and
// returns it with the raw bytes it came from. A note without a readable
// frontmatter gives nil.
func readFront(p string) (map[string]any, []byte) {
	f, err := os.Open(p)
	if err != nil {
		return nil, nil
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxFrontRead))
	if err != nil {
		return nil, nil
	}
	fm, raw, _ := parseFront(src)
	return fm, raw
}

// parseFront decodes the frontmatter at the start of src. It returns the
// decoded fields (nil when there is no frontmatter or it does not
// decode), the raw block between the delimiters, and the offset in src
// where the body starts.
func parseFront(src []byte) (map[string]any, []byte, int) {
	full := len(src)
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	trimmed := bytes.TrimLeft(src, " \t\r\n")
	at := func(b []byte) int { return full - len(b) }
	var delim string
	switch {
	case bytes.HasPrefix(trimmed, []byte("---")):
		delim = "---"
	case bytes.HasPrefix(trimmed, []byte("+++")):
		delim = "+++"
	case bytes.HasPrefix(trimmed, []byte("{")):
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			return nil, nil, 0
		}
		return m, trimmed[:dec.InputOffset()], at(trimmed[dec.InputOffset():])
	default:
		return nil, nil, 0
	}
	rest := trimmed[3:]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 || len(bytes.TrimSpace(rest[:nl])) != 0 {
		return nil, nil, 0
	}
	body := rest[nl+1:]
	end, after := -1, len(body)
	for off := 0; off < len(body); {
		line := body[off:]
		n := bytes.IndexByte(line, '\n')
		if n >= 0 {
			line = line[:n]
		}
		if string(bytes.TrimRight(line, " \t\r")) == delim {
			end = off
			if n >= 0 {
				after = off + n + 1
			}
			break
		}
		if n < 0 {
			break
		}
		off += n + 1
	}
	if end < 0 {
		return nil, nil, 0
	}
	raw := body[:end]
	bodyAt := at(body[after:])
	name := "x.yaml"
	if delim == "+++" {
		name = "x.toml"
	}
	m, err := decodeConfig(name, raw)
	if err != nil {
		return nil, raw, bodyAt
	}
	return m, raw, bodyAt
}

// slugify lower-cases s and turns runs of characters other than letters,
// digits and underscores into one dash, as generators make slugs.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKC.String(strings.TrimSpace(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		dash = true
	}
	return b.String()
}

// titleize turns a slug into a title the way Jekyll does for posts: each
// dash-separated word capitalised ("my-first-post" → "My First Post").
func titleize(slug string) string {
	words := strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i, w := range words {
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		words[i] = string(rs)
	}
	return strings.Join(words, " ")
}

// isLangCode reports whether s looks like a language tag: an ISO 639-1
// code, optionally with a region ("en", "pt-br", "zh_cn", "zh-Hant").
func isLangCode(s string) bool {
	s = normLang(s)
	base, region, hasRegion := strings.Cut(s, "-")
	if !iso6391[base] {
		return false
	}
	if !hasRegion {
		return true
	}
	if len(region) < 2 || len(region) > 4 {
		return false
	}
	for _, r := range region {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

var iso6391 = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(`aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca
		ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv
		ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks
		ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr
		nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
		st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu`) {
		m[c] = true
	}
	return m
}()
