package tomcheck.checks.network.no_public_admin_access

import data.tomcheck.lib.finding
import data.tomcheck.lib.terraform as tf

# A rule is {"label", "label_de", "path", "protocol", "from", "to", "cidrs",
# "cidr_paths"}: one ingress rule in a common shape, with the value paths
# that may be unknown.

findings contains f if {
	some r in tf.judged_list("aws_security_group")
	not r.data.unknown.ingress == true
	js := _judge(r, _inline_rules(r))
	some j in js
	f := finding.from(r, j)
}

findings contains f if {
	some r in tf.judged_list("aws_security_group_rule")
	object.get(r.data.values, "type", null) == "ingress"
	some j in _judge(r, [_sg_rule(r)])
	f := finding.from(r, j)
}

findings contains f if {
	some r in tf.judged_list("aws_vpc_security_group_ingress_rule")
	some j in _judge(r, [_vpc_rule(r)])
	f := finding.from(r, j)
}

findings contains f if {
	some r in tf.judged_list("aws_security_group")
	r.data.unknown.ingress == true
	f := finding.inconclusive(r, [], sprintf("%s: its ingress rules are known only after apply; %s", [tf.name(r), claimed]), sprintf("%s: seine Ingress-Regeln sind erst nach dem Apply bekannt; %s", [tf.name(r), claimed_de]))
}

_inline_rules(r) := [{
	"label": sprintf(" ingress rule #%d%s", [i + 1, _description(b)]),
	"label_de": sprintf(" Ingress-Regel #%d%s", [i + 1, _description(b)]),
	"path": ["ingress", i],
	"protocol": object.get(b, "protocol", null),
	"from": object.get(b, "from_port", null),
	"to": object.get(b, "to_port", null),
	"cidrs": array.concat(_strings(object.get(b, "cidr_blocks", [])), _strings(object.get(b, "ipv6_cidr_blocks", []))),
	"cidr_attrs": ["cidr_blocks", "ipv6_cidr_blocks"],
	"unknown": object.get(r.data.unknown, ["ingress", i], {}),
} |
	some i, b in tf.blocks_at(["ingress"], r)
]

_description(b) := sprintf(" (%q)", [b.description]) if {
	is_string(b.description)
	b.description != ""
} else := ""

_sg_rule(r) := {
	"label": "", "label_de": "", "path": [],
	"protocol": object.get(r.data.values, "protocol", null),
	"from": object.get(r.data.values, "from_port", null),
	"to": object.get(r.data.values, "to_port", null),
	"cidrs": array.concat(_strings(object.get(r.data.values, "cidr_blocks", null)), _strings(object.get(r.data.values, ["ipv6_cidr_blocks"], null))),
	"cidr_attrs": ["cidr_blocks", "ipv6_cidr_blocks"],
	"unknown": r.data.unknown,
}

_vpc_rule(r) := {
	"label": "", "label_de": "", "path": [],
	"protocol": object.get(r.data.values, "ip_protocol", null),
	"from": object.get(r.data.values, "from_port", null),
	"to": object.get(r.data.values, "to_port", null),
	"cidrs": [c | some c in [object.get(r.data.values, ["cidr_ipv4"], null), object.get(r.data.values, ["cidr_ipv6"], null)]; is_string(c)],
	"cidr_attrs": ["cidr_ipv4", "cidr_ipv6"],
	"unknown": r.data.unknown,
}

_strings(xs) := [x | some x in xs; is_string(x)] if {
	is_array(xs)
} else := []

# _judge returns the judgements of a record's ingress rules: one failing
# judgement per public CIDR that reaches a protected port, one inconclusive
# per rule whose reach is unknown, else a single pass.
_judge(r, rules) := fails | opens if {
	fails := {j | some rule in rules; some j in _exposures(r, rule)}
	opens := {j | some rule in rules; some j in _unknowns(r, rule)}
	count(fails | opens) > 0
} else := {{
	"state": "pass",
	"en": sprintf("%s allows no ingress from the internet to ports %s; %s", [tf.name(r), _ports_text(ports), claimed]),
	"de": sprintf("%s erlaubt aus dem Internet keinen Zugriff auf die Ports %s; %s", [tf.name(r), _ports_text(ports), claimed_de]),
}}

