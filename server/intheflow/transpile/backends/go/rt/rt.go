// Package rt is the intheflow COBOL runtime for generated Go (standard library only, Go 1.19):
// decimals on math/big, COBOL stores (truncation, ROUNDED, size errors), DISPLAY formatting and
// picture editing byte-identical to GnuCOBOL.
package rt

import (
	"bufio"
	"fmt"
	"math/big"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Dec is an intermediate result: an unscaled big integer and a scale, or a size error.
type Dec struct {
	M   *big.Int
	S   int
	Err bool
}

var ten = big.NewInt(10)

func pow10(n int) *big.Int { return new(big.Int).Exp(ten, big.NewInt(int64(n)), nil) }

// NewDec builds m × 10^-s.
func NewDec(m int64, s int) Dec { return Dec{M: big.NewInt(m), S: s} }

var errDec = Dec{M: new(big.Int), Err: true}

func (d Dec) up(s int) *big.Int { return new(big.Int).Mul(d.M, pow10(s-d.S)) }

func align(a, b Dec) (*big.Int, *big.Int, int) {
	s := a.S
	if b.S > s {
		s = b.S
	}
	return a.up(s), b.up(s), s
}

func (d Dec) Add(o Dec) Dec {
	if d.Err || o.Err {
		return errDec
	}
	x, y, s := align(d, o)
	return Dec{M: x.Add(x, y), S: s}
}

func (d Dec) Sub(o Dec) Dec { return d.Add(o.Neg()) }

func (d Dec) Neg() Dec {
	if d.Err {
		return errDec
	}
	return Dec{M: new(big.Int).Neg(d.M), S: d.S}
}

func (d Dec) Mul(o Dec) Dec {
	if d.Err || o.Err {
		return errDec
	}
	return Dec{M: new(big.Int).Mul(d.M, o.M), S: d.S + o.S}
}

// Div keeps 38 more decimals than the dividend and truncates, as GnuCOBOL does.
func (d Dec) Div(o Dec) Dec {
	if d.Err || o.Err || o.M.Sign() == 0 {
		return errDec
	}
	s := d.S - o.S
	shift := 38
	if s < 0 {
		shift -= s
	}
	m := new(big.Int).Mul(d.M, pow10(shift))
	return Dec{M: m.Quo(m, o.M), S: s + shift}
}

func (d Dec) Pow(o Dec) Dec {
	if d.Err || o.Err || new(big.Int).Rem(o.M, pow10(o.S)).Sign() != 0 {
		return errDec
	}
	n := new(big.Int).Quo(o.M, pow10(o.S)).Int64()
	r := NewDec(1, 0)
	k := n
	if k < 0 {
		k = -k
	}
	for i := int64(0); i < k; i++ {
		r = r.Mul(d)
	}
	if n < 0 {
		return NewDec(1, 0).Div(r)
	}
	return r
}

func (d Dec) Trunc(scale int) Dec {
	if d.Err || d.S <= scale {
		return d
	}
	return Dec{M: new(big.Int).Quo(d.M, pow10(d.S-scale)), S: scale}
}

// AtScale is the unscaled value at scale, truncated or rounded half away from zero.
func (d Dec) AtScale(scale int, rounded bool) *big.Int {
	if d.S <= scale {
		return d.up(scale)
	}
	div := pow10(d.S - scale)
	q, r := new(big.Int).QuoRem(d.M, div, new(big.Int))
	if rounded && new(big.Int).Mul(new(big.Int).Abs(r), big.NewInt(2)).Cmp(div) >= 0 {
		q.Add(q, big.NewInt(int64(d.M.Sign())))
	}
	return q
}

func (d Dec) Cmp(o Dec) int {
	x, y, _ := align(d, o)
	return x.Cmp(y)
}

// Store into a numeric item: high-order digits are lost; division by zero keeps the old value.
func Store(v Dec, digits, scale int, signed, rounded bool, old int64) int64 {
	return StoreWide(v, digits, scale, signed, rounded, big.NewInt(old)).Int64()
}

// Wide holds a numeric item of 19 to 31 digits.
type Wide = *big.Int

// WideOf is a wide item's initial value.
func WideOf(digits string) Wide {
	v, _ := new(big.Int).SetString(digits, 10)
	return v
}

// NewDecWide is a wide item as a Dec (a copy: Decs never share their integer).
func NewDecWide(m Wide, s int) Dec { return Dec{M: new(big.Int).Set(m), S: s} }

// StoreWide is Store for wide items.
func StoreWide(v Dec, digits, scale int, signed, rounded bool, old Wide) Wide {
	if v.Err {
		return old
	}
	m := v.AtScale(scale, rounded)
	limit := pow10(digits)
	if new(big.Int).Abs(m).Cmp(limit) >= 0 {
		m = new(big.Int).Rem(m, limit)
	}
	if !signed {
		m.Abs(m)
	}
	return m
}

// Fits tells whether v fits the receiving item (the ON SIZE ERROR test).
func Fits(v Dec, digits, scale int, rounded bool) bool {
	return !v.Err && new(big.Int).Abs(v.AtScale(scale, rounded)).Cmp(pow10(digits)) < 0
}

func digitsOf(m Wide, digits int) string {
	d := new(big.Int).Rem(new(big.Int).Abs(m), pow10(digits)).String()
	return strings.Repeat("0", digits-len(d)) + d
}

func NumDisplay(m int64, digits, scale int, signed bool) string {
	return NumDisplayWide(big.NewInt(m), digits, scale, signed)
}

func NumDisplayWide(m Wide, digits, scale int, signed bool) string {
	d := digitsOf(m, digits)
	var b strings.Builder
	if signed {
		if m.Sign() < 0 {
			b.WriteByte('-')
		} else {
			b.WriteByte('+')
		}
	}
	b.WriteString(d[:digits-scale])
	if scale > 0 {
		b.WriteByte('.')
		b.WriteString(d[digits-scale:])
	}
	return b.String()
}

func Zoned(m int64, digits int, signed bool) string { return ZonedWide(big.NewInt(m), digits, signed) }

func ZonedWide(m Wide, digits int, signed bool) string {
	d := []byte(digitsOf(m, digits))
	if signed && m.Sign() < 0 {
		d[len(d)-1] = 'p' + (d[len(d)-1] - '0')
	}
	return string(d)
}

func Unzone(s string) int64 { return UnzoneWide(s).Int64() }

func UnzoneWide(s string) Wide {
	digits := []byte("0")
	neg := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'p' && c <= 'y' {
			neg = true
			digits = append(digits, '0'+c-'p')
		} else {
			digits = append(digits, '0'+(c&0x0F)%10)
		}
	}
	v := WideOf(string(digits))
	if neg {
		v.Neg(v)
	}
	return v
}

