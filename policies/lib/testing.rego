# METADATA
# title: Test record builders
# description: >-
#   Builds terraform.resource records for the library's Rego tests, so a case
#   reads as the resources it is about. Digests are "sha256:<address>".
package tomcheck.lib.testing

# res is a Terraform record of the target "infra" at address with planned values.
res(address, values) := {
	"kind": "terraform.resource",
	"subject": concat("", ["tf:infra/", address]),
	"labels": {},
	"origin": "declared",
	"source": {"collector": "terraform", "collector_version": 1, "target": "infra", "file": "main.tf", "line": 1, "column": 1},
	"collected_at": "2026-11-22T10:00:00Z",
	"digest": concat("", ["sha256:", address]),
	"data": {
		"type": _type(address),
		"address": address,
		"mode": "managed",
		"provider": "aws",
		"from": ["hcl", "plan"],
		"values": values,
		"unknown": {},
		"references": {},
	},
}

# res_with is res with more data merged in: {"unknown": …, "references": …}.
res_with(address, values, extra) := object.union(res(address, values), {"data": extra})

# labeled is record r with labels (tags).
labeled(r, labels) := object.union(r, {"labels": labels})

# in_target is record r moved to another Terraform target.
in_target(r, t) := object.union(r, {
	"subject": concat("", ["tf:", t, "/", r.data.address]),
	"digest": concat("", ["sha256:", t, "/", r.data.address]),
	"source": {"target": t},
})

_type(address) := parts[count(parts) - 2] if {
	parts := split(regex.replace(address, `\[("(?:[^"\\]|\\.)*"|[^\]]*)\]`, ""), ".")
}

# subjects is the set of subjects of the findings fs.
subjects(fs) := {f.subject | some f in fs}

# failing is the set of subjects with a failing, not inconclusive, finding.
failing(fs) := {f.subject | some f in fs; not f.pass; not f.inconclusive}

# passing is the set of subjects with a passing finding.
passing(fs) := {f.subject | some f in fs; f.pass}

# inconclusive is the set of subjects with an inconclusive finding.
inconclusive(fs) := {f.subject | some f in fs; f.inconclusive}

# messages is the set of English messages of the findings fs.
messages(fs) := {f.message | some f in fs}

# messages_de is the set of German messages of the findings fs.
messages_de(fs) := {f.message_de | some f in fs}
