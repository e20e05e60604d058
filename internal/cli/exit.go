package cli

import (
	"errors"
	"fmt"
)

// Exit codes, documented in `tomcheck --help` and DESIGN.md. When several
// apply, 2 beats 3 beats 1 beats 0.
const (
	ExitOK      = 0 // nothing matched --fail-on
	ExitFailOn  = 1 // a claim matched --fail-on (or a test/verify discrepancy)
	ExitInput   = 2 // usage or input error
	ExitNoJudge = 3 // the run could not judge
)

// exitError carries an exit code with the error that caused it.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// inputErr marks err as a usage or input error (exit 2).
func inputErr(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: ExitInput, err: err}
}

func inputErrf(format string, args ...any) error {
	return inputErr(fmt.Errorf(format, args...))
}

// silentExit ends the command with code and no further message: the
// command already printed its results.
type silentExit struct{ code int }

func (e silentExit) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exitCode maps an error returned by a command to the process exit code.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var s silentExit
	if errors.As(err, &s) {
		return s.code
	}
	var e *exitError
	if errors.As(err, &e) {
		return e.code
	}
	// anything unclassified is the run failing to judge, never a silent 0
	return ExitNoJudge
}

// worse returns the more severe of two exit codes: 2 beats 3 beats 1 beats 0.
func worse(a, b int) int {
	rank := func(c int) int {
		switch c {
		case ExitInput:
			return 3
		case ExitNoJudge:
			return 2
		case ExitFailOn:
			return 1
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}
