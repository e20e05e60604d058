package policies_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// checkSpec is what the engine reads from a check's METADATA to build its input.
type checkSpec struct {
	id       string
	evidence map[string]bool // Terraform types the check judges
	context  map[string]bool // Terraform types it consults
}

func loadSpecs(t testing.TB, modules map[string]*ast.Module) []checkSpec {
	t.Helper()
	var specs []checkSpec
	for _, p := range sortedPaths(modules) {
		if !strings.HasSuffix(p, "/check.rego") || strings.HasPrefix(p, "lib/") {
			continue
		}
		a := packageAnnotations(modules[p])
		if a == nil {
			t.Fatalf("%s: no package METADATA", p)
		}
		id, _ := a.Custom["check"].(string)
		spec := checkSpec{id: id, evidence: terraformTypes(a.Custom["evidence"]), context: terraformTypes(a.Custom["context"])}
		specs = append(specs, spec)
	}
	return specs
}

func terraformTypes(v any) map[string]bool {
	out := map[string]bool{}
	list, _ := v.([]any)
	for _, x := range list {
		s, _ := x.(string)
		if typ, ok := strings.CutPrefix(s, "terraform.resource:"); ok {
			out[typ] = true
		}
	}
	return out
}

// synthetic builds Terraform records of a made-up estate: units copies of a
// small stack whose resources refer to each other as real configurations do
// (about 20 records per unit), so the checks' joins have work to do.
func synthetic(units int) []map[string]any {
	var out []map[string]any
	add := func(addr string, values, unknown map[string]any, refs map[string][]string) {
		parts := strings.Split(addr, ".")
		typ := parts[len(parts)-2]
		if i := strings.Index(typ, "["); i >= 0 {
			typ = typ[:i]
		}
		if unknown == nil {
			unknown = map[string]any{}
		}
		r := map[string][]any{}
		for k, v := range refs {
			for _, x := range v {
				r[k] = append(r[k], x)
			}
		}
		refsAny := map[string]any{}
		for k, v := range r {
			refsAny[k] = v
		}
		out = append(out, map[string]any{
			"kind": "terraform.resource", "subject": "tf:infra/" + addr, "origin": "declared",
			"labels":       map[string]any{"env": "prod", "backup": "daily"},
			"source":       map[string]any{"collector": "terraform", "collector_version": 1, "target": "infra", "file": "main.tf", "line": 1, "column": 1},
			"collected_at": "2026-11-22T10:00:00Z", "digest": "sha256:" + addr,
			"data": map[string]any{"type": typ, "address": addr, "mode": "managed", "provider": "aws", "from": []any{"hcl", "plan"},
				"values": values, "unknown": unknown, "references": refsAny},
		})
	}
	schedules := []string{"cron(0 3 * * ? *)", "cron(0 5 ? * MON-FRI *)", "cron(0 1 1 * ? *)", "rate(12 hours)"}
	for i := range units {
		m := fmt.Sprintf("module.u%d.", i)
		bucket := fmt.Sprintf("bucket-%d", i)
		add(m+"aws_s3_bucket.data", map[string]any{"bucket": bucket, "region": "eu-central-1"}, nil, nil)
		add(m+"aws_s3_bucket_server_side_encryption_configuration.data", map[string]any{"rule": []any{map[string]any{"apply_server_side_encryption_by_default": []any{map[string]any{"sse_algorithm": "aws:kms"}}}}},
			nil, map[string][]string{"bucket": {m + "aws_s3_bucket.data"}})
		add(m+"aws_s3_bucket_policy.data", map[string]any{"bucket": bucket, "policy": `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`}, nil, nil)
		add(m+"aws_s3_bucket_lifecycle_configuration.data", map[string]any{"rule": []any{map[string]any{"id": "tmp", "status": "Enabled", "expiration": []any{map[string]any{"days": 30 + i%400}}}}},
			nil, map[string][]string{"bucket": {m + "aws_s3_bucket.data"}})
		add(m+"aws_s3_bucket_replication_configuration.data", map[string]any{"rule": []any{map[string]any{"status": "Enabled", "destination": []any{map[string]any{"bucket": "arn:aws:s3:::" + bucket + "-replica"}}}}},
			nil, map[string][]string{"bucket": {m + "aws_s3_bucket.data"}})
		add(m+"aws_s3_bucket.replica", map[string]any{"bucket": bucket + "-replica", "region": "eu-west-1"}, nil, nil)
		add(m+"aws_ebs_volume.data", map[string]any{"encrypted": i%2 == 0, "size": 100}, nil, nil)
		add(m+"aws_db_instance.main", map[string]any{"storage_encrypted": true, "multi_az": i%3 != 0, "backup_retention_period": 7}, map[string]any{"arn": true}, nil)
		add(m+"aws_backup_vault.main", map[string]any{"name": "main"}, map[string]any{"arn": true}, nil)
		add(m+"aws_backup_plan.daily", map[string]any{"rule": []any{map[string]any{"rule_name": "r", "schedule": schedules[i%len(schedules)], "target_vault_name": "main",
			"lifecycle": []any{map[string]any{"delete_after": 35}}, "copy_action": []any{map[string]any{"destination_vault_arn": "arn:aws:backup:eu-west-1:210987654321:backup-vault:dr"}}}}},
			map[string]any{"arn": true, "id": true}, map[string][]string{"rule.target_vault_name": {m + "aws_backup_vault.main"}})
		add(m+"aws_backup_selection.data", map[string]any{"name": "s"}, map[string]any{"plan_id": true, "resources": true},
			map[string][]string{"plan_id": {m + "aws_backup_plan.daily"}, "resources": {m + "aws_ebs_volume.data", m + "aws_db_instance.main"}})
		add(m+"aws_security_group.web", map[string]any{"ingress": []any{
			map[string]any{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": []any{"0.0.0.0/0"}},
			map[string]any{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": []any{fmt.Sprintf("10.%d.0.0/16", i%250)}},
		}}, nil, nil)
		add(m+"aws_vpc_security_group_ingress_rule.db", map[string]any{"ip_protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_ipv4": "10.0.0.0/8"}, nil, nil)
		add(m+"aws_lb.web", map[string]any{"subnets": []any{"subnet-a", "subnet-b"}}, nil, nil)
		add(m+"aws_lb_listener.https", map[string]any{"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}, nil, nil)
		add(m+"aws_lb_listener.http", map[string]any{"protocol": "HTTP", "default_action": []any{map[string]any{"type": "redirect", "redirect": []any{map[string]any{"protocol": "HTTPS"}}}}}, nil, nil)
		add(m+"aws_cloudwatch_log_group.app", map[string]any{"retention_in_days": 90}, nil, nil)
		add(m+"aws_kms_key.main", map[string]any{"enable_key_rotation": true}, nil, nil)
		add(m+"aws_autoscaling_group.web", map[string]any{"min_size": 2, "vpc_zone_identifier": []any{"subnet-a", "subnet-b"}}, nil, nil)
	}
	add("aws_cloudtrail.main", map[string]any{"is_multi_region_trail": true, "enable_log_file_validation": true, "kms_key_id": "arn:aws:kms:eu-central-1:1:key/k"}, nil, nil)
	add("aws_iam_account_password_policy.main", map[string]any{"minimum_password_length": 14}, nil, nil)
	add("aws_ebs_encryption_by_default.main", map[string]any{"enabled": true}, nil, nil)
	add("aws_cloudfront_distribution.cdn", map[string]any{"viewer_certificate": []any{map[string]any{"minimum_protocol_version": "TLSv1.2_2021"}},
		"default_cache_behavior": []any{map[string]any{"viewer_protocol_policy": "redirect-to-https"}}}, nil, nil)
	add("aws_api_gateway_domain_name.api", map[string]any{"security_policy": "TLS_1_2"}, nil, nil)
	return out
}

var benchParams = map[string]map[string]any{
	"backup.max_interval": {"hours": 24},
	"backup.retention":    {"min_days": 30},
	"logging.retention":   {"min_days": 90},
}

// preparedCheck is one check ready to evaluate, as the engine would hold it.
type preparedCheck struct {
	spec   checkSpec
	query  rego.PreparedEvalQuery
	input  ast.Value
	judged map[string]bool // subjects of the judged records
}

// byType is the engine's evidence_by_type (or context_by_type) index of
// records: the managed resources by type, in order.
func byType(records []any) map[string]any {
	idx := map[string]any{}
	for _, x := range records {
		r := x.(map[string]any)
		data := r["data"].(map[string]any)
		if r["kind"] != "terraform.resource" || data["mode"] == "data" {
			continue
		}
		t := data["type"].(string)
		list, _ := idx[t].([]any)
		idx[t] = append(list, r)
	}
	return idx
}

// prepareChecks compiles the library once and builds each check's input from
// the synthetic records, converting it to an OPA value once. With index the
// input carries the type indexes the engine adds; without, the library
// builds them itself.
func prepareChecks(tb testing.TB, modules map[string]*ast.Module, records []map[string]any, index bool) []preparedCheck {
	tb.Helper()
	c := ast.NewCompiler().WithDefaultRegoVersion(ast.RegoV1).WithCapabilities(ast.CapabilitiesForThisVersion())
	c.Compile(modules)
	if c.Failed() {
		tb.Fatalf("compile: %v", c.Errors)
	}
	var out []preparedCheck
	for _, spec := range loadSpecs(tb, modules) {
		var evidence, consulted []any
		judged := map[string]bool{}
		for _, r := range records {
			typ := r["data"].(map[string]any)["type"].(string)
			switch {
			case spec.evidence[typ]:
				evidence = append(evidence, r)
				judged[r["subject"].(string)] = true
			case spec.context[typ]:
				consulted = append(consulted, r)
			}
		}
		params := benchParams[spec.id]
		if params == nil {
			params = map[string]any{}
		}
		doc := map[string]any{
			"claim":    map[string]any{"id": "c", "area": "Zugangskontrolle", "statement": "s", "check": spec.id},
			"params":   params,
			"now":      "2026-11-22T10:00:00Z",
			"evidence": evidence,
			"context":  consulted,
		}
		if index {
			doc["evidence_by_type"], doc["context_by_type"] = byType(evidence), byType(consulted)
		}
		input, err := ast.InterfaceToValue(doc)
		if err != nil {
			tb.Fatalf("%s: input: %v", spec.id, err)
		}
		pq, err := rego.New(
			rego.Query("data.tomcheck.checks."+spec.id+".findings"),
			rego.Compiler(c),
			rego.StrictBuiltinErrors(true),
		).PrepareForEval(context.Background())
		if err != nil {
			tb.Fatalf("%s: prepare: %v", spec.id, err)
		}
		out = append(out, preparedCheck{spec: spec, query: pq, input: input, judged: judged})
	}
	return out
}

func evalFindings(tb testing.TB, pc preparedCheck) []any {
	tb.Helper()
	rs, err := pc.query.Eval(context.Background(), rego.EvalParsedInput(pc.input))
	if err != nil {
		tb.Fatalf("%s: eval: %v", pc.spec.id, err)
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		tb.Fatalf("%s: findings undefined", pc.spec.id)
	}
	fs, ok := rs[0].Expressions[0].Value.([]any)
	if !ok {
		tb.Fatalf("%s: findings is %T, not a set", pc.spec.id, rs[0].Expressions[0].Value)
	}
	return fs
}

// TestEveryJudgedRecordGetsAFinding evaluates all checks over a synthetic
// estate, with builtin errors raised: every record a check judges gets a
// well-formed finding whose evidence starts with the record's digest.
func TestEveryJudgedRecordGetsAFinding(t *testing.T) {
	modules := parseLibrary(t)
	for _, pc := range prepareChecks(t, modules, synthetic(20), true) {
		fs := evalFindings(t, pc)
		seen := map[string]bool{}
		for _, x := range fs {
			f, ok := x.(map[string]any)
			if !ok {
				t.Fatalf("%s: finding %v is not an object", pc.spec.id, x)
			}
			subject, _ := f["subject"].(string)
			seen[subject] = true
			if !pc.judged[subject] {
				t.Errorf("%s: finding about %q, which the check does not judge", pc.spec.id, subject)
			}
			if _, ok := f["pass"].(bool); !ok {
				t.Errorf("%s: finding %v has no boolean pass", pc.spec.id, f)
			}
			for _, k := range []string{"message", "message_de"} {
				if s, _ := f[k].(string); s == "" || strings.Contains(s, "%!") {
					t.Errorf("%s: finding about %q has a bad %s: %q", pc.spec.id, subject, k, s)
				}
			}
			ev, _ := f["evidence"].([]any)
			if len(ev) == 0 || ev[0] != "sha256:"+strings.TrimPrefix(subject, "tf:infra/") {
				t.Errorf("%s: finding about %q cites %v first", pc.spec.id, subject, ev)
			}
		}
		for s := range pc.judged {
			if !seen[s] && !notApplicable(pc.spec.id, s) {
				t.Errorf("%s: no finding about %s", pc.spec.id, s)
			}
		}
	}
}

// TestTypeIndexChangesNothing evaluates every check with the type indexes the
// engine adds to the input and without them (the library then builds its
// own): the findings are the same, data sources included, which the index
// leaves out.
func TestTypeIndexChangesNothing(t *testing.T) {
	modules := parseLibrary(t)
	records := synthetic(12)
	for _, r := range synthetic(3) {
		// the same resources read as data sources: never judged
		d := map[string]any{}
		for k, v := range r {
			d[k] = v
		}
		data := map[string]any{}
		for k, v := range r["data"].(map[string]any) {
			data[k] = v
		}
		data["mode"], data["address"] = "data", "data."+data["address"].(string)
		d["data"], d["subject"], d["digest"] = data, "tf:infra/data."+data["address"].(string), "sha256:data."+data["address"].(string)
		records = append(records, d)
	}
	with, without := prepareChecks(t, modules, records, true), prepareChecks(t, modules, records, false)
	for i := range with {
		a, b := evalFindings(t, with[i]), evalFindings(t, without[i])
		if len(a) == 0 || fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("%s: %d findings with the index, %d without, or they differ", with[i].spec.id, len(a), len(b))
		}
	}
}

// notApplicable lists the judged records a check rightly ignores: plain
// HTTP listeners are https_only's business, not tls_min_version's.
func notApplicable(check, subject string) bool {
	return check == "transport.tls_min_version" && strings.HasSuffix(subject, "aws_lb_listener.http")
}

// BenchmarkLibrary evaluates each check over a synthetic estate of about
// 100,000 Terraform records (5,000 units of the stack synthetic builds), with
// inputs converted to OPA values once, as the engine does. Every record of
// that estate is judged by one to four checks, so it is heavier than a real
// estate, where most resource types are judged by none:
//
//	go test ./policies -run '^$' -bench Library -benchtime 1x
func BenchmarkLibrary(b *testing.B) {
	modules := parseLibrary(b)
	for _, pc := range prepareChecks(b, modules, synthetic(5000), true) {
		b.Run(pc.spec.id, func(b *testing.B) {
			for range b.N {
				evalFindings(b, pc)
			}
		})
	}
}
