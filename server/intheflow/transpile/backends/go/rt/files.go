// Sequential and line-sequential files and SORT/MERGE work files, byte for byte as GnuCOBOL 3.1.2
// writes and reads them. Records are strings of bytes.
//
// Every operation sets the FILE STATUS (Status()); an error status on a file without a FILE
// STATUS item ends the run with exit code 1, as libcob does (an unhandled end of file included).
// Files still open at STOP RUN are closed (closeAll), which writes a pending line end.

package rt

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
)

// File is a SELECTed file: sequential (fixed records) or line sequential.
type File struct {
	name, assign   string
	lineSeq        bool
	size           int
	optional       bool
	hasStatus      bool
	mode           string // "" when closed
	f              *os.File
	in             *bufio.Reader
	out            *bufio.Writer // flushed by CLOSE, STOP RUN and a run-ending error
	atEOF, needsNl bool
	canRewrite     bool
	status, record string
}

var allFiles []*File

// NewFile describes a file; it is opened by Open.
func NewFile(name, assign string, lineSeq bool, size int, optional, hasStatus bool) *File {
	f := &File{name: name, assign: assign, lineSeq: lineSeq, size: size, optional: optional,
		hasStatus: hasStatus, status: "00", record: strings.Repeat(" ", size)}
	allFiles = append(allFiles, f)
	return f
}

// ResolveAssign is the file name libcob uses for ASSIGN name: $DD_name, $dd_name, $name, else name.
func ResolveAssign(name string) string {
	if strings.ContainsAny(name, "/=\x00") {
		return name
	}
	for _, key := range []string{"DD_" + name, "dd_" + name, name} {
		if v := os.Getenv(key); v != "" {
			return v
		}
	}
	return name
}

func openError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "35"
	case errors.Is(err, fs.ErrPermission):
		return "37"
	}
	return "30"
}

func (f *File) doOpen(mode string) string {
	if f.mode != "" {
		return "41"
	}
	if f.assign == "" {
		return "31" // ASSIGN TO an item holding spaces
	}
	path := ResolveAssign(f.assign)
	_, statErr := os.Stat(path)
	exists := statErr == nil
	result := "00"
	if !exists && mode != "OUTPUT" {
		if !f.optional {
			return "35"
		}
		result = "05"
	}
	var err error
	switch mode {
	case "INPUT":
		if exists {
			f.f, err = os.Open(path)
		}
	case "OUTPUT":
		f.f, err = os.Create(path)
	case "EXTEND":
		f.f, err = os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	default:
		f.f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	}
	if err != nil {
		return openError(err)
	}
	if f.f != nil && (mode == "INPUT" || mode == "I-O") {
		f.in = bufio.NewReaderSize(f.f, 1<<16)
	}
	if mode == "OUTPUT" || mode == "EXTEND" {
		f.out = bufio.NewWriterSize(f.f, 1<<16)
	}
	f.mode, f.atEOF, f.needsNl, f.canRewrite = mode, false, false, false
	return result
}

func (f *File) doClose() string {
	if f.mode == "" {
		return "42"
	}
	if f.out != nil {
		if f.needsNl {
			f.out.WriteString("\n")
		}
		f.out.Flush()
	}
	if f.f != nil {
		f.f.Close()
	}
	f.f, f.in, f.out, f.mode, f.needsNl = nil, nil, nil, "", false
	return "00"
}

func (f *File) doRead(current string) string {
	if f.mode != "INPUT" && f.mode != "I-O" {
		return "47"
	}
	if f.atEOF {
		return "46"
	}
	f.canRewrite = false
	if f.in == nil {
		f.atEOF = true // OPTIONAL file that does not exist: empty
		return "10"
	}
	if f.lineSeq {
		// Up to the line end; CRs dropped, the rest of a long line skipped, short lines padded.
		line, err := f.in.ReadString('\n')
		if line == "" && err != nil {
			f.atEOF = true
			return "10"
		}
		line = strings.ReplaceAll(strings.TrimSuffix(line, "\n"), "\r", "")
		if len(line) > f.size {
			line = line[:f.size]
		}
		f.record = line + strings.Repeat(" ", f.size-len(line))
		return "00"
	}
	buf := make([]byte, f.size)
	got, _ := io.ReadFull(f.in, buf)
	if got == 0 {
		f.atEOF = true
		return "10"
	}
	// A short last record overlays the start of the record area (status 04).
	rest := (current + strings.Repeat(" ", f.size))[got:f.size]
	f.record = string(buf[:got]) + rest
	f.canRewrite = true
	if got < f.size {
		return "04"
	}
	return "00"
}

