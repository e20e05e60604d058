package tomcheck.checks.network.no_public_admin_access

import data.tomcheck.lib.terraform as tf

# Two paths, with the same findings. Records none of whose ingress values is
# known only after apply (the common case; other unknown values, such as an
# arn or id, do not matter) are judged straight from their values: one
# failing finding per public CIDR of a rule that reaches a protected port,
# else a single pass. Records with an ingress value unknown take the general
# path (_judge), which first puts every ingress rule in a common shape:
# {"label", "label_de", "protocol", "from", "to", "cidrs", "cidr_attrs",
# "unknown"}, with the attributes that hold its CIDRs and what of it is known
# only after apply.
# The fast paths read the constants they need once, before the loop over the
# records (a rule reference inside the loop is looked up per record).

# findings about security groups whose ingress blocks are known.
findings contains f if {
	name_re := _name_re
	name_template := _name_template
	pass_en := _pass_en
	pass_de := _pass_de
	some r in tf.judged_list("aws_security_group")
	_ingress_known(r.data.unknown)
	name := regex.replace(r.data.address, name_re, name_template)
	fails := [f |
		blocks := object.get(r.data.values, "ingress", [])
		is_array(blocks)
		some i, b in blocks

		# what the block opens first: _reach is computed once per rule shape
		reach := _reach(object.get(b, "protocol", null), object.get(b, "from_port", null), object.get(b, "to_port", null))
		reach != {}
		some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
		cidrs := object.get(b, attr, [])
		is_array(cidrs)
		some cidr in cidrs
		is_string(cidr)
		endswith(cidr, "/0")
		[label, label_de] := _inline_labels(i, object.get(b, "description", null))
		f := {
			"subject": r.subject, "pass": false, "evidence": [r.digest],
			"message": concat("", [name, label, reach.allows, cidr, reach.reaches]),
			"message_de": concat("", [name, label_de, reach.allows_de, cidr, reach.reaches_de]),
		}
	]
	some f in array.concat(fails, [p |
		count(fails) == 0
		p := {
			"subject": r.subject, "pass": true, "evidence": [r.digest],
			"message": concat("", [name, pass_en]),
			"message_de": concat("", [name, pass_de]),
		}
	])
}

# findings about ingress security group rules whose values are known.
findings contains f if {
	name_re := _name_re
	name_template := _name_template
	pass_en := _pass_en
	pass_de := _pass_de
	some r in tf.judged_list("aws_security_group_rule")
	v := r.data.values
	object.get(v, "type", null) == "ingress"
	_rule_known(r.data.unknown)
	name := regex.replace(r.data.address, name_re, name_template)
	fails := [f |
		some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
		cidrs := object.get(v, attr, null)
		is_array(cidrs)
		some cidr in cidrs
		is_string(cidr)
		endswith(cidr, "/0")
		reach := _reach(object.get(v, "protocol", null), object.get(v, "from_port", null), object.get(v, "to_port", null))
		reach != {}
		f := {
			"subject": r.subject, "pass": false, "evidence": [r.digest],
			"message": concat("", [name, reach.allows, cidr, reach.reaches]),
			"message_de": concat("", [name, reach.allows_de, cidr, reach.reaches_de]),
		}
	]
	some f in array.concat(fails, [p |
		count(fails) == 0
		p := {
			"subject": r.subject, "pass": true, "evidence": [r.digest],
			"message": concat("", [name, pass_en]),
			"message_de": concat("", [name, pass_de]),
		}
	])
}

