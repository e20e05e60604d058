package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
)

// maxJSONDepth bounds the nesting the decoder follows; deeper evidence is
// refused rather than risking the stack.
const maxJSONDepth = 512

// internMaxLen is the longest string value the decoder shares between
// records: keys and short values ("aws", "managed", "eu-central-1") repeat
// across an estate, long ones (addresses, ARNs) rarely do.
const internMaxLen = 40

// astDecoder turns a record's JSON straight into OPA terms, without the
// detour through Go maps. Object keys and short strings are interned, so an
// estate of many similar resources shares one term per distinct key. The
// values are exactly those ast.InterfaceToValue gives for the same JSON
// decoded into Go values (numbers go through float64 as encoding/json
// decodes them), so evidence read from a run directory and evidence handed
// over in memory are judged alike. A decoder is not safe for concurrent use.
type astDecoder struct {
	data     []byte
	pos      int
	interned map[string]*ast.Term
	// shared holds small objects and arrays by hash: identical nested
	// blocks (tags, labels, settings blocks) recur across an estate and are
	// kept once. OPA never modifies a value it evaluates, so sharing is safe.
	shared  map[int][]*ast.Term
	scratch []byte
	// items and elems are stacks of the members of the objects and arrays
	// being decoded, reused from value to value
	items [][2]*ast.Term
	elems []*ast.Term
}

// shareMaxLen is the largest object or array the decoder shares; bigger
// ones are nearly always unique.
const shareMaxLen = 16

func newASTDecoder() *astDecoder {
	return &astDecoder{interned: map[string]*ast.Term{}, shared: map[int][]*ast.Term{}}
}

// sharedObject returns the earlier copy of an object with these members,
// whose hash (as OPA computes it) is h, or nil.
func (d *astDecoder) sharedObject(h int, items [][2]*ast.Term) *ast.Term {
	for _, c := range d.shared[h] {
		obj, ok := c.Value.(ast.Object)
		if !ok || obj.Len() != len(items) {
			continue
		}
		same := true
		for _, kv := range items {
			v := obj.Get(kv[0])
			if v == nil || (v != kv[1] && v.Value.Compare(kv[1].Value) != 0) {
				same = false
				break
			}
		}
		if same {
			return c
		}
	}
	return nil
}

// sharedArray returns the earlier copy of an array with these elements,
// whose hash is h, or nil.
func (d *astDecoder) sharedArray(h int, elems []*ast.Term) *ast.Term {
	for _, c := range d.shared[h] {
		arr, ok := c.Value.(*ast.Array)
		if !ok || arr.Len() != len(elems) {
			continue
		}
		same := true
		for i, e := range elems {
			if a := arr.Elem(i); a != e && a.Value.Compare(e.Value) != 0 {
				same = false
				break
			}
		}
		if same {
			return c
		}
	}
	return nil
}

var (
	nullTerm  = ast.NullTerm()
	trueTerm  = ast.InternedTerm(true)
	falseTerm = ast.InternedTerm(false)
)

// decode parses one JSON value.
func (d *astDecoder) decode(b []byte) (*ast.Term, error) {
	d.data, d.pos = b, 0
	d.items, d.elems = d.items[:0], d.elems[:0]
	t, err := d.value(0)
	if err != nil {
		return nil, err
	}
	d.skipSpace()
	if d.pos != len(d.data) {
		return nil, d.errorf("unexpected %q after the value", d.data[d.pos])
	}
	d.data = nil
	return t, nil
}

func (d *astDecoder) errorf(format string, args ...any) error {
	return fmt.Errorf("invalid JSON at byte %d: %s", d.pos, fmt.Sprintf(format, args...))
}

func (d *astDecoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *astDecoder) value(depth int) (*ast.Term, error) {
	if depth > maxJSONDepth {
		return nil, d.errorf("nested deeper than %d levels", maxJSONDepth)
	}
	d.skipSpace()
	if d.pos >= len(d.data) {
		return nil, d.errorf("unexpected end of input")
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		return d.object(depth)
	case c == '[':
		return d.array(depth)
	case c == '"':
		s, err := d.str()
		if err != nil {
			return nil, err
		}
		return d.text(s), nil
	case c == 't':
		return trueTerm, d.literal("true")
	case c == 'f':
		return falseTerm, d.literal("false")
	case c == 'n':
		return nullTerm, d.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	default:
		return nil, d.errorf("unexpected %q", c)
	}
}

func (d *astDecoder) literal(word string) error {
	if !strings.HasPrefix(string(d.data[d.pos:min(len(d.data), d.pos+len(word))]), word) {
		return d.errorf("expected %s", word)
	}
	d.pos += len(word)
	return nil
}

// text returns a string term, shared when the string is short enough to repeat.
func (d *astDecoder) text(s string) *ast.Term {
	if len(s) <= internMaxLen {
		return d.intern(s)
	}
	return ast.StringTerm(s)
}

