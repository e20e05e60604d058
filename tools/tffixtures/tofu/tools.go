//go:build tools

// Package tofubuild pins OpenTofu so that generate.sh can build the tofu
// binary from the Go module proxy. It is its own module so the main
// tomcheck go.mod never depends on OpenTofu.
package tofubuild

import _ "github.com/opentofu/opentofu/cmd/tofu"