func NumToAlnum(m int64, digits int) string { return digitsOf(big.NewInt(m), digits) }

func NumToAlnumWide(m Wide, digits int) string { return digitsOf(m, digits) }

func AlnumToDec(s string) Dec {
	if len(s) > 31 {
		s = s[len(s)-31:]
	}
	return Dec{M: UnzoneWide(s), S: 0}
}

// Strings hold one byte per COBOL character.
func Fit(s string, size int) string {
	if len(s) >= size {
		return s[:size]
	}
	return s + strings.Repeat(" ", size-len(s))
}

func FillAll(pattern string, size int) string {
	return strings.Repeat(pattern, size/len(pattern)+1)[:size]
}

func Longs(n int, v int64) []int64 {
	a := make([]int64, n)
	for i := range a {
		a[i] = v
	}
	return a
}

func Strings(n int, v string) []string {
	a := make([]string, n)
	for i := range a {
		a[i] = v
	}
	return a
}

// Edit applies a numeric-edited picture (Z * $ , . + - CR DB B 0 /) per the COBOL standard.
func Edit(v Dec, mask string, digits, scale int) string {
	m := v.AtScale(scale, false)
	neg := m.Sign() < 0
	ds := new(big.Int).Rem(new(big.Int).Abs(m), pow10(digits)).String()
	digs := []byte(strings.Repeat("0", digits-len(ds)) + ds)
	cs := []byte(mask)
	var floatCh byte
	for _, f := range []byte{'$', '+', '-'} {
		if strings.Count(mask, string(f)) > 1 {
			floatCh = f
			break
		}
	}
	star := strings.IndexByte(mask, '*') >= 0
	fill := byte(' ')
	if star {
		fill = '*'
	}
	out := make([]byte, 0, len(cs))
	next, floatPos := 0, -1
	significant, floatSeen := false, false
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		if floatCh != 0 && c == floatCh && !significant {
			if !floatSeen {
				floatSeen = true
				out = append(out, ' ')
				floatPos = len(out) - 1
			} else {
				d := digs[next]
				next++
				if d != '0' {
					significant = true
					out = append(out, d)
				} else {
					out = append(out, ' ')
					floatPos = len(out) - 1
				}
			}
			continue
		}
		if floatCh != 0 && c == floatCh {
			out = append(out, digs[next])
			next++
			continue
		}
		switch c {
		case '9':
			out = append(out, digs[next])
			next++
			significant = true
		case 'Z', '*':
			d := digs[next]
			next++
			if d != '0' {
				significant = true
			}
			if significant {
				out = append(out, d)
			} else {
				out = append(out, fill)
			}
		case ',', 'B', '0', '/':
			if significant {
				if c == 'B' {
					c = ' '
				}
				out = append(out, c)
			} else if floatSeen {
				out = append(out, ' ')
				floatPos = len(out) - 1
			} else {
				out = append(out, fill)
			}
		case '.':
			rest := strings.Trim(string(digs[next:]), "0") != ""
			if significant || rest || strings.IndexByte(mask[i:], '9') >= 0 {
				significant = true
				out = append(out, '.')
			} else {
				out = append(out, fill)
			}
		case '+':
			out = append(out, map[bool]byte{true: '-', false: '+'}[neg])
		case '-':
			out = append(out, map[bool]byte{true: '-', false: ' '}[neg])
		case 'C', 'D':
			pair := "CR"
			if c == 'D' {
				pair = "DB"
			}
			if !neg {
				pair = "  "
			}
			out = append(out, pair...)
			i++
		default:
			out = append(out, c)
		}
	}
	if floatCh != 0 && floatPos >= 0 && significant {
		switch {
		case floatCh == '$':
			out[floatPos] = '$'
		case neg:
			out[floatPos] = '-'
		case floatCh == '+':
			out[floatPos] = '+'
		default:
			out[floatPos] = ' '
		}
	}
	if m.Sign() == 0 && strings.IndexByte(mask, '9') < 0 {
		blank := make([]byte, len(cs))
		for k, c := range cs {
			if star && c == '.' {
				blank[k] = '.'
			} else {
				blank[k] = fill
			}
		}
		return string(blank)
	}
	return string(out)
}

