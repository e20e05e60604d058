# METADATA
# title: Terraform record helpers
# description: >-
#   Look-ups over terraform.resource records: addresses without instance keys,
#   reference joins, unknown (known after apply) values and display names.
#   Records follow the collector's contract: data carries type, address,
#   values, unknown and references (the last three possibly empty objects)
#   and source carries target; checks read data.values and data.unknown
#   directly where a helper call would cost more than the look-up.
package tomcheck.lib.terraform

# records are all Terraform records a check sees. Joins look in both judged
# evidence and consulted context: a type that a check both judges and consults
# is passed only once, as evidence.
records := array.concat(
	[r | some r in input.evidence; r.kind == "terraform.resource"],
	[r | some r in input.context; r.kind == "terraform.resource"],
)

# Indexes. OPA caches a rule without arguments, and a function per
# argument, once per query, so every index here and in the checks is such a
# rule or function, built in one pass, and checks never scan all records
# inside a per-record loop. Partial rules with a key (p[k] contains v) are
# avoided on purpose: OPA checks every new key against all earlier ones,
# which is quadratic in the number of records, and looks a ground key up by
# re-running the rule body.

# judged_of is the set of judged (in scope) records of resource type t.
judged_of(t) := {r | some r in judged_list(t)}

# judged_list is judged_of as an array, for iteration (some r in ...): OPA
# sorts a set before iterating it, which for records costs deep comparisons.
judged_list(t) := object.get(_judged_by_type, t, [])

# The type indexes are the engine's (input.evidence_by_type and
# input.context_by_type: the managed resources by type, in input order),
# else built here by comprehension indexing: OPA evaluates the inner
# comprehension once for all types (the rule has no arguments). Building
# them here costs about 8 µs a record.
_judged_by_type := idx if {
	idx := input.evidence_by_type
	is_object(idx)
} else := {t: rs |
	some t in {r.data.type | some r in _judged}
	rs := [r | some r in _judged; r.data.type == t]
}

_judged := [r |
	some r in input.evidence
	r.kind == "terraform.resource"
	object.get(r.data, "mode", "managed") != "data"
]

# of_type is the set of all records, judged or consulted, of resource type t.
# A type is either judged or consulted, never both.
of_type(t) := rs if {
	rs := judged_of(t)
	count(rs) > 0
} else := {r | some r in object.get(_consulted_by_type, t, [])}

# of_type_list is of_type as an array, for iteration.
of_type_list(t) := rs if {
	rs := judged_list(t)
	count(rs) > 0
} else := object.get(_consulted_by_type, t, [])

_consulted_by_type := idx if {
	idx := input.context_by_type
	is_object(idx)
} else := {t: rs |
	some t in {r.data.type | some r in _consulted}
	rs := [r | some r in _consulted; r.data.type == t]
}

_consulted := [r |
	some r in input.context
	r.kind == "terraform.resource"
	object.get(r.data, "mode", "managed") != "data"
]

# _addresses maps "<target>/<address>" to the record there, for the records
# of one type (subjects, and so target and address, are unique).
_addresses(t) := {concat("/", [r.source.target, r.data.address]): r | some r in of_type_list(t)}

# _instances maps "<target>/<address without instance keys>" to the
# count/for_each instances of one type.
_instances(t) := group([[key(r), r] | some r in of_type_list(t); contains(r.data.address, "[")])

# instances is the set of records a reference of record r refers to: the
# resource itself, or all its count/for_each instances.
instances(r, ref) := {x | x := _addresses(t)[k]} | object.get(_instances(t), k, set()) if {
	t := ref_type(ref)
	k := concat("/", [r.source.target, ref])
} else := set()

# group builds an index {key: {values}} from [key, value] pairs in one pass;
# look it up with members, or object.get(g, k, set()) in a hot loop. When
# every key occurs once (the usual case: subjects, names) one object
# comprehension builds it; else object.union_n groups the values.
group(pairs) := {p[0]: {p[1]} | some p in pairs} if {
	count({p[0] | some p in pairs}) == count(pairs)
} else := {k: object.keys(vs) | some k, vs in object.union_n([{p[0]: {p[1]: true}} | some p in pairs])}

# members is the set of values grouped under key k, empty when there are none.
members(g, k) := object.get(g, k, set())

# key is "<target>/<address without instance keys>", the form a reference takes.
key(r) := concat("/", [r.source.target, a]) if {
	# config_address, without a call for the usual address without keys.
	a := r.data.address
	not contains(a, "[")
} else := concat("/", [r.source.target, config_address(r.data.address)])

# ref_key is the key of the object that reference ref of record r points to.
ref_key(r, ref) := concat("/", [r.source.target, ref])

# target is the name of the Terraform target the record comes from.
target(r) := r.source.target

_keys_re := `\[("(?:[^"\\]|\\.)*"|[^\]]*)\]`