// intern returns the shared string term for s.
func (d *astDecoder) intern(s string) *ast.Term {
	if t, ok := d.interned[s]; ok {
		return t
	}
	t := ast.InternedTerm(s) // OPA's own table first: "type", "name", …
	d.interned[s] = t
	return t
}

func (d *astDecoder) object(depth int) (*ast.Term, error) {
	d.pos++ // {
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return ast.InternedEmptyObject, nil
	}
	mark := len(d.items)
	for {
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			return nil, d.errorf("expected a string key")
		}
		k, err := d.str()
		if err != nil {
			return nil, err
		}
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != ':' {
			return nil, d.errorf("expected ':' after key %q", k)
		}
		d.pos++
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		d.items = append(d.items, [2]*ast.Term{d.intern(k), v})
		if done, err := d.separator('}', "an object"); err != nil {
			return nil, err
		} else if done {
			break
		}
	}
	items := d.items[mark:]
	defer func() { d.items = d.items[:mark] }()
	if hasDuplicateKeys(items) {
		// a repeated key: the last one wins, as in encoding/json
		obj := ast.NewObject()
		for _, kv := range items {
			obj.Insert(kv[0], kv[1])
		}
		return ast.NewTerm(obj), nil
	}
	return d.objectTerm(items), nil
}

// separator reads what follows a member of an object or an array (what):
// a ',' before the next member, or the closing byte, which ends it (done).
func (d *astDecoder) separator(closing byte, what string) (done bool, err error) {
	d.skipSpace()
	if d.pos >= len(d.data) {
		return false, d.errorf("unexpected end of input in %s", what)
	}
	switch d.data[d.pos] {
	case ',':
		d.pos++
		return false, nil
	case closing:
		d.pos++
		return true, nil
	}
	return false, d.errorf("expected ',' or '%c' in %s", closing, what)
}

// objectTerm is the object of items (distinct keys): the decoder's earlier
// copy of an equal small object, or a new one it remembers.
func (d *astDecoder) objectTerm(items [][2]*ast.Term) *ast.Term {
	if len(items) == 0 {
		return ast.InternedEmptyObject
	}
	if len(items) > shareMaxLen {
		return ast.NewTerm(ast.NewObject(items...))
	}
	h := 0 // as OPA hashes an object: the sum of its keys' and values' hashes
	for _, kv := range items {
		h += kv[0].Hash() + kv[1].Hash()
	}
	if t := d.sharedObject(h, items); t != nil {
		return t
	}
	t := ast.NewTerm(ast.NewObject(items...))
	d.shared[h] = append(d.shared[h], t)
	return t
}

// hasDuplicateKeys reports a repeated key among few items cheaply; objects
// in evidence are small, and repeated keys are rare enough to take the slow path.
func hasDuplicateKeys(items [][2]*ast.Term) bool {
	if len(items) > 32 {
		seen := make(map[string]bool, len(items))
		for _, kv := range items {
			k := string(kv[0].Value.(ast.String))
			if seen[k] {
				return true
			}
			seen[k] = true
		}
		return false
	}
	for i := 1; i < len(items); i++ {
		for j := 0; j < i; j++ {
			if items[i][0] == items[j][0] {
				return true
			}
		}
	}
	return false
}

func (d *astDecoder) array(depth int) (*ast.Term, error) {
	d.pos++ // [
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		return ast.InternedEmptyArray, nil
	}
	mark := len(d.elems)
	for {
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		d.elems = append(d.elems, v)
		if done, err := d.separator(']', "an array"); err != nil {
			return nil, err
		} else if done {
			break
		}
	}
	elems := d.elems[mark:]
	defer func() { d.elems = d.elems[:mark] }()
	h := 0
	if len(elems) <= shareMaxLen {
		for _, e := range elems {
			h += e.Hash()
		}
		if t := d.sharedArray(h, elems); t != nil {
			return t, nil
		}
	}
	// the array keeps the slice it is given: a copy of exactly its size
	t := ast.ArrayTerm(append([]*ast.Term(nil), elems...)...)
	if len(elems) <= shareMaxLen {
		d.shared[h] = append(d.shared[h], t)
	}
	return t, nil
}

// number reads a JSON number. Small integers become OPA's interned terms;
// every other number goes through float64, exactly as a Go-decoded value would.
func (d *astDecoder) number() (*ast.Term, error) {
	start := d.pos
	if d.data[d.pos] == '-' {
		d.pos++
	}
	digits := func() int {
		n := 0
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
			n++
		}
		return n
	}
	intStart := d.pos
	if n := digits(); n == 0 {
		return nil, d.errorf("expected a digit")
	} else if n > 1 && d.data[intStart] == '0' {
		return nil, d.errorf("leading zero in a number")
	}
	plain := true
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		plain = false
		d.pos++
		if digits() == 0 {
			return nil, d.errorf("expected a digit after '.'")
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		plain = false
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if digits() == 0 {
			return nil, d.errorf("expected a digit in the exponent")
		}
	}
	lit := string(d.data[start:d.pos])
	if plain {
		if t := ast.InternedIntNumberTermFromString(lit); t != nil {
			return t, nil
		}
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
			return nil, d.errorf("number %s is out of range", lit)
		}
		return nil, d.errorf("invalid number %s", lit)
	}
	v, err := ast.InterfaceToValue(f)
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(v), nil
}

