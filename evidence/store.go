package evidence

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	fastjson "github.com/goccy/go-json"
)

// Files of a run directory.
const (
	RunFile      = "run.json"
	EvidenceFile = "evidence.jsonl"
	GapsFile     = "gaps.jsonl"
	// RunSchemaVersion is the version of run.json's shape.
	RunSchemaVersion = 1
)

// RunInfo is run.json: what was collected, when, from which inputs, and how
// each collector fared. It is written last, by rename: a directory without it
// is half-written.
type RunInfo struct {
	SchemaVersion int            `json:"schema_version"`
	RunID         string         `json:"run_id"`
	ToolVersion   string         `json:"tool_version"`
	Project       string         `json:"project,omitempty"`
	StartedAt     time.Time      `json:"started_at"`
	EndedAt       time.Time      `json:"ended_at"`
	Digests       RunDigests     `json:"digests"`
	ClaimsFile    string         `json:"claims_file,omitempty"` // copy of the claims file in the run directory
	ConfigFile    string         `json:"config_file,omitempty"` // copy of the project file in the run directory
	Evidence      FileSummary    `json:"evidence"`
	Gaps          FileSummary    `json:"gaps"`
	Collectors    []CollectorRun `json:"collectors"`
	Targets       []TargetGroups `json:"targets,omitempty"`
}

// RunDigests are the SHA-256 digests of the run's inputs.
type RunDigests struct {
	Config   string `json:"config,omitempty"`
	Claims   string `json:"claims,omitempty"`
	Policies string `json:"policies,omitempty"`
}

// FileSummary is a line count and SHA-256 of one JSONL file of the run.
type FileSummary struct {
	File   string `json:"file"`
	Count  int    `json:"count"`
	SHA256 string `json:"sha256"`
}

// Collector outcomes.
const (
	OutcomeOK            = "ok"
	OutcomePartial       = "partial"
	OutcomeFailed        = "failed"
	OutcomeNotApplicable = "not applicable"
)

// CollectorRun is one target's collection in the run.
type CollectorRun struct {
	Collector        string   `json:"collector"`
	CollectorVersion int      `json:"collector_version"`
	Target           string   `json:"target"`
	Groups           []string `json:"groups,omitempty"`
	Outcome          string   `json:"outcome"`
	DurationMS       int64    `json:"duration_ms"`
	Records          int      `json:"records"`
	Gaps             int      `json:"gaps"`
	Error            string   `json:"error,omitempty"`
}

// TargetGroups records the groups each target belonged to, so a run
// directory can be scoped without its project file.
type TargetGroups struct {
	ID     string   `json:"id"`
	Groups []string `json:"groups"`
}

// ErrHalfWritten marks a run directory that was not finished or was altered.
var ErrHalfWritten = errors.New("half-written run directory")

// Writer streams records and gaps into a new run directory. It is safe for
// concurrent use.
type Writer struct {
	dir string

	mu       sync.Mutex
	ev, gp   *os.File
	evBuf    *bufio.Writer
	gpBuf    *bufio.Writer
	evHash   hash.Hash
	gpHash   hash.Hash
	evCount  int
	gpCount  int
	closed   bool
	writeErr error
}

// Create makes dir (which must not exist or be empty) and opens its evidence
// and gaps files for streaming.
func Create(dir string) (*Writer, error) {
	dir = filepath.Clean(dir)
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("create run directory %s: it is not empty; choose a new directory", dir)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create run directory: %w", err)
	}
	ev, err := os.OpenFile(filepath.Join(dir, EvidenceFile), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create run directory: %w", err)
	}
	gp, err := os.OpenFile(filepath.Join(dir, GapsFile), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		_ = ev.Close()
		return nil, fmt.Errorf("create run directory: %w", err)
	}
	w := &Writer{dir: dir, ev: ev, gp: gp, evHash: sha256.New(), gpHash: sha256.New()}
	w.evBuf = bufio.NewWriterSize(io.MultiWriter(ev, w.evHash), 1<<16)
	w.gpBuf = bufio.NewWriterSize(io.MultiWriter(gp, w.gpHash), 1<<12)
	return w, nil
}

// Dir returns the run directory.
func (w *Writer) Dir() string { return w.dir }

