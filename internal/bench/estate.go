// Package bench generates synthetic Terraform estates for the benchmark:
// realistic evidence records of every resource type the check library
// judges, a claims file that uses every check, and the same work laid out
// for `opa eval`.
package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/checks"
)

// Estate is a generated estate.
type Estate struct {
	Records []evidence.Record
}

// Generate returns about n records: n/unitSize services, each with its
// bucket, volume, database, security groups, listeners, backup plan, log
// groups and keys, half of them compliant.
func Generate(n int, now time.Time) (*Estate, error) {
	e := &Estate{}
	add := func(typ, addr string, values map[string]any, refs map[string][]string, tags map[string]string) error {
		data := map[string]any{"type": typ, "address": addr, "mode": "managed", "provider": "aws", "from": []any{"hcl", "plan"},
			"values": values, "unknown": map[string]any{}, "references": map[string]any{}}
		r := map[string]any{}
		for k, v := range refs {
			l := make([]any, len(v))
			for i, s := range v {
				l[i] = s
			}
			r[k] = l
		}
		data["references"] = r
		if tags != nil {
			tv := map[string]any{}
			for k, v := range tags {
				tv[k] = v
			}
			values["tags"] = tv
		}
		rec := evidence.Record{Kind: "terraform.resource", Subject: "tf:estate/" + addr, Labels: tags, Origin: evidence.OriginDeclared,
			Source:      evidence.Source{Collector: "terraform", CollectorVersion: 1, Target: "estate", File: "estate/main.tf", Line: len(e.Records) + 1, Column: 1},
			CollectedAt: now, Data: data}
		if err := rec.Seal(); err != nil {
			return err
		}
		e.Records = append(e.Records, rec)
		return nil
	}
	singles := []struct {
		typ, addr string
		values    map[string]any
	}{
		{"aws_iam_account_password_policy", "aws_iam_account_password_policy.main", map[string]any{"minimum_password_length": 14.0, "require_uppercase_characters": true, "require_lowercase_characters": true, "require_numbers": true, "require_symbols": true, "max_password_age": 90.0}},
		{"aws_ebs_encryption_by_default", "aws_ebs_encryption_by_default.main", map[string]any{"enabled": true}},
		{"aws_cloudtrail", "aws_cloudtrail.org", map[string]any{"name": "org", "is_multi_region_trail": true, "enable_log_file_validation": true, "kms_key_id": "arn:aws:kms:eu-central-1:123456789012:key/1", "enable_logging": true}},
	}
	for _, s := range singles {
		if err := add(s.typ, s.addr, s.values, nil, nil); err != nil {
			return nil, err
		}
	}
	for i := 0; len(e.Records) < n; i++ {
		ok := i%2 == 0
		env := map[string]string{"env": "prod", "team": fmt.Sprintf("team-%d", i%17)}
		m := fmt.Sprintf("module.svc%d.", i)
		bucket := fmt.Sprintf("svc%d-data", i)
		sseAlgo := "aws:kms"
		if !ok {
			sseAlgo = "AES256"
		}
		cidr := "10.0.0.0/8"
		if !ok {
			cidr = "0.0.0.0/0"
		}
		policy := "ELBSecurityPolicy-TLS13-1-2-2021-06"
		if !ok {
			policy = "ELBSecurityPolicy-2016-08"
		}
		schedule := "cron(0 3 * * ? *)"
		if !ok {
			schedule = "cron(0 5 ? * SUN *)"
		}
		retention := 365.0
		if !ok {
			retention = 30.0
		}
		steps := []struct {
			typ, name string
			values    map[string]any
			refs      map[string][]string
			tags      map[string]string
		}{
			{"aws_s3_bucket", "aws_s3_bucket.data", map[string]any{"bucket": bucket, "region": "eu-central-1"}, nil, env},
			{"aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_server_side_encryption_configuration.data",
				map[string]any{"bucket": bucket, "rule": []any{map[string]any{"apply_server_side_encryption_by_default": []any{map[string]any{"sse_algorithm": sseAlgo, "kms_master_key_id": ""}}}}},
				map[string][]string{"bucket": {m + "aws_s3_bucket.data"}}, nil},
			{"aws_s3_bucket_policy", "aws_s3_bucket_policy.data", map[string]any{"bucket": bucket,
				"policy": `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::` + bucket + `","arn:aws:s3:::` + bucket + `/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`},
				map[string][]string{"bucket": {m + "aws_s3_bucket.data"}}, nil},
			{"aws_ebs_volume", "aws_ebs_volume.data", map[string]any{"availability_zone": "eu-central-1a", "size": 100.0, "encrypted": ok, "type": "gp3"}, nil, env},
			{"aws_db_instance", "aws_db_instance.main", map[string]any{"identifier": fmt.Sprintf("svc%d-db", i), "engine": "postgres", "storage_encrypted": ok, "multi_az": ok, "backup_retention_period": 7.0, "publicly_accessible": false}, nil, env},
			{"aws_security_group", "aws_security_group.admin", map[string]any{"name": fmt.Sprintf("svc%d-admin", i), "ingress": []any{
				map[string]any{"from_port": 22.0, "to_port": 22.0, "protocol": "tcp", "cidr_blocks": []any{cidr}, "ipv6_cidr_blocks": []any{}},
				map[string]any{"from_port": 443.0, "to_port": 443.0, "protocol": "tcp", "cidr_blocks": []any{"0.0.0.0/0"}, "ipv6_cidr_blocks": []any{}}}}, nil, env},
			{"aws_security_group_rule", "aws_security_group_rule.db", map[string]any{"type": "ingress", "from_port": 5432.0, "to_port": 5432.0, "protocol": "tcp", "cidr_blocks": []any{"10.1.0.0/16"}}, map[string][]string{"security_group_id": {m + "aws_security_group.admin"}}, nil},
			{"aws_lb", "aws_lb.web", map[string]any{"name": fmt.Sprintf("svc%d", i), "load_balancer_type": "application", "subnets": []any{"subnet-a", "subnet-b"}}, nil, env},
			{"aws_lb_listener", "aws_lb_listener.https", map[string]any{"port": 443.0, "protocol": "HTTPS", "ssl_policy": policy, "default_action": []any{map[string]any{"type": "forward"}}}, map[string][]string{"load_balancer_arn": {m + "aws_lb.web"}}, env},
			{"aws_lb_listener", "aws_lb_listener.http", map[string]any{"port": 80.0, "protocol": "HTTP", "default_action": []any{map[string]any{"type": "redirect", "redirect": []any{map[string]any{"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}}}}}, map[string][]string{"load_balancer_arn": {m + "aws_lb.web"}}, env},
			{"aws_backup_vault", "aws_backup_vault.main", map[string]any{"name": fmt.Sprintf("svc%d", i)}, nil, env},
			{"aws_backup_plan", "aws_backup_plan.daily", map[string]any{"name": fmt.Sprintf("svc%d-daily", i), "rule": []any{map[string]any{"rule_name": "daily", "target_vault_name": fmt.Sprintf("svc%d", i), "schedule": schedule,
				"lifecycle":   []any{map[string]any{"delete_after": retention, "cold_storage_after": 0.0}},
				"copy_action": []any{map[string]any{"destination_vault_arn": fmt.Sprintf("arn:aws:backup:eu-west-1:123456789012:backup-vault:svc%d-dr", i), "lifecycle": []any{}}}}}},
				map[string][]string{"rule.target_vault_name": {m + "aws_backup_vault.main"}}, env},
			{"aws_backup_selection", "aws_backup_selection.main", map[string]any{"name": "all", "iam_role_arn": "arn:aws:iam::123456789012:role/backup", "resources": []any{}},
				map[string][]string{"plan_id": {m + "aws_backup_plan.daily"}, "resources": {m + "aws_db_instance.main", m + "aws_ebs_volume.data"}}, nil},
			{"aws_cloudwatch_log_group", "aws_cloudwatch_log_group.app", map[string]any{"name": fmt.Sprintf("/svc%d/app", i), "retention_in_days": retention}, nil, env},
			{"aws_cloudwatch_log_group", "aws_cloudwatch_log_group.audit", map[string]any{"name": fmt.Sprintf("/svc%d/audit", i), "retention_in_days": 0.0}, nil, env},
			{"aws_kms_key", "aws_kms_key.main", map[string]any{"description": "svc key", "enable_key_rotation": ok, "customer_master_key_spec": "SYMMETRIC_DEFAULT"}, nil, env},
			{"aws_efs_file_system", "aws_efs_file_system.shared", map[string]any{"encrypted": true, "creation_token": fmt.Sprintf("svc%d", i)}, nil, env},
			{"aws_dynamodb_table", "aws_dynamodb_table.sessions", map[string]any{"name": fmt.Sprintf("svc%d-sessions", i), "server_side_encryption": []any{map[string]any{"enabled": true, "kms_key_arn": ""}}}, nil, env},
			{"aws_autoscaling_group", "aws_autoscaling_group.app", map[string]any{"name": fmt.Sprintf("svc%d", i), "min_size": 2.0, "max_size": 6.0, "vpc_zone_identifier": []any{"subnet-a", "subnet-b"}}, nil, env},
			{"aws_cloudfront_distribution", "aws_cloudfront_distribution.cdn", map[string]any{
				"default_cache_behavior": []any{map[string]any{"viewer_protocol_policy": "redirect-to-https"}}, "ordered_cache_behavior": []any{},
				"viewer_certificate": []any{map[string]any{"minimum_protocol_version": "TLSv1.2_2021", "cloudfront_default_certificate": false}}}, nil, env},
		}
		for _, s := range steps {
			if len(e.Records) >= n {
				break
			}
			if err := add(s.typ, m+s.name, s.values, s.refs, s.tags); err != nil {
				return nil, err
			}
		}
	}
	return e, nil
}

// TOM returns a claims file that uses every check of the catalog once, with
// its required parameters set.
func TOM(cat *checks.Catalog) []byte {
	required := map[string]string{
		"backup.max_interval": "{hours: 24}",
		"backup.retention":    "{min_days: 30}",
		"logging.retention":   "{min_days: 90}",
	}
	var b strings.Builder
	b.WriteString("apiVersion: tomcheck/v1\nkind: TOM\nmetadata: {organisation: Benchmark GmbH, document: synthetic}\nclaims:\n")
	for _, ch := range cat.All() {
		area := "Überprüfung"
		if len(ch.Areas) > 0 {
			area = ch.Areas[0]
		}
		fmt.Fprintf(&b, "  - id: %s\n    area: %s\n    statement: %q\n    check: %s\n", strings.ReplaceAll(ch.ID, ".", "-"), area, ch.Title, ch.ID)
		if p, ok := required[ch.ID]; ok {
			fmt.Fprintf(&b, "    params: %s\n", p)
		}
	}
	return []byte(b.String())
}

// WriteRunDir writes the estate as a complete run directory.
func (e *Estate) WriteRunDir(dir string, tom, project []byte, start, end time.Time) error {
	w, err := evidence.Create(dir)
	if err != nil {
		return err
	}
	for _, r := range e.Records {
		if err := w.Record(r); err != nil {
			return err
		}
	}
	if err := w.WriteFile("tom.yaml", tom); err != nil {
		return err
	}
	if err := w.WriteFile("tomcheck.yaml", project); err != nil {
		return err
	}
	_, err = w.Close(evidence.RunInfo{RunID: "bench", ToolVersion: "bench", Project: "bench", StartedAt: start, EndedAt: end,
		ClaimsFile: "tom.yaml", ConfigFile: "tomcheck.yaml",
		Collectors: []evidence.CollectorRun{{Collector: "terraform", CollectorVersion: 1, Target: "estate", Groups: []string{"terraform/estate"}, Outcome: evidence.OutcomeOK, Records: len(e.Records)}}})
	return err
}

// WriteOPAData writes the same evaluation for `opa eval`: data.json holds the
// records grouped by selector and one entry per claim with its params and
// selectors; bench.rego evaluates each claim's check with the input the
// engine would build.
func (e *Estate) WriteOPAData(dir string, cat *checks.Catalog, params map[string]map[string]any, now time.Time) error {
	bySel := map[string][]any{}
	for _, r := range e.Records {
		raw, err := json.Marshal(r)
		if err != nil {
			return err
		}
		var v map[string]any
		if err := json.Unmarshal(raw, &v); err != nil {
			return err
		}
		typ, _ := r.Data["type"].(string)
		if r.Data["mode"] == "data" {
			// bench.rego's type index is the records of a typed selector,
			// which holds only while the estate has no data sources
			return fmt.Errorf("record %s is a data source; the bench estate has none", r.Subject)
		}
		bySel[r.Kind] = append(bySel[r.Kind], v)
		if typ != "" {
			bySel[r.Kind+":"+typ] = append(bySel[r.Kind+":"+typ], v)
		}
	}
	var claims []any
	for _, ch := range cat.All() {
		var ev, ctx []any
		for _, s := range ch.Evidence {
			if s.Kind == "terraform.resource" && s.Type == "" {
				return fmt.Errorf("check %s judges every Terraform record; bench.rego builds its type index from typed selectors only", ch.ID)
			}
			ev = append(ev, s.String())
		}
		evSet := map[string]bool{}
		for _, s := range ch.Evidence {
			evSet[s.String()] = true
		}
		for _, s := range ch.Context {
			if !evSet[s.String()] {
				ctx = append(ctx, s.String())
			}
		}
		p := params[ch.ID]
		if p == nil {
			p = map[string]any{}
		}
		parts := strings.SplitN(ch.ID, ".", 2)
		claims = append(claims, map[string]any{
			"id": strings.ReplaceAll(ch.ID, ".", "-"), "check": ch.ID, "prefix": parts[0], "rest": parts[1],
			"params": p, "evidence": ev, "context": ctx,
		})
	}
	sort.Slice(claims, func(i, j int) bool {
		return claims[i].(map[string]any)["id"].(string) < claims[j].(map[string]any)["id"].(string)
	})
	doc := map[string]any{"bench": map[string]any{"by_selector": bySel, "claims": claims, "now": now.UTC().Format(time.RFC3339)}}
	f, err := os.Create(filepath.Join(dir, "data.json"))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	if err := enc.Encode(doc); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "bench.rego"), []byte(benchRego), 0o600)
}

// benchRego evaluates every claim's check with the input tomcheck's engine
// builds: the judged records by selector, the context records, their type
// indexes (the records of each typed selector: the estate has no data
// sources), params, now.
const benchRego = `package benchrun

import rego.v1

selected(sels) := [r |
	some sel in sels
	some r in object.get(data.bench.by_selector, sel, [])
]

by_type(sels) := {t: object.get(data.bench.by_selector, sel, []) |
	some sel in sels
	startswith(sel, "terraform.resource:")
	t := substring(sel, count("terraform.resource:"), -1)
}

results[c.id] := count(f) if {
	some c in data.bench.claims
	inp := {
		"claim": {"id": c.id, "check": c.check, "area": "", "statement": "", "type": ""},
		"params": c.params,
		"now": data.bench.now,
		"evidence": selected(c.evidence),
		"context": selected(c.context),
		"evidence_by_type": by_type(c.evidence),
		"context_by_type": by_type(c.context),
	}
	f := data.tomcheck.checks[c.prefix][c.rest].findings with input as inp
}
`