func (f *File) advance(lines int64) {
	switch {
	case lines < 0:
		f.out.WriteString("\f")
	case lines == 0:
		f.out.WriteString("\r")
	default:
		f.out.WriteString(strings.Repeat("\n", int(lines)))
	}
}

func (f *File) doWrite(rec, advancing string, lines int64) string {
	if f.mode != "OUTPUT" && f.mode != "EXTEND" {
		return "48"
	}
	if !f.lineSeq {
		f.out.WriteString(rec)
		return "00"
	}
	if advancing == "AFTER" {
		f.advance(lines)
		f.needsNl = true
	}
	f.out.WriteString(strings.TrimRight(rec, " "))
	if advancing == "BEFORE" {
		f.advance(lines)
		f.needsNl = false
	} else if advancing == "" {
		f.out.WriteString("\n")
		f.needsNl = false
	}
	return "00"
}

func (f *File) doRewrite(rec string) string {
	if f.mode != "I-O" {
		return "49"
	}
	if !f.canRewrite {
		return "43"
	}
	f.canRewrite = false
	// The reader has read ahead: the record starts at the file offset minus what is buffered.
	pos, err := f.f.Seek(0, io.SeekCurrent)
	if err != nil {
		return "30"
	}
	at := pos - int64(f.in.Buffered()) - int64(len(rec))
	if _, err := f.f.WriteAt([]byte(rec), at); err != nil {
		return "30"
	}
	return "00"
}

// finish records the status; without a FILE STATUS item an error ends the run as libcob does.
func (f *File) finish(status string, atEndHandled bool) {
	f.status = status
	if status[0] == '0' || f.hasStatus || (status == "10" && atEndHandled) {
		return
	}
	out.Flush()
	fmt.Fprintf(os.Stderr, "libcob: error: %s (status = %s) for file %s\n", describe(status), status, f.name)
	closeAll()
	os.Exit(1)
}

func describe(status string) string {
	return map[string]string{
		"10": "end of file", "31": "file name is empty", "35": "file does not exist", "37": "permission denied",
		"41": "file already open", "42": "file not open", "43": "REWRITE without a preceding READ",
		"46": "READ after the end of file", "47": "READ not allowed, file not open for input",
		"48": "WRITE not allowed, file not open for output",
		"49": "REWRITE not allowed, file not open for I-O",
	}[status]
}

// Open is OPEN INPUT / OUTPUT / I-O / EXTEND.
func (f *File) Open(mode string) { f.finish(f.doOpen(mode), false) }

// Close is CLOSE.
func (f *File) Close() { f.finish(f.doClose(), false) }

// OpenOnly is OPEN of a file that is not the last of its statement: libcob checks only the last.
func (f *File) OpenOnly(mode string) { f.status = f.doOpen(mode) }

// CloseOnly is CLOSE of a file that is not the last of its statement (see OpenOnly).
func (f *File) CloseOnly() { f.status = f.doClose() }

// Read is READ: true when a record was read (then LastRecord() holds it, padded to the record
// size). current is the record area, kept past a short last record of a sequential file.
func (f *File) Read(atEndHandled bool, current string) bool {
	status := f.doRead(current)
	f.finish(status, atEndHandled)
	return status[0] == '0'
}

// Write is WRITE [BEFORE|AFTER ADVANCING lines]; lines -1 is PAGE.
func (f *File) Write(rec, advancing string, lines int64) {
	f.finish(f.doWrite(rec, advancing, lines), false)
}

// Rewrite is REWRITE of the record last read.
func (f *File) Rewrite(rec string) { f.finish(f.doRewrite(rec), false) }

func (f *File) LastRecord() string { return f.record }

// SetName is ASSIGN TO a data item: its value (trailing spaces dropped) names the file at OPEN.
func (f *File) SetName(name string) { f.assign = strings.TrimRight(name, " ") }

func (f *File) Status() string { return f.status }

func (f *File) AtEnd() bool { return f.status == "10" }

