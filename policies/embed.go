// Package policies embeds tomcheck's built-in Rego check library.
package policies

import "embed"

// FS holds every built-in policy file, tests included, so that
// `tomcheck policies test` can run the library's own Rego tests: the shared
// helpers under lib/ and one folder <id prefix>/<id rest>/ per check.
//
//go:embed lib/*.rego */*/*.rego
var FS embed.FS