// Record appends one record to evidence.jsonl.
func (w *Writer) Record(r Record) error {
	line, err := json.Marshal(&r)
	if err != nil {
		return fmt.Errorf("write record %s: %w", r.Subject, err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return fmt.Errorf("write record %s: run directory is closed", r.Subject)
	}
	if _, err := w.evBuf.Write(append(line, '\n')); err != nil {
		w.writeErr = err
		return fmt.Errorf("write record %s: %w", r.Subject, err)
	}
	w.evCount++
	return nil
}

// Gap appends one gap to gaps.jsonl.
func (w *Writer) Gap(g Gap) {
	line, err := json.Marshal(&g)
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil || w.closed {
		return
	}
	if _, err := w.gpBuf.Write(append(line, '\n')); err != nil {
		w.writeErr = err
		return
	}
	w.gpCount++
}

// WriteFile stores a copy of an input file (claims, project file) in the run directory.
func (w *Writer) WriteFile(name string, data []byte) error {
	if name != filepath.Base(name) || name == RunFile || name == EvidenceFile || name == GapsFile {
		return fmt.Errorf("write %s: not a valid file name for the run directory", name)
	}
	if err := os.WriteFile(filepath.Join(w.dir, name), data, 0o600); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// Close flushes the evidence and gaps, fills in their counts and digests, and
// writes run.json by rename, which completes the directory.
func (w *Writer) Close(info RunInfo) (RunInfo, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return info, errors.New("close run directory: already closed")
	}
	w.closed = true
	err := errors.Join(w.writeErr, w.evBuf.Flush(), w.gpBuf.Flush(), w.ev.Sync(), w.ev.Close(), w.gp.Close())
	if err != nil {
		return info, fmt.Errorf("close run directory: %w", err)
	}
	info.SchemaVersion = RunSchemaVersion
	info.Evidence = FileSummary{File: EvidenceFile, Count: w.evCount, SHA256: hex.EncodeToString(w.evHash.Sum(nil))}
	info.Gaps = FileSummary{File: GapsFile, Count: w.gpCount, SHA256: hex.EncodeToString(w.gpHash.Sum(nil))}
	raw, err := json.MarshalIndent(&info, "", "  ")
	if err != nil {
		return info, fmt.Errorf("close run directory: %w", err)
	}
	tmp := filepath.Join(w.dir, RunFile+".tmp")
	if err := os.WriteFile(tmp, append(raw, '\n'), 0o600); err != nil {
		return info, fmt.Errorf("close run directory: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(w.dir, RunFile)); err != nil {
		return info, fmt.Errorf("close run directory: %w", err)
	}
	return info, nil
}

// Run is a complete run directory opened for reading.
type Run struct {
	Dir  string
	Info RunInfo
}

// Open reads run.json of dir. A directory without run.json is half-written.
func Open(dir string) (*Run, error) {
	dir = filepath.Clean(dir)
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("open run directory: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("open run directory: %s is not a directory", dir)
	}
	raw, err := os.ReadFile(filepath.Join(dir, RunFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w %s: run.json is missing, so collection did not finish; collect again with 'tomcheck collect -o DIR'", ErrHalfWritten, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("open run directory: %w", err)
	}
	var info RunInfo
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&info); err != nil {
		return nil, fmt.Errorf("%w %s: run.json is not valid: %v", ErrHalfWritten, dir, err)
	}
	if info.SchemaVersion != RunSchemaVersion {
		return nil, fmt.Errorf("open run directory %s: run.json has schema_version %d, this tomcheck reads %d", dir, info.SchemaVersion, RunSchemaVersion)
	}
	return &Run{Dir: dir, Info: info}, nil
}

// ReadRecords streams evidence.jsonl to fn and then checks its line count and
// SHA-256 against run.json; a mismatch is ErrHalfWritten.
func (r *Run) ReadRecords(fn func(Record) error) error {
	return readJSONL(r.Dir, r.Info.Evidence, func(line []byte) error {
		var rec Record
		if err := json.Unmarshal(line, &rec); err != nil {
			return err
		}
		return fn(rec)
	})
}

// ReadAll returns every record of evidence.jsonl, decoded in parallel by
// up to workers goroutines, after checking the file's line count and SHA-256
// against run.json (a mismatch is ErrHalfWritten). Records come back in file order.
func (r *Run) ReadAll(workers int) ([]Record, error) {
	return r.readAll(workers, func(line []byte, rec *Record, _ *interner) error {
		return fastjson.Unmarshal(line, rec)
	})
}

// rawRecord is a record whose data stays JSON text.
type rawRecord struct {
	Record
	Data json.RawMessage `json:"data"`
}

// ReadAllRaw is ReadAll leaving each record's data undecoded in RawData (Data
// is nil): the engine turns the text straight into the form its policies
// read, which takes a fraction of the time and memory of Go maps. Strings and
// label sets that recur from record to record (kind, origin, collector,
// target, file, labels) are kept once.
func (r *Run) ReadAllRaw(workers int) ([]Record, error) {
	return r.readAll(workers, func(line []byte, rec *Record, in *interner) error {
		var raw rawRecord
		if err := fastjson.Unmarshal(line, &raw); err != nil {
			return err
		}
		if len(raw.Data) == 0 || raw.Data[0] != '{' {
			return errors.New("the record has no data object")
		}
		*rec = raw.Record
		rec.RawData = raw.Data
		rec.Kind, rec.Origin = in.str(rec.Kind), in.str(rec.Origin)
		rec.Source.Collector, rec.Source.Target, rec.Source.File = in.str(rec.Source.Collector), in.str(rec.Source.Target), in.str(rec.Source.File)
		rec.Labels = in.labels(rec.Labels)
		// the decoder's strings point into its copy of the line: the
		// strings a record keeps are copied, so that the line (its data
		// included) is freed once the data is decoded (70 MB per 100,000
		// records)
		rec.Subject, rec.Digest, rec.ResourceID = strings.Clone(rec.Subject), strings.Clone(rec.Digest), strings.Clone(rec.ResourceID)
		src := &rec.Source
		src.Account, src.Region, src.Call = in.str(src.Account), in.str(src.Region), in.str(src.Call)
		src.RequestID, src.Object, src.Probe = strings.Clone(src.RequestID), strings.Clone(src.Object), strings.Clone(src.Probe)
		return nil
	})
}

// interner keeps one copy of equal strings and label sets; one per reading goroutine.
type interner struct {
	strs map[string]string
	sets map[string]map[string]string
	key  []byte
}

func newInterner() *interner {
	return &interner{strs: map[string]string{}, sets: map[string]map[string]string{}}
}

func (in *interner) str(s string) string {
	if v, ok := in.strs[s]; ok {
		return v
	}
	in.strs[s] = s
	return s
}

// labels returns the interner's copy of an equal label set. Records never
// modify their labels, so records may share them.
func (in *interner) labels(l map[string]string) map[string]string {
	if len(l) == 0 {
		return l
	}
	keys := make([]string, 0, len(l))
	for k := range l {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	in.key = in.key[:0]
	for _, k := range keys {
		in.key = append(append(append(append(in.key, k...), 0), l[k]...), 0)
	}
	if v, ok := in.sets[string(in.key)]; ok {
		return v
	}
	in.sets[string(in.key)] = l
	return l
}

func (r *Run) readAll(workers int, decode func(line []byte, rec *Record, in *interner) error) ([]Record, error) {
	if workers < 1 {
		workers = 1
	}
	type chunk struct {
		idx   int
		lines [][]byte
		first int // line number of lines[0]
	}
	const chunkLines = 512
	chunks := make(chan chunk, workers*2)
	var (
		mu      sync.Mutex
		results = map[int][]Record{}
		decErr  error
		wg      sync.WaitGroup
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := newInterner()
			for c := range chunks {
				out := make([]Record, len(c.lines))
				var err error
				for i, line := range c.lines {
					if err = decode(line, &out[i], in); err != nil {
						err = fmt.Errorf("read %s line %d: %w", filepath.Join(r.Dir, EvidenceFile), c.first+i, err)
						break
					}
				}
				mu.Lock()
				if err != nil && decErr == nil {
					decErr = err
				}
				results[c.idx] = out
				mu.Unlock()
			}
		}()
	}
	cur := chunk{first: 1}
	n := 0
	err := readJSONL(r.Dir, r.Info.Evidence, func(line []byte) error {
		cur.lines = append(cur.lines, line)
		if len(cur.lines) == chunkLines {
			chunks <- cur
			n++
			cur = chunk{idx: n, first: n*chunkLines + 1}
		}
		return nil
	})
	if len(cur.lines) > 0 {
		chunks <- cur
		n++
	}
	close(chunks)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if decErr != nil {
		return nil, decErr
	}
	recs := make([]Record, 0, r.Info.Evidence.Count)
	for i := 0; i < n; i++ {
		recs = append(recs, results[i]...)
	}
	return recs, nil
}

// ReadGaps returns the gaps of the run, checked against run.json.
func (r *Run) ReadGaps() ([]Gap, error) {
	var gaps []Gap
	err := readJSONL(r.Dir, r.Info.Gaps, func(line []byte) error {
		var g Gap
		if err := json.Unmarshal(line, &g); err != nil {
			return err
		}
		gaps = append(gaps, g)
		return nil
	})
	return gaps, err
}

func readJSONL(dir string, want FileSummary, fn func([]byte) error) error {
	name := want.File
	if name == "" || name != filepath.Base(name) {
		return fmt.Errorf("%w %s: run.json names no valid file", ErrHalfWritten, dir)
	}
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return fmt.Errorf("%w %s: %v", ErrHalfWritten, dir, err)
	}
	defer func() { _ = f.Close() }()
	h := sha256.New()
	br := bufio.NewReaderSize(io.TeeReader(f, h), 1<<16)
	count := 0
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			if line[len(line)-1] != '\n' {
				return fmt.Errorf("%w %s: %s ends in a partial line (line %d)", ErrHalfWritten, dir, name, count+1)
			}
			count++
			if err := fn(line[: len(line)-1 : len(line)-1]); err != nil {
				return fmt.Errorf("read %s line %d: %w", filepath.Join(dir, name), count, err)
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if count != want.Count || sum != want.SHA256 {
		return fmt.Errorf("%w %s: %s has %d lines with sha256 %s, run.json says %d lines with sha256 %s; the file was truncated or altered — collect again",
			ErrHalfWritten, dir, name, count, sum, want.Count, want.SHA256)
	}
	return nil
}
