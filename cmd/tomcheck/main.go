// Command tomcheck proves or refutes the claims of a TOM document against infrastructure evidence.
package main

import (
	"os"

	"github.com/tomcheck/tomcheck/internal/cli"
)

func main() { os.Exit(cli.Main()) }
