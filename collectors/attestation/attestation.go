// Package attestation collects attestations: small signed-off YAML files that
// vouch for an organizational claim and pin the document they rest on by its
// SHA-256. The collector records facts only (dates, signer, whether the
// document is there and matches); the engine derives the verdict.
package attestation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/collectors"
	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/diag"
)

// Kind is the record kind this collector emits.
const Kind = "attestation"

// version is bumped when the data shape of the records changes.
const version = 1

// targetKeys are the keys of a target under `targets.attestations`.
var targetKeys = []string{"path", "name", "groups"}

// Collector reads folders of attestation files.
type Collector struct {
	// Now is the clock that stamps records; tests replace it.
	Now func() time.Time
}

// New returns an attestation collector that uses the wall clock.
func New() *Collector {
	return &Collector{Now: time.Now}
}

// Name returns "attestations", the key under `targets:` in tomcheck.yaml.
func (c *Collector) Name() string { return "attestations" }

// Version returns the version of the record shape.
func (c *Collector) Version() int { return version }

// Kinds returns the one kind this collector emits.
func (c *Collector) Kinds() []string { return []string{Kind} }

// spec is a decoded target.
type spec struct {
	path string // as written
	dir  string // resolved from the project file's directory
}

// Validate decodes the target spec and reports unknown keys, a missing path
// and a path that is not a folder.
func (c *Collector) Validate(t collectors.Target) diag.Diagnostics {
	_, ds := decodeTarget(t)
	return ds
}

func decodeTarget(t collectors.Target) (spec, diag.Diagnostics) {
	var ds diag.Diagnostics
	var s spec
	n := t.Node
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if n == nil || n.Kind != yaml.MappingNode {
		ds.Errorf(t.Pos(), "Write the target as a mapping, e.g.\n  attestations:\n    - path: attestations/",
			"an attestations target must be a mapping with path (and optionally name and groups)")
		return s, ds
	}
	pos := func(n *yaml.Node) diag.Pos { return diag.Pos{File: t.File, Line: n.Line, Column: n.Column} }
	var pathNode *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "path":
			pathNode = v
		case "name", "groups":
			// Read by the project loader; the collector only accepts them.
		default:
			detail := "An attestations target takes path (a folder of attestation files, relative to the project file), name and groups."
			if s := diag.DidYouMean(k.Value, targetKeys); s != "" {
				detail = strings.ToUpper(s[:1]) + s[1:] + " " + detail
			}
			ds.Errorf(pos(k), detail, "unknown key %q in attestations target", k.Value)
		}
	}
	if pathNode == nil {
		ds.Errorf(t.Pos(), "Add path: with the folder that holds the attestation files, relative to the project file, e.g. path: attestations/",
			"attestations target has no path")
		return s, ds
	}
	if pathNode.Kind != yaml.ScalarNode || pathNode.Tag == "!!null" || strings.TrimSpace(pathNode.Value) == "" {
		ds.Errorf(pos(pathNode), "Give the folder of attestation files as a string, e.g. path: attestations/",
			"path must be a folder name")
		return s, ds
	}
	s.path = pathNode.Value
	s.dir = filepath.Clean(filepath.FromSlash(s.path))
	if !filepath.IsAbs(s.dir) {
		s.dir = filepath.Join(t.Dir, s.dir)
	}
	st, err := os.Stat(s.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		ds.Errorf(pos(pathNode), fmt.Sprintf("The path is resolved from the project file's directory (%s): create the folder or correct the path.", dirName(t.Dir)),
			"attestations folder %s does not exist", s.path)
	case err != nil:
		ds.Errorf(pos(pathNode), "Make the folder readable by the user running tomcheck.",
			"attestations folder %s cannot be read: %v", s.path, err)
	case !st.IsDir():
		ds.Errorf(pos(pathNode), "path names a folder whose *.yaml and *.yml files (searched recursively) are the attestations; point it at that folder, not at a single file.",
			"attestations path %s is not a folder", s.path)
	}
	return s, ds
}

func dirName(d string) string {
	if d == "" {
		return "."
	}
	return d
}