func CmpStr(a, b string) int {
	n := len(a)
	if len(b) > n {
		n = len(b)
	}
	for k := 0; k < n; k++ {
		p, q := byte(' '), byte(' ')
		if k < len(a) {
			p = a[k]
		}
		if k < len(b) {
			q = b[k]
		}
		if p != q {
			if p < q {
				return -1
			}
			return 1
		}
	}
	return 0
}

func IsNumeric(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func IsAlphabetic(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == ' ' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
			return false
		}
	}
	return true
}

func Times(v Dec) int64 {
	n := v.AtScale(0, false).Int64()
	if n < 0 {
		return 0
	}
	return n
}

// Index turns a COBOL subscript (1-based) into a Go index.
func Index(v Dec) int64 { return v.AtScale(0, false).Int64() - 1 }

// Occurrences is how many occurrences an OCCURS DEPENDING ON item counts (never below zero).
func Occurrences(v Dec) int {
	n := int(v.AtScale(0, false).Int64())
	if n < 0 {
		return 0
	}
	return n
}

var out = bufio.NewWriterSize(os.Stdout, 1<<16)
var in = bufio.NewReader(os.Stdin)

func Display(line string, advancing bool) {
	out.WriteString(line)
	if advancing {
		out.WriteByte('\n')
	}
}

func AcceptLine() string {
	line, _ := in.ReadString('\n')
	return strings.TrimRight(line, "\r\n")
}

// ParseNum is ACCEPT into a numeric item: a number, or zero for anything else (as GnuCOBOL).
func ParseNum(s string) Dec {
	t := strings.TrimSpace(s)
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimLeft(t, "+-")
	intPart, frac := t, ""
	if k := strings.IndexByte(t, '.'); k >= 0 {
		intPart, frac = t[:k], t[k+1:]
	}
	if intPart+frac == "" || !IsNumeric(intPart+frac) || len(s) > 0 && strings.Count(strings.TrimSpace(s), "-")+strings.Count(strings.TrimSpace(s), "+") > 1 {
		return NewDec(0, 0)
	}
	m, _ := new(big.Int).SetString(intPart+frac, 10)
	if neg {
		m.Neg(m)
	}
	return Dec{M: m, S: len(frac)}
}