# config_address strips instance keys:
# module.a["x"].aws_s3_bucket.b[0] -> module.a.aws_s3_bucket.b.
config_address(a) := a if {
	not contains(a, "[")
} else := regex.replace(a, _keys_re, "")

# instance_key is the trailing instance key of an address ("[0]", "[\"a\"]") or "".
instance_key(a) := "" if {
	not endswith(a, "]")
} else := m[0] if {
	m := regex.find_n(concat("", [_keys_re, "$"]), a, 1)
	count(m) == 1
} else := ""

# same_instance holds when two records of count/for_each resources may belong
# together: equal instance keys, or one of them has none, or their keys are of
# different kinds (numeric count index against for_each string key).
# (Most addresses have no instance key: the first two bodies decide those
# without a call.)
same_instance(a, _) if not endswith(a.data.address, "]")

same_instance(_, b) if not endswith(b.data.address, "]")

same_instance(a, b) if {
	ka := instance_key(a.data.address)
	kb := instance_key(b.data.address)

	# Compatible keys: equal, or one of them absent, or of different kinds
	# (numeric count index against for_each string key; the last
	# alternative only matters with two keys).
	true in [ka == "", kb == "", ka == kb, startswith(ka, "[\"") != startswith(kb, "[\"")]
}

# refs are the configuration addresses attribute path (dotted, no indexes) refers to.
refs(r, path) := object.get(r.data, ["references", path], [])

# referenced is the set of records attribute path of r refers to.
referenced(r, path) := {t |
	some ref in object.get(r.data, ["references", path], [])
	some t in instances(r, ref)
	same_instance(r, t)
}

# refers_to_type holds when attribute path of r refers to a resource of type t.
refers_to_type(r, path, t) if {
	some ref in refs(r, path)
	ref_type(ref) == t
}

# ref_type is the resource type named by a configuration address.
ref_type(ref) := t if {
	not contains(ref, "[")
	parts := split(ref, ".")
	n := count(parts)
	n >= 2
	t := parts[n - 2]
} else := t if {
	parts := split(config_address(ref), ".")
	n := count(parts)
	n >= 2
	t := parts[n - 2]
}

# value returns the value at path (an array of keys and list indexes), or null.
# Every record carries data.values (the collector's contract), so one look-up
# suffices.
value(r, path) := object.get(r.data.values, path, null)

# unknown holds when the value at path, or any block containing it, is known
# only after apply.
unknown(r, path) if {
	u := r.data.unknown

	# Most attributes have nothing unknown below them: one look-up decides.
	object.get(u, path[0], false) != false
	_unknown_path(u, path)
}

_unknown_path(u, path) if object.get(u, path, false) == true

_unknown_path(u, path) if {
	count(path) > 1
	some i in numbers.range(1, count(path) - 1)
	object.get(u, array.slice(path, 0, i), false) == true
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
	v := object.get(r.data.values, path, null)
	is_array(v)
} else := []

# referenced_at, blocks_at and unknown_at are referenced, blocks and unknown
# with the record last, for the checks' per-record paths: OPA caches function
# calls in a tree by argument, and an argument that takes few values (a path)
# before the record shares the tree's upper levels among all records.
referenced_at(path, r) := {t |
	some ref in object.get(r.data, ["references", path], [])
	some t in instances(r, ref)
	same_instance(r, t)
}

blocks_at(path, r) := v if {
	v := object.get(r.data.values, path, null)
	is_array(v)
} else := []

unknown_at(path, r) if {
	u := r.data.unknown
	object.get(u, path[0], false) != false
	_unknown_path(u, path)
}

# labels of the resource: Terraform tags_all, else tags merged over default tags.
labels(r) := object.get(r, "labels", {})

# name is the resource's display name: the address, preceded by the
# resource's own type.name when it sits in a module, as in
# aws_lb_listener.api (module.web.aws_lb_listener.api).
name(r) := regex.replace(r.data.address, name_pattern, name_template)

# name_pattern and name_template make name in one regex.replace of the
# address (checks bind them once outside their loop over records). The
# alternatives, tried in order, match a whole module address: without
# instance keys and with more than one part after "module." (the last two
# parts: type.name), or with one ("module.x": all of it); with instance keys
# (all after the leading module.<name>[<key>]. parts); any other (all of it).
# The match is followed by the address in parentheses. An address outside
# modules does not match and stays as it is.
name_pattern := `(?s)^(?:module\.(?:[^.\[]*\.)*([^.\[]*\.[^.\[]*)|(module\.[^.\[]*)|(?:module\.[^.\[]+(?:\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\])?\.)+(.*)|(module\..*))$`

name_template := "${1}${2}${3}${4} (${0})"

# quoted renders a value for a message: strings quoted, anything else as is.
quoted(v) := sprintf("%q", [v]) if is_string(v)

quoted(v) := sprintf("%v", [v]) if not is_string(v)