_exposures(r, rule) := {j |
	some cidr in rule.cidrs
	endswith(cidr, "/0")
	reached := _reached(rule)
	count(reached) > 0
	j := {
		"state": "fail",
		"en": sprintf("%s%s (%s) allows %s to reach %s; %s", [tf.name(r), rule.label, _range(rule), cidr, _port_list(reached), claimed]),
		"de": sprintf("%s%s (%s) erlaubt %s Zugriff auf %s; %s", [tf.name(r), rule.label_de, _range_de(rule), cidr, _port_list_de(reached), claimed_de]),
	}
}

_unknowns(r, rule) := {j |
	_cidr_unknown(r, rule)
	not _ports_unknown(r, rule)
	count(_reached(rule)) > 0
	j := {
		"state": "inconclusive",
		"en": sprintf("%s%s (%s) reaches %s from CIDRs known only after apply; %s", [tf.name(r), rule.label, _range(rule), _port_list(_reached(rule)), claimed]),
		"de": sprintf("%s%s (%s) erlaubt Zugriff auf %s aus erst nach dem Apply bekannten CIDRs; %s", [tf.name(r), rule.label_de, _range_de(rule), _port_list_de(_reached(rule)), claimed_de]),
	}
} | {j |
	_ports_unknown(r, rule)
	_may_be_public(r, rule)
	j := {
		"state": "inconclusive",
		"en": sprintf("%s%s allows %s to ports or a protocol known only after apply; %s", [tf.name(r), rule.label, _public_text(rule), claimed]),
		"de": sprintf("%s%s erlaubt %s Zugriff auf erst nach dem Apply bekannte Ports oder Protokolle; %s", [tf.name(r), rule.label_de, _public_text(rule), claimed_de]),
	}
}

# rule.unknown mirrors the rule's values: true where known only after apply.
_cidr_unknown(_, rule) if rule.unknown == true

_cidr_unknown(_, rule) if {
	is_object(rule.unknown)
	some a in rule.cidr_attrs
	x := object.get(rule.unknown, a, false)
	_any_true(x)
}

_any_true(x) if x == true

_any_true(x) if {
	is_array(x)
	true in x
}

_ports_unknown(_, rule) if rule.unknown == true

_ports_unknown(_, rule) if {
	is_object(rule.unknown)
	some a in ["from_port", "to_port", "protocol", "ip_protocol"]
	rule.unknown[a] == true
}

_may_be_public(_, rule) if {
	some c in rule.cidrs
	endswith(c, "/0")
}

_may_be_public(r, rule) if _cidr_unknown(r, rule)

_public_text(rule) := concat(", ", [c | some c in rule.cidrs; endswith(c, "/0")]) if {
	some c in rule.cidrs
	endswith(c, "/0")
} else := "CIDRs known only after apply"

_all_traffic(rule) if rule.protocol in {"-1", "all", -1}

_tcp(rule) if rule.protocol in {"tcp", "TCP", "6", 6}

# _reached are the protected ports a rule opens.
_reached(rule) := {p | some p in ports} if {
	_all_traffic(rule)
} else := {p |
	some p in ports
	rule.from <= p
	p <= rule.to
} if {
	_tcp(rule)
	is_number(rule.from)
	is_number(rule.to)
} else := set()

_range(rule) := "all traffic" if {
	_all_traffic(rule)
} else := sprintf("tcp %v", [rule.from]) if {
	rule.from == rule.to
} else := sprintf("tcp %v-%v", [rule.from, rule.to])

_range_de(rule) := "jeder Verkehr" if {
	_all_traffic(rule)
} else := _range(rule)

_port_list(ps) := sprintf("port %v", [p]) if {
	count(ps) == 1
	some p in ps
} else := sprintf("ports %s", [_ports_text(ps)])

_port_list_de(ps) := sprintf("Port %v", [p]) if {
	count(ps) == 1
	some p in ps
} else := sprintf("die Ports %s", [_ports_text(ps)])

_ports_text(ps) := concat(", ", [sprintf("%v", [p]) | some p in sort(ps)])