# findings about VPC security group ingress rules whose values are known.
findings contains f if {
	name_re := _name_re
	name_template := _name_template
	pass_en := _pass_en
	pass_de := _pass_de
	some r in tf.judged_list("aws_vpc_security_group_ingress_rule")
	v := r.data.values
	_rule_known(r.data.unknown)
	name := regex.replace(r.data.address, name_re, name_template)
	fails := [f |
		some attr in ["cidr_ipv4", "cidr_ipv6"]
		cidr := object.get(v, attr, null)
		is_string(cidr)
		endswith(cidr, "/0")
		reach := _reach(object.get(v, "ip_protocol", null), object.get(v, "from_port", null), object.get(v, "to_port", null))
		reach != {}
		f := {
			"subject": r.subject, "pass": false, "evidence": [r.digest],
			"message": concat("", [name, reach.allows, cidr, reach.reaches]),
			"message_de": concat("", [name, reach.allows_de, cidr, reach.reaches_de]),
		}
	]
	some f in array.concat(fails, [p |
		count(fails) == 0
		p := {
			"subject": r.subject, "pass": true, "evidence": [r.digest],
			"message": concat("", [name, pass_en]),
			"message_de": concat("", [name, pass_de]),
		}
	])
}

# findings about security groups with ingress values known only after apply
# (general path; an empty unknown is ruled out first, cheaply).
findings contains f if {
	some r in tf.judged_list("aws_security_group")
	not r.data.unknown == {}
	not _ingress_known(r.data.unknown)
	not r.data.unknown.ingress == true
	some f in _judge(r, _name(r.data.address), _inline_rules(r))
}

# findings about ingress security group rules with values known only after apply.
findings contains f if {
	some r in tf.judged_list("aws_security_group_rule")
	not r.data.unknown == {}
	not _rule_known(r.data.unknown)
	object.get(r.data.values, "type", null) == "ingress"
	some f in _judge(r, _name(r.data.address), [_sg_rule(r)])
}

# findings about VPC ingress rules with values known only after apply.
findings contains f if {
	some r in tf.judged_list("aws_vpc_security_group_ingress_rule")
	not r.data.unknown == {}
	not _rule_known(r.data.unknown)
	some f in _judge(r, _name(r.data.address), [_vpc_rule(r)])
}

# findings about security groups whose whole ingress list is unknown.
findings contains f if {
	some r in tf.judged_list("aws_security_group")
	r.data.unknown.ingress == true
	name := _name(r.data.address)
	f := {
		"subject": r.subject, "pass": false, "inconclusive": true, "evidence": [r.digest],
		"message": sprintf("%s: its ingress rules are known only after apply; %s", [name, claimed]),
		"message_de": sprintf("%s: seine Ingress-Regeln sind erst nach dem Apply bekannt; %s", [name, claimed_de]),
	}
}

# _ingress_known holds when unknown (a security group's data.unknown) says
# nothing about its ingress blocks. OPA caches it per distinct unknown.
_ingress_known(unknown) if {
	is_object(unknown)
	not unknown.ingress
}

# _rule_known holds when unknown (a security group rule's data.unknown) says
# nothing about the rule's CIDRs, ports or protocol.
_rule_known(unknown) if {
	is_object(unknown)
	every a in ["cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6", "from_port", "to_port", "protocol", "ip_protocol"] {
		not unknown[a]
	}
}

# _name is tf.name for the address a: one regex.replace with the lib's
# pattern and template (cheaper than a call of tf.name with the record).
_name(a) := regex.replace(a, _name_re, _name_template)

_name_re := tf.name_pattern

_name_template := tf.name_template

# _pass is the passing finding about record r named name.
_pass(r, name) := {
	"subject": r.subject, "pass": true, "evidence": [r.digest],
	"message": concat("", [name, _pass_en]),
	"message_de": concat("", [name, _pass_de]),
}

# _pass_en and _pass_de are the passing messages after the record's name.
_pass_en := sprintf(" allows no ingress from the internet to ports %s; %s", [_ports_text(ports), claimed])

_pass_de := sprintf(" erlaubt aus dem Internet keinen Zugriff auf die Ports %s; %s", [_ports_text(ports), claimed_de])

# _exposure is the failing finding about record r: its rule labelled label
# lets cidr reach the ports of reach (see _reach).
_exposure(r, name, label, label_de, reach, cidr) := {
	"subject": r.subject, "pass": false, "evidence": [r.digest],
	"message": concat("", [name, label, reach.allows, cidr, reach.reaches]),
	"message_de": concat("", [name, label_de, reach.allows_de, cidr, reach.reaches_de]),
}