// closeAll closes every file still open (STOP RUN, or an I/O error ending the run).
func closeAll() {
	for _, f := range allFiles {
		if f.mode != "" {
			f.doClose()
		}
	}
}

// SortKey is one key of a work file: where it is in the record, and how it orders.
type SortKey struct {
	Offset, Size       int
	Numeric, Ascending bool
}

// SortFile is a SORT/MERGE work file (SD): records in memory, ordered by keys with a stable
// sort by the statement's keys, or merged run by run; RETURN hands them out in order.
type SortFile struct {
	size    int
	records []string
	runs    []int
	next    int
	record  string
}

// NewSortFile is a work file with records of size bytes.
func NewSortFile(size int) *SortFile {
	return &SortFile{size: size, record: strings.Repeat(" ", size)}
}

func (s *SortFile) Start() { s.records, s.runs, s.next = nil, nil, 0 }

// Release is RELEASE: one record, cut or padded to the work file's record size.
func (s *SortFile) Release(rec string) { s.records = append(s.records, Fit(rec, s.size)) }

// Take is USING: every record of the file, which is opened and closed here.
func (s *SortFile) Take(f *File) {
	s.runs = append(s.runs, len(s.records))
	f.Open("INPUT")
	for f.Read(true, "") {
		s.Release(f.LastRecord())
	}
	f.Close()
}

// Give is GIVING: the records in order into the file, opened and closed here.
func (s *SortFile) Give(f *File) {
	f.Open("OUTPUT")
	for _, rec := range s.records {
		f.Write(Fit(rec, f.size), "", 0)
	}
	f.Close()
}

// keyNumbers holds the value of each numeric key of a record, extracted once.
func keyNumbers(keys []SortKey, rec string) []int64 {
	nums := make([]int64, len(keys))
	for i, k := range keys {
		if k.Numeric {
			nums[i] = Unzone(rec[k.Offset : k.Offset+k.Size])
		}
	}
	return nums
}

func compareKeys(keys []SortKey, a, b string, na, nb []int64) int {
	for i, k := range keys {
		order := 0
		switch {
		case !k.Numeric:
			order = strings.Compare(a[k.Offset:k.Offset+k.Size], b[k.Offset:k.Offset+k.Size])
		case na[i] < nb[i]:
			order = -1
		case na[i] > nb[i]:
			order = 1
		}
		if !k.Ascending {
			order = -order
		}
		if order != 0 {
			return order
		}
	}
	return 0
}

func (s *SortFile) numbers(keys []SortKey) [][]int64 {
	nums := make([][]int64, len(s.records))
	for i, rec := range s.records {
		nums[i] = keyNumbers(keys, rec)
	}
	return nums
}

// Sort is SORT: stable, so records with equal keys keep their release order (as cobc).
func (s *SortFile) Sort(keys []SortKey) {
	nums := s.numbers(keys)
	order := make([]int, len(s.records))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		return compareKeys(keys, s.records[a], s.records[b], nums[a], nums[b]) < 0
	})
	sorted := make([]string, len(s.records))
	for i, k := range order {
		sorted[i] = s.records[k]
	}
	s.records, s.next = sorted, 0
}

// Merge is MERGE: repeatedly the smallest head of the runs; equal keys go to the earlier file.
func (s *SortFile) Merge(keys []SortKey) {
	nums := s.numbers(keys)
	bounds := append(append([]int{}, s.runs...), len(s.records))
	heads := append([]int{}, s.runs...)
	merged := make([]string, 0, len(s.records))
	for {
		best := -1
		for run := range heads {
			if heads[run] >= bounds[run+1] {
				continue
			}
			a, b := heads[run], 0
			if best >= 0 {
				b = heads[best]
			}
			if best < 0 || compareKeys(keys, s.records[a], s.records[b], nums[a], nums[b]) < 0 {
				best = run
			}
		}
		if best < 0 {
			break
		}
		merged = append(merged, s.records[heads[best]])
		heads[best]++
	}
	s.records, s.next = merged, 0
}

// NextRecord is RETURN: the next record in order, false at the end.
func (s *SortFile) NextRecord() bool {
	if s.next >= len(s.records) {
		return false
	}
	s.record = s.records[s.next]
	s.next++
	return true
}

func (s *SortFile) LastRecord() string { return s.record }
