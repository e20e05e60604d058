package report

import _ "embed" // for the verdict JSON schema

//go:embed schema.json
var schema []byte

// Schema returns the JSON Schema (draft 2020-12) of the json format, which is
// also the schema of verdicts.json in a run directory.
func Schema() []byte {
	return append([]byte(nil), schema...)
}