// Collect reads every *.yaml and *.yml file under the target's folder, in
// lexical order, and records one attestation per well-formed file. A
// malformed file, or a document that cannot be read, is a gap; the
// collector goes on with the next file.
func (c *Collector) Collect(ctx context.Context, t collectors.Target, out collectors.Sink) error {
	s, ds := decodeTarget(t)
	if err := ds.Err(); err != nil {
		return fmt.Errorf("decode attestations target %s: %w", t.Name, err)
	}
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	return filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("collect attestations %s: %w", t.Name, ctxErr)
		}
		if err != nil {
			if p == s.dir {
				return fmt.Errorf("read attestations folder %s: %w", s.path, err)
			}
			rel := relSlash(t.Dir, p)
			out.Gap(evidence.Gap{Collector: c.Name(), Target: t.ID(), Kind: Kind, Subject: "attestation:?/" + relSlash(s.dir, p),
				Reason: fmt.Sprintf("%s: cannot be read (%v); make it readable by the user running tomcheck", rel, err), File: rel})
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !isYAML(d.Name()) {
			return nil
		}
		return c.collectFile(t, s, p, now().UTC(), out)
	})
}

func isYAML(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// maxFileSize bounds an attestation file; real ones are a dozen lines.
const maxFileSize = 1 << 20

// collectFile reads one attestation file and hands on its record or its gaps.
func (c *Collector) collectFile(t collectors.Target, s spec, p string, now time.Time, out collectors.Sink) error {
	file := relSlash(t.Dir, p)     // project-relative: where users find it
	inFolder := relSlash(s.dir, p) // folder-relative: part of the subject
	gap := func(claim string, line, col int, msg string) {
		if claim == "" {
			claim = "?"
		}
		pos := diag.Pos{File: file, Line: line, Column: col}
		out.Gap(evidence.Gap{Collector: c.Name(), Target: t.ID(), Kind: Kind, Subject: "attestation:" + claim + "/" + inFolder,
			Reason: pos.String() + ": " + msg, File: file, Line: line, Column: col})
	}

	src, err := readLimited(p, maxFileSize)
	if err != nil {
		gap("", 0, 0, fmt.Sprintf("cannot be read (%v); make it readable by the user running tomcheck", err))
		return nil
	}
	a, problems := parse(src)
	if len(problems) > 0 {
		for _, pr := range problems {
			gap(a.Claim, pr.Line, pr.Column, pr.Message)
		}
		return nil
	}

	docPath := filepath.FromSlash(a.Document)
	if !filepath.IsAbs(docPath) {
		docPath = filepath.Join(filepath.Dir(p), docPath)
	}
	found, actual, err := hashFile(docPath)
	if err != nil {
		gap(a.Claim, a.DocumentPos.Line, a.DocumentPos.Column, fmt.Sprintf("document %s cannot be read (%v); point document at a readable file, relative to this attestation", a.Document, err))
		return nil
	}
	rec := evidence.Record{
		Kind:    Kind,
		Subject: "attestation:" + a.Claim + "/" + inFolder,
		Origin:  evidence.OriginLive,
		Source: evidence.Source{Collector: c.Name(), CollectorVersion: version, Target: t.Name,
			File: file, Line: 1},
		CollectedAt: now,
		Data: map[string]any{
			"claim":           a.Claim,
			"statement":       a.Statement,
			"document":        a.Document,
			"document_found":  found,
			"sha256_expected": a.SHA256,
			"sha256_actual":   actual,
			"hash_matches":    found && actual == a.SHA256,
			"date":            a.Date,
			"valid_for":       a.ValidFor,
			"expires":         a.Expires,
			"signed_off_by":   a.SignedOffBy,
			"file":            file,
		},
	}
	if err := rec.Seal(); err != nil {
		return fmt.Errorf("seal attestation %s: %w", file, err)
	}
	if err := out.Record(rec); err != nil {
		return fmt.Errorf("record attestation %s: %w", file, err)
	}
	return nil
}

// readLimited reads a file of at most limit bytes.
func readLimited(p string, limit int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("larger than %d bytes; an attestation is a few lines of YAML", limit)
	}
	return b, nil
}

// hashFile returns whether the document exists and its hex SHA-256. A
// missing document is a fact (found = false), not an error; a document that
// exists but cannot be read is an error.
func hashFile(p string) (found bool, sum string, err error) {
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, "", nil
	}
	if err != nil {
		return false, "", err
	}
	defer func() { _ = f.Close() }()
	st, err := f.Stat()
	if err != nil {
		return false, "", err
	}
	if st.IsDir() {
		return false, "", errors.New("it is a folder, not a file")
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false, "", err
	}
	return true, hex.EncodeToString(h.Sum(nil)), nil
}

// relSlash returns p relative to base with forward slashes, or p itself
// when it has no relative form.
func relSlash(base, p string) string {
	if base == "" {
		base = "."
	}
	rel, err := filepath.Rel(base, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}