# _inconclusive is the inconclusive finding about record r.
_inconclusive(r, en, de) := {"subject": r.subject, "pass": false, "inconclusive": true, "evidence": [r.digest], "message": en, "message_de": de}

# _inline_labels are the English and German labels of inline ingress block
# i (from 0) with the given description.
_inline_labels(i, description) := [
	sprintf(" ingress rule #%d%s", [i + 1, d]),
	sprintf(" Ingress-Regel #%d%s", [i + 1, d]),
] if {
	d := _description(description)
}

# _description is a block's description as labels show it, or "".
_description(d) := sprintf(" (%q)", [d]) if {
	is_string(d)
	d != ""
} else := ""

# _inline_rules are the inline ingress blocks of security group r in the common shape.
_inline_rules(r) := [{
	"label": label,
	"label_de": label_de,
	"protocol": object.get(b, "protocol", null),
	"from": object.get(b, "from_port", null),
	"to": object.get(b, "to_port", null),
	"cidrs": array.concat(_strings(object.get(b, "cidr_blocks", [])), _strings(object.get(b, "ipv6_cidr_blocks", []))),
	"cidr_attrs": ["cidr_blocks", "ipv6_cidr_blocks"],
	"unknown": object.get(r.data.unknown, ["ingress", i], {}),
} |
	some i, b in tf.blocks_at(["ingress"], r)
	[label, label_de] := _inline_labels(i, object.get(b, "description", null))
]

# _sg_rule is aws_security_group_rule r in the common shape.
_sg_rule(r) := {
	"label": "", "label_de": "",
	"protocol": object.get(r.data.values, "protocol", null),
	"from": object.get(r.data.values, "from_port", null),
	"to": object.get(r.data.values, "to_port", null),
	"cidrs": array.concat(_strings(object.get(r.data.values, "cidr_blocks", null)), _strings(object.get(r.data.values, ["ipv6_cidr_blocks"], null))),
	"cidr_attrs": ["cidr_blocks", "ipv6_cidr_blocks"],
	"unknown": r.data.unknown,
}

# _vpc_rule is aws_vpc_security_group_ingress_rule r in the common shape.
_vpc_rule(r) := {
	"label": "", "label_de": "",
	"protocol": object.get(r.data.values, "ip_protocol", null),
	"from": object.get(r.data.values, "from_port", null),
	"to": object.get(r.data.values, "to_port", null),
	"cidrs": [c | some c in [object.get(r.data.values, ["cidr_ipv4"], null), object.get(r.data.values, ["cidr_ipv6"], null)]; is_string(c)],
	"cidr_attrs": ["cidr_ipv4", "cidr_ipv6"],
	"unknown": r.data.unknown,
}

# _strings are the strings in xs, or none when xs is not an array.
_strings(xs) := [x | some x in xs; is_string(x)] if {
	is_array(xs)
} else := []

# _judge returns the findings about record r (named name) from its ingress
# rules: one failing finding per public CIDR that reaches a protected port,
# one inconclusive per rule whose reach is unknown, else a single pass.
_judge(r, name, rules) := fs if {
	fs := {f | some rule in rules; some f in _exposures(r, name, rule)} | {f | some rule in rules; some f in _unknowns(r, name, rule)}
	count(fs) > 0
} else := {_pass(r, name)}

# _exposures are the failing findings of one rule: one per public CIDR, when
# the rule reaches a protected port.
_exposures(r, name, rule) := {f |
	some cidr in rule.cidrs
	endswith(cidr, "/0")
	reach := _reach(rule.protocol, rule.from, rule.to)
	reach != {}
	f := _exposure(r, name, rule.label, rule.label_de, reach, cidr)
}