func StopRun() {
	StopRunCode(0)
}

// StopRunCode is STOP RUN in a program that uses RETURN-CODE: it becomes the exit status, as in
// GnuCOBOL.
func StopRunCode(code int64) {
	closeAll()
	out.Flush()
	os.Exit(int(code))
}

func DecAbs(v Dec) Dec {
	if v.Err || v.M.Sign() >= 0 {
		return v
	}
	return v.Neg()
}

// DecFloor is FUNCTION INTEGER: the greatest integer not above v.
func DecFloor(v Dec) Dec {
	if v.Err {
		return v
	}
	t := v.Trunc(0)
	if v.M.Sign() < 0 && t.Cmp(v) != 0 {
		return t.Sub(NewDec(1, 0))
	}
	return t
}

func DecMax(a, b Dec) Dec {
	if a.Err || b.Err {
		return errDec
	}
	if b.Cmp(a) > 0 {
		return b
	}
	return a
}

func DecMin(a, b Dec) Dec {
	if a.Err || b.Err {
		return errDec
	}
	if b.Cmp(a) < 0 {
		return b
	}
	return a
}

func Upper(s string) string { return strings.ToUpper(s) }

func Lower(s string) string { return strings.ToLower(s) }

func matchesAt(s string, at int, pat string) bool {
	return pat != "" && strings.HasPrefix(s[at:], pat)
}

// Inspection is INSPECT as GnuCOBOL runs it: clause after clause over the item, each one
// skipping characters an earlier clause of the same statement already counted or replaced (they
// are marked). Before/After narrow the region of the next clause only.
type Inspection struct {
	data  []byte
	mark  []int // -1: not marked yet, else the byte it becomes
	start int
	end   int
}

// InspectStart begins INSPECT of s.
func InspectStart(s string) *Inspection {
	in := &Inspection{data: []byte(s), mark: make([]int, len(s)), end: len(s)}
	for k := range in.mark {
		in.mark[k] = -1
	}
	return in
}

func (in *Inspection) find(x string) int {
	for i := in.start; i+len(x) <= in.end; i++ {
		if matchesAt(string(in.data), i, x) {
			return i
		}
	}
	return -1
}

// Before is BEFORE INITIAL x: the region ends at the first x (if there is one).
func (in *Inspection) Before(x string) {
	if i := in.find(x); i >= 0 {
		in.end = i
	}
}

// After is AFTER INITIAL x: the region starts after the first x; without one it is empty.
func (in *Inspection) After(x string) {
	if i := in.find(x); i >= 0 {
		in.start = i + len(x)
	} else {
		in.start = in.end
	}
}

func (in *Inspection) free(at, n int) bool {
	for k := at; k < at+n; k++ {
		if in.mark[k] >= 0 {
			return false
		}
	}
	return true
}

func (in *Inspection) put(k int, by string, j int) {
	if j < len(by) {
		in.mark[k] = int(by[j])
	} else {
		in.mark[k] = int(in.data[k])
	}
}

// scan marks the matches of one clause (with their replacement) and counts them.
func (in *Inspection) scan(mode, what, by string) int64 {
	var n int64
	s := string(in.data)
	if mode == "CHARACTERS" {
		for k := in.start; k < in.end; k++ {
			if in.mark[k] < 0 {
				in.put(k, by, 0)
				n++
			}
		}
	} else if what != "" {
		for i := in.start; i+len(what) <= in.end; {
			if matchesAt(s, i, what) && in.free(i, len(what)) {
				for k := 0; k < len(what); k++ {
					in.put(i+k, by, k)
				}
				n++
				i += len(what)
				if mode == "FIRST" {
					break
				}
			} else if mode == "LEADING" {
				break
			} else {
				i++
			}
		}
	}
	in.start, in.end = 0, len(in.data)
	return n
}

// Tally is TALLYING … FOR mode what: how many matches in the region.
func (in *Inspection) Tally(mode, what string) int64 { return in.scan(mode, what, "") }

// Replace is REPLACING mode what BY by (same size), applied by Result.
func (in *Inspection) Replace(mode, what, by string) { in.scan(mode, what, by) }

// Convert is CONVERTING from TO to in the region (the first occurrence in from counts).
func (in *Inspection) Convert(from, to string) {
	for k := in.start; k < in.end; k++ {
		if j := strings.IndexByte(from, in.data[k]); j >= 0 && in.mark[k] < 0 {
			in.put(k, to, j)
		}
	}
	in.start, in.end = 0, len(in.data)
}

