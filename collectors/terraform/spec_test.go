package terraform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidate checks every diagnostic of a target spec, with its exact text.
func TestValidate(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "infra"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "infra", "main.tf"), []byte("variable \"region\" {}\nvariable \"env\" {}\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "infra", "prod.tfvars"), []byte("env = \"prod\"\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "plan.json"), []byte("{}"), 0o644))

	cases := []struct {
		name string
		spec string
		want []string
	}{
		{"valid", `{path: infra/, var_files: [infra/prod.tfvars], vars: {region: eu-central-1}, plan: plan.json, name: x, groups: [prod]}`, nil},
		{"plan only", `{plan: plan.json}`, nil},
		{"unknown key", `{path: infra/, var_file: [infra/prod.tfvars]}`, []string{
			`tomcheck.yaml:1:16: error: unknown key "var_file" in terraform target — did you mean "var_files"?
  A terraform target takes the keys groups, name, path, plan, state, var_files and vars.`,
		}},
		{"unknown key without suggestion", `{path: infra/, colour: blue}`, []string{
			`tomcheck.yaml:1:16: error: unknown key "colour" in terraform target
  A terraform target takes the keys groups, name, path, plan, state, var_files and vars.`,
		}},
		{"nothing to read", `{name: infra}`, []string{
			`tomcheck.yaml:1:1: error: terraform target needs path, plan or state
  Set path to a directory of .tf files, plan to the output of terraform show -json PLANFILE, or state to the output of terraform show -json.`,
		}},
		{"not a mapping", `[infra/]`, []string{
			`tomcheck.yaml:1:1: error: terraform target must be a mapping
  Write a mapping such as {path: infra/} or {plan: plan.json}.`,
		}},
		{"var_files not a list", `{path: infra/, var_files: infra/prod.tfvars}`, []string{
			`tomcheck.yaml:1:27: error: var_files must be a list of strings
  Write var_files as a list, e.g. var_files: [prod.tfvars]; paths are relative to the directory of the project file.`,
		}},
		{"var_files item not a string", `{path: infra/, var_files: [infra/prod.tfvars, {a: b}]}`, []string{
			`tomcheck.yaml:1:47: error: var_files must be a list of strings
  Write var_files as a list, e.g. var_files: [prod.tfvars]; paths are relative to the directory of the project file.`,
		}},
		{"path not a string", `{path: [infra/]}`, []string{
			`tomcheck.yaml:1:8: error: path must be a string
  Write path as a string, e.g. path: infra/.`,
		}},
		{"empty plan", `{plan: ""}`, []string{
			`tomcheck.yaml:1:8: error: plan must not be empty
  Write plan as a path, e.g. plan: infra/plan.json, or leave the key out.`,
		}},
		{"vars not a mapping", `{path: infra/, vars: [region]}`, []string{
			`tomcheck.yaml:1:22: error: vars must be a mapping of variable names to values
  Write vars as a mapping of variable names to values, e.g. vars: {region: eu-central-1}.`,
		}},
		{"vars undeclared", `{path: infra/, vars: {regoin: eu-central-1}}`, []string{
			`tomcheck.yaml:1:23: error: vars sets undeclared variable "regoin" — did you mean "region"?
  The root module in infra/ declares no variable "regoin"; declare it, or remove it from vars.`,
		}},
		{"vars without path", `{plan: plan.json, vars: {region: eu-central-1}}`, []string{
			`tomcheck.yaml:1:25: error: vars needs path
  Variables are only read with path (a directory of .tf files); a plan or state already holds their values.`,
		}},
		{"var_files without path", `{plan: plan.json, var_files: [prod.tfvars]}`, []string{
			`tomcheck.yaml:1:30: error: var_files needs path
  Variables are only read with path (a directory of .tf files); a plan or state already holds their values.`,
		}},
		{"duplicate key", "path: infra/\npath: infra/\n", []string{
			`tomcheck.yaml:2:1: error: duplicate key "path" in terraform target
  Each key may appear once in a target; remove one of them.`,
		}},
		{"path missing", `{path: infr/}`, []string{
			`tomcheck.yaml:1:8: error: path "infr/" does not exist
  Point path at the directory that holds the root module's .tf files. Relative paths resolve from the directory of the project file.`,
		}},
		{"path is a file", `{path: infra/main.tf}`, []string{
			`tomcheck.yaml:1:8: error: path "infra/main.tf" is not a directory
  path takes the directory of the root module, not a file: write "infra/".`,
		}},
		{"plan missing", `{plan: infra/plan.json}`, []string{
			`tomcheck.yaml:1:8: error: plan "infra/plan.json" does not exist
  Write the plan with terraform plan -out=plan.bin && terraform show -json plan.bin > infra/plan.json, or fix the path. Relative paths resolve from the directory of the project file.`,
		}},
		{"plan is a directory", `{plan: infra}`, []string{
			`tomcheck.yaml:1:8: error: plan "infra" is a directory, not a file
  Write the plan with terraform plan -out=plan.bin && terraform show -json plan.bin > infra, or fix the path. Relative paths resolve from the directory of the project file.`,
		}},
		{"state missing", `{state: state.json}`, []string{
			`tomcheck.yaml:1:9: error: state "state.json" does not exist
  Write the state with terraform show -json > state.json, or fix the path. Relative paths resolve from the directory of the project file.`,
		}},
		{"var file missing", `{path: infra/, var_files: [prod.tfvars]}`, []string{
			`tomcheck.yaml:1:28: error: var file "prod.tfvars" does not exist
  var_files are relative to the directory of the project file, not to path; fix the path.`,
		}},
		{"several problems at once", `{path: infra/, plan: nope.json, state: 7}`, []string{
			`tomcheck.yaml:1:40: error: state must be a string
  Write state as a string, e.g. state: infra/state.json.`,
			`tomcheck.yaml:1:22: error: plan "nope.json" does not exist
  Write the plan with terraform plan -out=plan.bin && terraform show -json plan.bin > nope.json, or fix the path. Relative paths resolve from the directory of the project file.`,
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ds := New().Validate(target(t, dir, "infra", tc.spec))
			var got []string
			for _, d := range ds {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n---\n") != strings.Join(tc.want, "\n---\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n---\n"), strings.Join(tc.want, "\n---\n"))
			}
		})
	}
}