// str reads a JSON string, unescaping it; invalid UTF-8 bytes become
// U+FFFD one by one, as encoding/json does.
func (d *astDecoder) str() (string, error) {
	d.pos++ // "
	start := d.pos
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		if c == '"' {
			s := d.data[start:d.pos]
			d.pos++
			if utf8.Valid(s) {
				return string(s), nil
			}
			return validUTF8(s), nil
		}
		if c == '\\' {
			return d.escaped(start)
		}
		if c < 0x20 {
			return "", d.errorf("control character %#x in a string", c)
		}
		d.pos++
	}
	return "", d.errorf("unterminated string")
}

func (d *astDecoder) escaped(start int) (string, error) {
	b := append(d.scratch[:0], d.data[start:d.pos]...)
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			d.scratch = b
			if utf8.Valid(b) {
				return string(b), nil
			}
			return validUTF8(b), nil
		case c < 0x20:
			return "", d.errorf("control character %#x in a string", c)
		case c != '\\':
			b = append(b, c)
			d.pos++
			continue
		}
		if d.pos+1 >= len(d.data) {
			return "", d.errorf("unterminated string")
		}
		d.pos++
		switch e := d.data[d.pos]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := d.hex4(d.pos + 1)
			if !ok {
				return "", d.errorf("invalid \\u escape")
			}
			d.pos += 4
			if utf16.IsSurrogate(r) {
				r2, ok2 := rune(-1), false
				if d.pos+2 < len(d.data) && d.data[d.pos+1] == '\\' && d.data[d.pos+2] == 'u' {
					r2, ok2 = d.hex4(d.pos + 3)
				}
				if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
					r = dec
					d.pos += 6
				} else {
					r = utf8.RuneError
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			return "", d.errorf("invalid escape \\%c", e)
		}
		d.pos++
	}
	return "", d.errorf("unterminated string")
}

func (d *astDecoder) hex4(at int) (rune, bool) {
	if at+4 > len(d.data) {
		return 0, false
	}
	var r rune
	for _, c := range d.data[at : at+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return r, true
}

func validUTF8(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			sb.WriteRune(utf8.RuneError)
		} else {
			sb.Write(b[:size])
		}
		b = b[size:]
	}
	return sb.String()
}

// topLevelString returns the string value of key in the JSON object b, read
// without decoding the rest: nested values are skipped. It reports false
// when b is not an object, lacks the key or its (last) value is not a plain
// string (an escaped key or value is not recognised). It serves ordering
// hints only, never a decision, so malformed input just gives false.
func topLevelString(b []byte, key string) (string, bool) {
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '{' {
		return "", false
	}
	var val []byte // the last value of key, as in the decoder
	for i++; ; i++ {
		i = skipWS(b, i)
		if i >= len(b) || b[i] != '"' {
			return "", false
		}
		kEnd := skipString(b, i)
		if kEnd < 0 {
			return "", false
		}
		k := b[i+1 : kEnd-1]
		i = skipWS(b, kEnd)
		if i >= len(b) || b[i] != ':' {
			return "", false
		}
		i = skipWS(b, i+1)
		vEnd := skipJSONValue(b, i)
		if vEnd < 0 {
			return "", false
		}
		if string(k) == key {
			val = b[i:vEnd]
		}
		i = skipWS(b, vEnd)
		if i < len(b) && b[i] == '}' {
			break
		}
		if i >= len(b) || b[i] != ',' {
			return "", false
		}
	}
	if len(val) < 2 || val[0] != '"' || bytes.IndexByte(val, '\\') >= 0 || !utf8.Valid(val) {
		return "", false
	}
	return string(val[1 : len(val)-1]), true
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at b[i] (a '"'), or -1.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// skipJSONValue returns the index after the value starting at b[i], or -1.
// It checks only what it needs to find the value's end.
func skipJSONValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				if i = skipString(b, i); i < 0 {
					return -1
				}
				i--
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return -1
	}
	for ; i < len(b); i++ {
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
	}
	return i
}

// topScalars returns an object's top-level strings, numbers, booleans and
// nulls as Go values: what the engine's Go side (selectors, labels,
// attestations) reads of a record whose data it did not decode into Go.
func topScalars(t *ast.Term) map[string]any {
	obj, ok := t.Value.(ast.Object)
	if !ok {
		return map[string]any{}
	}
	out := make(map[string]any, obj.Len())
	obj.Foreach(func(k, v *ast.Term) {
		key, ok := k.Value.(ast.String)
		if !ok {
			return
		}
		switch x := v.Value.(type) {
		case ast.String:
			out[string(key)] = string(x)
		case ast.Boolean:
			out[string(key)] = bool(x)
		case ast.Null:
			out[string(key)] = nil
		case ast.Number:
			if f, err := json.Number(x).Float64(); err == nil {
				out[string(key)] = f
			}
		}
	})
	return out
}