// Result is the item after the replacements.
func (in *Inspection) Result() string {
	out := make([]byte, len(in.data))
	for k, c := range in.data {
		if in.mark[k] >= 0 {
			c = byte(in.mark[k])
		}
		out[k] = c
	}
	return string(out)
}

// Delimited is STRING … DELIMITED BY d: the characters before the first d (all if none).
func Delimited(s, d string) string {
	if k := strings.Index(s, d); d != "" && k >= 0 {
		return s[:k]
	}
	return s
}

// StringInto is STRING … INTO: overwrite the target from the left; the rest keeps its value.
func StringInto(target, text string) string {
	if len(text) >= len(target) {
		return text[:len(target)]
	}
	return text + target[len(text):]
}

// StringAt is STRING … WITH POINTER: text written into target from pointer (1-based) on, as far
// as it fits; an out-of-range pointer leaves the target alone.
func StringAt(target, text string, pointer int64) string {
	if pointer < 1 || pointer > int64(len(target)) {
		return target
	}
	at := int(pointer) - 1
	n := len(text)
	if n > len(target)-at {
		n = len(target) - at
	}
	return target[:at] + text[:n] + target[at+n:]
}

// StringEnd is the pointer after STRING: one past the last character stored.
func StringEnd(target, text string, pointer int64) int64 {
	size := int64(len(target))
	if pointer < 1 || pointer > size {
		return pointer
	}
	n := int64(len(text))
	if n > size-pointer+1 {
		n = size - pointer + 1
	}
	return pointer + n
}

// StringOverflow is STRING's overflow condition: a bad pointer, or characters that did not fit.
func StringOverflow(target, text string, pointer int64) bool {
	size := int64(len(target))
	return pointer < 1 || pointer > size || int64(len(text)) > size-pointer+1
}

// Unstring hands out the fields of a source one receiver at a time, from the pointer on.
type Unstring struct {
	src          string
	pos          int
	badPointer   bool
	startPointer int64
	delimiters   []string
	repeated     []bool
	delimiter    string
	count        int64
	fields       int64
}

// UnstringStart begins UNSTRING src [WITH POINTER pointer].
func UnstringStart(src string, pointer int64) *Unstring {
	u := &Unstring{src: src, startPointer: pointer}
	u.badPointer = pointer < 1 || pointer > int64(len(src))
	if !u.badPointer {
		u.pos = int(pointer) - 1
	}
	return u
}

// DelimitedBy adds DELIMITED BY [ALL] d: delimiters are tried in the order written.
func (u *Unstring) DelimitedBy(d string, all bool) {
	u.delimiters = append(u.delimiters, d)
	u.repeated = append(u.repeated, all)
}

// More tells whether there is still something to hand out.
func (u *Unstring) More() bool { return !u.badPointer && u.pos < len(u.src) }

// Next is the next field: up to the first delimiter (or the end), which is skipped (all repeats
// of an ALL delimiter too).
func (u *Unstring) Next() string {
	start := u.pos
	for at := start; at < len(u.src); at++ {
		for k, d := range u.delimiters {
			if !matchesAt(u.src, at, d) {
				continue
			}
			u.take(start, at, d)
			u.pos = at + len(d)
			for u.repeated[k] && u.pos < len(u.src) && matchesAt(u.src, u.pos, d) {
				u.pos += len(d)
			}
			return u.src[start:at]
		}
	}
	u.take(start, len(u.src), "")
	u.pos = len(u.src)
	return u.src[start:]
}

// NextSize is the next n characters (UNSTRING without DELIMITED BY).
func (u *Unstring) NextSize(n int64) string {
	start := u.pos
	end := start + int(n)
	if end > len(u.src) {
		end = len(u.src)
	}
	u.take(start, end, "")
	u.pos = end
	return u.src[start:end]
}

func (u *Unstring) take(start, end int, d string) {
	u.delimiter = d
	u.count = int64(end - start)
	u.fields++
}

// Delimiter is DELIMITER IN: the delimiter that ended the last field (spaces at the end).
func (u *Unstring) Delimiter() string { return u.delimiter }

// Count is COUNT IN: the characters of the last field.
func (u *Unstring) Count() int64 { return u.count }

// Fields is TALLYING IN: how many receivers got a field.
func (u *Unstring) Fields() int64 { return u.fields }