# _unknowns are the inconclusive findings of one rule: its CIDRs are unknown
# and its ports known and protected, or its ports are unknown and it may be
# public.
_unknowns(r, name, rule) := {f |
	_cidr_unknown(rule)
	not _ports_unknown(rule)
	reach := _reach(rule.protocol, rule.from, rule.to)
	reach != {}
	f := _inconclusive(
		r,
		sprintf("%s%s (%s) reaches %s from CIDRs known only after apply; %s", [name, rule.label, reach.range, reach.ports, claimed]),
		sprintf("%s%s (%s) erlaubt Zugriff auf %s aus erst nach dem Apply bekannten CIDRs; %s", [name, rule.label_de, reach.range_de, reach.ports_de, claimed_de]),
	)
} | {f |
	_ports_unknown(rule)
	_may_be_public(rule)
	public := _public_text(rule)
	f := _inconclusive(
		r,
		sprintf("%s%s allows %s to ports or a protocol known only after apply; %s", [name, rule.label, public, claimed]),
		sprintf("%s%s erlaubt %s Zugriff auf erst nach dem Apply bekannte Ports oder Protokolle; %s", [name, rule.label_de, public, claimed_de]),
	)
}

# rule.unknown mirrors the rule's values: true where known only after apply.
_cidr_unknown(rule) if rule.unknown == true

_cidr_unknown(rule) if {
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

_ports_unknown(rule) if rule.unknown == true

_ports_unknown(rule) if {
	is_object(rule.unknown)
	some a in ["from_port", "to_port", "protocol", "ip_protocol"]
	rule.unknown[a] == true
}

_may_be_public(rule) if {
	some c in rule.cidrs
	endswith(c, "/0")
}

_may_be_public(rule) if _cidr_unknown(rule)

_public_text(rule) := concat(", ", [c | some c in rule.cidrs; endswith(c, "/0")]) if {
	some c in rule.cidrs
	endswith(c, "/0")
} else := "CIDRs known only after apply"

# _reach describes the protected ports a rule with this protocol and port
# range opens, as messages show them: the range ("tcp 22", "all traffic"),
# the ports ("port 22"), and the text around the CIDR in a failing message
# (allows: " (tcp 22) allows ", reaches: " to reach port 22; claimed: ..."),
# each also in German; {} when the rule opens none. It depends on the three
# values only, so OPA computes it once per distinct rule shape.
_reach(protocol, from, to) := {
	"range": range,
	"range_de": range_de,
	"ports": ports_en,
	"ports_de": ports_de,
	"allows": sprintf(" (%s) allows ", [range]),
	"reaches": sprintf(" to reach %s; %s", [ports_en, claimed]),
	"allows_de": sprintf(" (%s) erlaubt ", [range_de]),
	"reaches_de": sprintf(" Zugriff auf %s; %s", [ports_de, claimed_de]),
} if {
	reached := _reached(protocol, from, to)
	count(reached) > 0
	range := _range(protocol, from, to)
	range_de := _range_de(protocol, range)
	ports_en := _port_list(reached)
	ports_de := _port_list_de(reached)
} else := {}

_all_traffic(protocol) if protocol in {"-1", "all", -1}

_tcp(protocol) if protocol in {"tcp", "TCP", "6", 6}

# _port_set are the protected ports as a set.
_port_set := {p | some p in ports}

# _reached are the protected ports a rule opens.
_reached(protocol, from, to) := _port_set if {
	_all_traffic(protocol)
} else := {p |
	some p in ports
	from <= p
	p <= to
} if {
	_tcp(protocol)
	is_number(from)
	is_number(to)
} else := set()

_range(protocol, from, to) := "all traffic" if {
	_all_traffic(protocol)
} else := sprintf("tcp %v", [from]) if {
	from == to
} else := sprintf("tcp %v-%v", [from, to])

_range_de(protocol, range) := "jeder Verkehr" if {
	_all_traffic(protocol)
} else := range

_port_list(ps) := sprintf("port %v", [p]) if {
	count(ps) == 1
	some p in ps
} else := sprintf("ports %s", [_ports_text(ps)])

_port_list_de(ps) := sprintf("Port %v", [p]) if {
	count(ps) == 1
	some p in ps
} else := sprintf("die Ports %s", [_ports_text(ps)])

_ports_text(ps) := concat(", ", [sprintf("%v", [p]) | some p in sort(ps)])
