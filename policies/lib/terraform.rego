# METADATA
# title: Terraform record helpers
# description: >-
#   Look-ups over terraform.resource records: addresses without instance keys,
#   reference joins, unknown (known after apply) values and display names.
#   Every index here is a rule without arguments, so OPA builds it once per
#   query and checks never scan all records inside a per-record loop.
package tomcheck.lib.terraform

# records are all Terraform records a check sees. Joins look in both judged
# evidence and consulted context: a type that a check both judges and consults
# is passed only once, as evidence.
records := array.concat(
	[r | some r in input.evidence; r.kind == "terraform.resource"],
	[r | some r in input.context; r.kind == "terraform.resource"],
)

# judged[type] holds the judged (in scope) records of each resource type.
judged[t] contains r if {
	some r in input.evidence
	r.kind == "terraform.resource"
	object.get(r.data, "mode", "managed") != "data"
	t := r.data.type
}

# resources[type] holds every record of each resource type, judged or consulted.
resources[t] contains r if {
	some r in records
	object.get(r.data, "mode", "managed") != "data"
	t := r.data.type
}

# object.get(by_key, key, set()) holds the records of one configuration address in one target
# (all instances of a resource with count or for_each).
by_key[k] contains r if {
	some r in records
	k := key(r)
}

# key is "<target>/<address without instance keys>", the form a reference takes.
key(r) := concat("/", [target(r), config_address(r.data.address)])

# ref_key is the key of the object that reference ref of record r points to.
ref_key(r, ref) := concat("/", [target(r), ref])

target(r) := object.get(r, ["source", "target"], "")

_keys_re := `\[("(?:[^"\\]|\\.)*"|[^\]]*)\]`

# config_address strips instance keys:
# module.a["x"].aws_s3_bucket.b[0] -> module.a.aws_s3_bucket.b.
config_address(a) := a if {
	not contains(a, "[")
} else := regex.replace(a, _keys_re, "")

# instance_key is the trailing instance key of an address ("[0]", "[\"a\"]") or "".
instance_key(a) := m[0] if {
	m := regex.find_n(concat("", [_keys_re, "$"]), a, 1)
	count(m) == 1
} else := ""

# same_instance holds when two records of count/for_each resources may belong
# together: equal instance keys, or one of them has none, or their keys are of
# different kinds (numeric count index against for_each string key).
same_instance(a, b) if {
	ka := instance_key(a.data.address)
	kb := instance_key(b.data.address)
	_compatible_keys(ka, kb)
}

_compatible_keys(ka, _) if ka == ""

_compatible_keys(_, kb) if kb == ""

_compatible_keys(ka, kb) if ka == kb

_compatible_keys(ka, kb) if {
	ka != ""
	kb != ""
	startswith(ka, "[\"") != startswith(kb, "[\"")
}

# refs are the configuration addresses attribute path (dotted, no indexes) refers to.
refs(r, path) := object.get(r.data, ["references", path], [])

# referenced is the set of records attribute path of r refers to.
referenced(r, path) := {t |
	some ref in refs(r, path)
	some t in object.get(by_key, ref_key(r, ref), set())
	same_instance(r, t)
}

# refers_to_type holds when attribute path of r refers to a resource of type t.
refers_to_type(r, path, t) if {
	some ref in refs(r, path)
	ref_type(ref) == t
}

# ref_type is the resource type named by a configuration address.
ref_type(ref) := t if {
	parts := split(config_address(ref), ".")
	n := count(parts)
	n >= 2
	t := parts[n - 2]
}

# value returns the value at path (an array of keys and list indexes), or null.
value(r, path) := object.get(r.data, array.concat(["values"], path), null)

# unknown holds when the value at path, or any block containing it, is known
# only after apply.
unknown(r, path) if {
	object.get(r.data, array.concat(["unknown"], path), false) == true
}

unknown(r, path) if {
	count(path) > 1
	some i in numbers.range(1, count(path) - 1)
	object.get(r.data, array.concat(["unknown"], array.slice(path, 0, i)), false) == true
}

# known holds when the value at path is set, not null and not unknown.
known(r, path) if {
	value(r, path) != null
	not unknown(r, path)
}

# sensitive holds when the value at path was redacted by Terraform.
sensitive(r, path) if value(r, path) == "(sensitive)"

# blocks returns the nested blocks at path as an array (blocks are lists of
# objects; a missing block gives []).
blocks(r, path) := v if {
	v := value(r, path)
	is_array(v)
} else := []

# labels of the resource: Terraform tags_all, else tags merged over default tags.
labels(r) := object.get(r, "labels", {})

# name is the resource's display name: the address, preceded by the
# resource's own type.name when it sits in a module, as in
# aws_lb_listener.api (module.web.aws_lb_listener.api).
name(r) := a if {
	a := r.data.address
	not startswith(a, "module.")
} else := sprintf("%s (%s)", [short, a]) if {
	a := r.data.address
	short := regex.replace(a, `^(module\.[^.\[]+(\[("(?:[^"\\]|\\.)*"|[^\]]*)\])?\.)+`, "")
}

# quoted renders a string attribute value for a message: "x", or a note when
# it is missing.
quoted(v) := sprintf("%q", [v]) if is_string(v)

quoted(v) := sprintf("%v", [v]) if not is_string(v)