// Pointer is WITH POINTER after the statement (unchanged after a bad pointer).
func (u *Unstring) Pointer() int64 {
	if u.badPointer {
		return u.startPointer
	}
	return int64(u.pos) + 1
}

// Overflow is ON OVERFLOW: a bad pointer, or characters left when the receivers ran out.
func (u *Unstring) Overflow() bool { return u.badPointer || u.pos < len(u.src) }

// ---- records held as bytes (REDEFINES, RENAMES) and reference modification ------------------

// GetBytes returns bytes off..off+n of a record held as one string.
func GetBytes(s string, off, n int) string { return s[off : off+n] }

// PutBytes returns the bytes with piece written from off (never past the end).
func PutBytes(s string, off int, piece string) string {
	n := len(piece)
	if off+n > len(s) {
		n = len(s) - off
	}
	return s[:off] + piece[:n] + s[off+n:]
}

// ToBinary gives COMP/BINARY (big-endian) or COMP-5 (little-endian) two's complement bytes.
func ToBinary(v int64, size int, bigEndian bool) string {
	b := make([]byte, size)
	for k := 0; k < size; k++ {
		at := k
		if bigEndian {
			at = size - 1 - k
		}
		b[at] = byte(uint64(v) >> (8 * k))
	}
	return string(b)
}

func FromBinary(s string, signed, bigEndian bool) int64 {
	n := len(s)
	var v int64
	for k := 0; k < n; k++ {
		at := n - 1 - k
		if bigEndian {
			at = k
		}
		v = v<<8 | int64(s[at])
	}
	if signed && n < 8 && v&(1<<(8*n-1)) != 0 {
		v -= 1 << (8 * n)
	}
	return v
}

// Pack gives COMP-3 bytes: two digits a byte, the last nibble the sign (C +, D -, F unsigned).
func Pack(v int64, size int, signed bool) string {
	width := size*2 - 1
	m := v
	if m < 0 {
		m = -m
	}
	text := fmt.Sprintf("%0*d", width, m)
	text = text[len(text)-width:]
	sign := byte(0x0C)
	if !signed {
		sign = 0x0F
	} else if v < 0 {
		sign = 0x0D
	}
	b := make([]byte, size)
	for k := 0; k < size; k++ {
		lo := sign
		if 2*k+1 < width {
			lo = text[2*k+1] - '0'
		}
		b[k] = (text[2*k]-'0')<<4 | lo
	}
	return string(b)
}

func Unpack(s string) int64 {
	var v int64
	neg := false
	for k := 0; k < len(s); k++ {
		v = v*10 + int64(s[k]>>4)
		if k+1 < len(s) {
			v = v*10 + int64(s[k]&0x0F)
		} else {
			neg = s[k]&0x0F == 0x0D
		}
	}
	if neg {
		return -v
	}
	return v
}

// ---- intrinsic functions ----------------------------------------------------------------------

// TextLength is the length of a text value (FUNCTION LENGTH of a computed string).
func TextLength(s string) int64 { return int64(len(s)) }

