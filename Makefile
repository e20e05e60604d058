# tomcheck — make help lists the targets.
SHELL := /bin/bash
GO ?= go
CACHE ?= $(HOME)/.cache/tomcheck
BIN := $(CACHE)/bin
GOLANGCI_VERSION := v2.15.0
OPA_VERSION := v1.22.2
GOLANGCI := $(BIN)/golangci-lint-$(GOLANGCI_VERSION)
OPA := $(BIN)/opa-$(OPA_VERSION)
FUZZTIME ?= 5s
# Packages with real concurrency run under the race detector.
RACE_PKGS := ./evidence/... ./collectors/... ./internal/engine/... ./internal/cli/...

.PHONY: help build demo test lint vet fmt-check unit race fuzz bench fixtures tools clean

help: ## list the targets
	@awk -F ':.*## ' '/^[a-z-]+:.*## / { printf "  %-10s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)

build: ## build bin/tomcheck
	$(GO) build -ldflags "-X github.com/tomcheck/tomcheck/internal/cli.Version=$(VERSION)" -o bin/tomcheck ./cmd/tomcheck

demo: build ## run tomcheck on the bundled demo (examples/demo)
	@bash examples/demo/run.sh

test: ## everything CI runs: tools, format, vet, lint, unit + Rego tests, race, fuzz (bounded)
	@bash scripts/test.sh

lint: $(GOLANGCI) ## golangci-lint
	$(GOLANGCI) run ./...

tools: $(GOLANGCI) ## install pinned tools into ~/.cache/tomcheck/bin

$(GOLANGCI):
	@mkdir -p $(BIN)
	GOBIN=$(CACHE)/gobin-golangci $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_VERSION)
	mv $(CACHE)/gobin-golangci/golangci-lint $@

$(OPA):
	@mkdir -p $(BIN)
	GOBIN=$(CACHE)/gobin-opa $(GO) install github.com/open-policy-agent/opa@$(OPA_VERSION)
	mv $(CACHE)/gobin-opa/opa $@

fuzz: ## run every fuzz target for FUZZTIME (default 5s)
	@bash scripts/fuzz.sh $(FUZZTIME)

bench: build $(OPA) ## benchmark tomcheck evaluate against opa eval (10k and 100k records)
	@OPA=$(OPA) bash scripts/bench.sh

fixtures: ## regenerate real Terraform plan/state JSON with OpenTofu (not run in CI)
	bash tools/tffixtures/generate.sh

clean: ## remove build output
	rm -rf bin