// Reverse is FUNCTION REVERSE.
func Reverse(s string) string {
	out := []byte(s)
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

// Trim is FUNCTION TRIM [LEADING | TRAILING]: spaces removed at both ends or one.
func Trim(s, mode string) string {
	switch mode {
	case "LEADING":
		return strings.TrimLeft(s, " ")
	case "TRAILING":
		return strings.TrimRight(s, " ")
	}
	return strings.Trim(s, " ")
}

// CharOf is FUNCTION CHAR(n): the character at ordinal n (1-based, so CHAR(66) is "A").
func CharOf(v Dec) string {
	n := v.AtScale(0, false).Int64()
	if n < 1 || n > 256 {
		return " "
	}
	return string([]byte{byte(n - 1)})
}

// Ord is FUNCTION ORD(x): the ordinal (1-based) of the first character.
func Ord(s string) Dec {
	if s == "" {
		return NewDec(1, 0)
	}
	return NewDec(int64(s[0])+1, 0)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Numval is FUNCTION NUMVAL / NUMVAL-C: spaces, one sign (+ - leading or trailing, CR DB
// trailing), digits with one decimal point; NUMVAL-C also skips $ and commas. Else 0.
func Numval(s string, currency bool) Dec {
	t := strings.Trim(s, " ")
	neg, signs := false, 0
	for _, suffix := range []string{"CR", "DB", "-", "+"} {
		if strings.HasSuffix(t, suffix) {
			neg = suffix != "+"
			signs++
			t = strings.TrimRight(t[:len(t)-len(suffix)], " ")
			break
		}
	}
	if t != "" && (t[0] == '-' || t[0] == '+') {
		neg = t[0] == '-'
		signs++
		t = strings.TrimLeft(t[1:], " ")
	}
	if currency {
		t = strings.ReplaceAll(strings.TrimLeft(t, "$"), ",", "")
	}
	in, frac := t, ""
	if k := strings.IndexByte(t, '.'); k >= 0 {
		in, frac = t[:k], t[k+1:]
	}
	if signs > 1 || in+frac == "" || !allDigits(in) || !allDigits(frac) {
		return NewDec(0, 0)
	}
	m, _ := new(big.Int).SetString(in+frac, 10)
	if neg {
		m.Neg(m)
	}
	return Dec{M: m, S: len(frac)}
}

// DecMedian is FUNCTION MEDIAN: the middle value, or the mean of the two middle ones.
func DecMedian(values ...Dec) Dec {
	v := append([]Dec(nil), values...)
	sort.SliceStable(v, func(i, j int) bool { return v[i].Cmp(v[j]) < 0 })
	k := len(v) / 2
	if len(v)%2 == 1 {
		return v[k]
	}
	return v[k-1].Add(v[k]).Div(NewDec(2, 0))
}

// cobolEpoch is the day before day 1 of the COBOL integer dates (1601-01-01).
var cobolEpoch = time.Date(1600, 12, 31, 0, 0, 0, 0, time.UTC)

func intArg(v Dec) int64 { return v.AtScale(0, false).Int64() }

func daysSinceEpoch(t time.Time) Dec {
	return NewDec((t.Unix()-cobolEpoch.Unix())/86400, 0)
}

// IntegerOfDate is FUNCTION INTEGER-OF-DATE(yyyymmdd); 0 for an invalid date.
func IntegerOfDate(v Dec) Dec {
	n := intArg(v)
	y, m, d := int(n/10000), int(n/100%100), int(n%100)
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1601 || y > 9999 || m < 1 || m > 12 || t.Day() != d {
		return NewDec(0, 0)
	}
	return daysSinceEpoch(t)
}

// IntegerOfDay is FUNCTION INTEGER-OF-DAY(yyyyddd); 0 for an invalid day.
func IntegerOfDay(v Dec) Dec {
	n := intArg(v)
	y, d := int(n/1000), int(n%1000)
	t := time.Date(y, 1, d, 0, 0, 0, 0, time.UTC)
	if y < 1601 || y > 9999 || d < 1 || t.Year() != y {
		return NewDec(0, 0)
	}
	return daysSinceEpoch(t)
}

func dateOf(v Dec) (time.Time, bool) {
	n := intArg(v)
	if n < 1 || n > 3067671 {
		return time.Time{}, false
	}
	return cobolEpoch.AddDate(0, 0, int(n)), true
}

// DateOfInteger is FUNCTION DATE-OF-INTEGER(n): yyyymmdd; 0 out of range.
func DateOfInteger(v Dec) Dec {
	t, ok := dateOf(v)
	if !ok {
		return NewDec(0, 0)
	}
	return NewDec(int64(t.Year()*10000+int(t.Month())*100+t.Day()), 0)
}

// DayOfInteger is FUNCTION DAY-OF-INTEGER(n): yyyyddd; 0 out of range.
func DayOfInteger(v Dec) Dec {
	t, ok := dateOf(v)
	if !ok {
		return NewDec(0, 0)
	}
	return NewDec(int64(t.Year()*1000+t.YearDay()), 0)
}

// ---- the clock ---------------------------------------------------------------------------------

// now is the local time; like GnuCOBOL, COB_CURRENT_DATE ("YYYY/MM/DD HH:MM:SS.hh[+hhmm]") pins it.
func now() time.Time {
	pinned, ok := os.LookupEnv("COB_CURRENT_DATE")
	if !ok {
		return time.Now()
	}
	body := strings.TrimSpace(pinned)
	offset := 0
	if n := len(body); n > 5 && (body[n-5] == '+' || body[n-5] == '-') && allDigits(body[n-4:]) {
		hhmm, _ := strconv.Atoi(body[n-4:])
		offset = (hhmm/100*60 + hhmm%100) * 60
		if body[n-5] == '-' {
			offset = -offset
		}
		body = body[:n-5]
	}
	digits := ""
	for i := 0; i < len(body); i++ {
		if body[i] >= '0' && body[i] <= '9' {
			digits += body[i : i+1]
		}
	}
	digits = (digits + "0000000000000000")[:16]
	f := func(at, n int) int { v, _ := strconv.Atoi(digits[at : at+n]); return v }
	zone := time.FixedZone("", offset)
	return time.Date(f(0, 4), time.Month(f(4, 2)), f(6, 2), f(8, 2), f(10, 2), f(12, 2), f(14, 2)*10_000_000, zone)
}

// Clock is ACCEPT … FROM DATE [YYYYMMDD] / DAY [YYYYDDD] / DAY-OF-WEEK / TIME, as COBOL's digits.
func Clock(what string) string {
	t := now()
	switch what {
	case "DATE":
		return fmt.Sprintf("%02d%02d%02d", t.Year()%100, int(t.Month()), t.Day())
	case "DATE-YYYYMMDD":
		return fmt.Sprintf("%04d%02d%02d", t.Year(), int(t.Month()), t.Day())
	case "DAY":
		return fmt.Sprintf("%02d%03d", t.Year()%100, t.YearDay())
	case "DAY-YYYYDDD":
		return fmt.Sprintf("%04d%03d", t.Year(), t.YearDay())
	case "DAY-OF-WEEK":
		return fmt.Sprintf("%d", (int(t.Weekday())+6)%7+1)
	}
	return fmt.Sprintf("%02d%02d%02d%02d", t.Hour(), t.Minute(), t.Second(), t.Nanosecond()/10_000_000)
}

// CurrentDate is FUNCTION CURRENT-DATE: YYYYMMDDHHMMSShh and the UTC offset as +hhmm.
func CurrentDate() string {
	t := now()
	_, off := t.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	hundredths := t.Nanosecond() / 10_000_000
	return fmt.Sprintf("%s%02d%c%02d%02d", t.Format("20060102150405"), hundredths, sign, off/3600, off/60%60)
}

// ---- SIGN LEADING / SEPARATE and JUSTIFIED RIGHT --------------------------------------------

// ZonedSign gives the bytes of a SIGN LEADING and/or SEPARATE item: '+'/'-' apart, or the first
// digit overpunched ('p'..'y' when negative), as GnuCOBOL stores them.
func ZonedSign(m int64, digits int, leading, separate bool) string {
	d := digitsOf(big.NewInt(m), digits)
	sign := "+"
	if m < 0 {
		sign = "-"
	}
	if separate {
		if leading {
			return sign + d
		}
		return d + sign
	}
	if !leading {
		return Zoned(m, digits, true)
	}
	if m >= 0 {
		return d
	}
	return string('p'+(d[0]-'0')) + d[1:]
}

func UnzoneSign(s string, leading, separate bool) int64 {
	if !separate || s == "" {
		return Unzone(s)
	}
	sign, digits := s[len(s)-1], s[:len(s)-1]
	if leading {
		sign, digits = s[0], s[1:]
	}
	v := Unzone(digits)
	if sign == '-' {
		return -v
	}
	return v
}

// NumDisplayTrailing is DISPLAY of a SIGN TRAILING SEPARATE item: the digits, then the sign.
func NumDisplayTrailing(m int64, digits, scale int) string {
	if m < 0 {
		return NumDisplay(m, digits, scale, false) + "-"
	}
	return NumDisplay(m, digits, scale, false) + "+"
}

// FitRight is a move into a JUSTIFIED RIGHT item: cut on the left, spaces on the left.
func FitRight(s string, size int) string {
	if len(s) >= size {
		return s[len(s)-size:]
	}
	return strings.Repeat(" ", size-len(s)) + s
}

// DisplayZoned is DISPLAY of a zoned number from its bytes, as GnuCOBOL shows it: the sign (when
// signed) from the overpunched last byte, the digit bytes as they are (spaces moved over it stay
// spaces), the decimal point.
func DisplayZoned(s string, scale int, signed bool) string {
	out := ""
	if signed && s != "" {
		last := s[len(s)-1]
		neg := last >= 'p' && last <= 'y'
		if neg {
			s = s[:len(s)-1] + string(last-'p'+'0')
			out = "-"
		} else {
			out = "+"
		}
	}
	whole := len(s) - scale
	out += s[:whole]
	if scale > 0 {
		out += "." + s[whole:]
	}
	return out
}
