package tomcheck.checks.network.no_public_admin_access

import data.tomcheck.lib.testing as t

_t_in(evidence) := {"params": {"ports": [22, 3389, 3306, 5432, 1433, 27017, 6379, 9200]}, "evidence": evidence, "context": []}

test_group_with_public_ssh_fails if {
	sg := t.res("module.net.aws_security_group.web", {"ingress": [
		{"description": "https", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]},
		{"description": "ssh", "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"]},
	]})
	fs := findings with input as _t_in([sg])
	t.messages(fs) == {`aws_security_group.web (module.net.aws_security_group.web) ingress rule #2 ("ssh") (tcp 22) allows 0.0.0.0/0 to reach port 22; claimed: no administrative or database port reachable from the internet`}
	t.messages_de(fs) == {`aws_security_group.web (module.net.aws_security_group.web) Ingress-Regel #2 ("ssh") (tcp 22) erlaubt 0.0.0.0/0 Zugriff auf Port 22; zugesichert: kein Administrations- oder Datenbankport aus dem Internet erreichbar`}
}

test_group_with_a_wide_range_and_ipv6 if {
	sg := t.res("aws_security_group.db", {"ingress": [{"protocol": "6", "from_port": 3000, "to_port": 6000, "ipv6_cidr_blocks": ["::/0"]}]})
	fs := findings with input as _t_in([sg])
	t.messages(fs) == {"aws_security_group.db ingress rule #1 (tcp 3000-6000) allows ::/0 to reach ports 3306, 3389, 5432; claimed: no administrative or database port reachable from the internet"}
}

test_all_traffic if {
	sg := t.res("aws_security_group.open", {"ingress": [{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}]})
	fs := findings with input as _t_in([sg])
	t.messages(fs) == {"aws_security_group.open ingress rule #1 (all traffic) allows 0.0.0.0/0 to reach ports 22, 1433, 3306, 3389, 5432, 6379, 9200, 27017; claimed: no administrative or database port reachable from the internet"}
}

test_group_open_only_on_web_ports_passes if {
	sg := t.res("aws_security_group.web", {"ingress": [
		{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]},
		{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8"]},
		{"protocol": "udp", "from_port": 0, "to_port": 65535, "cidr_blocks": ["0.0.0.0/0"]},
	]})
	fs := findings with input as _t_in([sg])
	t.messages(fs) == {"aws_security_group.web allows no ingress from the internet to ports 22, 1433, 3306, 3389, 5432, 6379, 9200, 27017; claimed: no administrative or database port reachable from the internet"}
}

test_group_without_ingress_passes if {
	fs := findings with input as _t_in([t.res("aws_security_group.empty", {})])
	t.passing(fs) == {"tf:infra/aws_security_group.empty"}
}

test_security_group_rule if {
	ssh := t.res("aws_security_group_rule.ssh", {"type": "ingress", "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]})
	egress := t.res("aws_security_group_rule.out", {"type": "egress", "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]})
	private_rule := t.res("aws_security_group_rule.pg", {"type": "ingress", "protocol": "tcp", "from_port": 5432, "to_port": 5432, "source_security_group_id": "sg-1"})
	fs := findings with input as _t_in([ssh, egress, private_rule])
	t.failing(fs) == {"tf:infra/aws_security_group_rule.ssh"}
	t.passing(fs) == {"tf:infra/aws_security_group_rule.pg"}
	"aws_security_group_rule.ssh (tcp 22) allows 0.0.0.0/0 to reach port 22; claimed: no administrative or database port reachable from the internet" in t.messages(fs)
}

test_vpc_ingress_rule if {
	rdp := t.res("aws_vpc_security_group_ingress_rule.rdp", {"ip_protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr_ipv4": "0.0.0.0/0"})
	any_proto := t.res("aws_vpc_security_group_ingress_rule.all", {"ip_protocol": "-1", "cidr_ipv6": "::/0"})
	ok := t.res("aws_vpc_security_group_ingress_rule.https", {"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0"})
	fs := findings with input as _t_in([rdp, any_proto, ok])
	t.failing(fs) == {"tf:infra/aws_vpc_security_group_ingress_rule.rdp", "tf:infra/aws_vpc_security_group_ingress_rule.all"}
	t.passing(fs) == {"tf:infra/aws_vpc_security_group_ingress_rule.https"}
}

test_unknown_cidr_is_inconclusive if {
	r := t.res_with("aws_security_group_rule.ssh", {"type": "ingress", "protocol": "tcp", "from_port": 22, "to_port": 22}, {"unknown": {"cidr_blocks": true}})
	fs := findings with input as _t_in([r])
	t.messages(fs) == {"aws_security_group_rule.ssh (tcp 22) reaches port 22 from CIDRs known only after apply; claimed: no administrative or database port reachable from the internet"}
	t.inconclusive(fs) == {"tf:infra/aws_security_group_rule.ssh"}
}

test_unknown_ports_on_a_public_rule_are_inconclusive if {
	r := t.res_with("aws_vpc_security_group_ingress_rule.x", {"ip_protocol": "tcp", "cidr_ipv4": "0.0.0.0/0"}, {"unknown": {"from_port": true, "to_port": true}})
	fs := findings with input as _t_in([r])
	t.inconclusive(fs) == {"tf:infra/aws_vpc_security_group_ingress_rule.x"}
}

test_custom_ports if {
	sg := t.res("aws_security_group.app", {"ingress": [{"protocol": "tcp", "from_port": 8080, "to_port": 8080, "cidr_blocks": ["0.0.0.0/0"]}]})
	fs := findings with input as {"params": {"ports": [8080]}, "evidence": [sg], "context": []}
	t.failing(fs) == {"tf:infra/aws_security_group.app"}
}

test_unknown_ingress_list_is_inconclusive if {
	sg := t.res_with("aws_security_group.dyn", {}, {"unknown": {"ingress": true}})
	fs := findings with input as _t_in([sg])
	t.messages(fs) == {"aws_security_group.dyn: its ingress rules are known only after apply; claimed: no administrative or database port reachable from the internet"}
	t.inconclusive(fs) == {"tf:infra/aws_security_group.dyn"}
}

test_unknown_cidr_element_in_an_inline_rule if {
	sg := t.res_with("aws_security_group.web", {"ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8", null]}]}, {"unknown": {"ingress": [{"cidr_blocks": [false, true]}]}})
	fs := findings with input as _t_in([sg])
	t.inconclusive(fs) == {"tf:infra/aws_security_group.web"}
}

test_reach if {
	r := _reach("tcp", 22, 22) with input as {"params": {}}
	r.range == "tcp 22"
	r.ports == "port 22"
	r.allows == " (tcp 22) allows "
	r.reaches_de == " Zugriff auf Port 22; zugesichert: kein Administrations- oder Datenbankport aus dem Internet erreichbar"
	all := _reach(-1, null, null) with input as {"params": {"ports": [3306, 22]}}
	all.range_de == "jeder Verkehr"
	all.ports == "ports 22, 3306"
	all.ports_de == "die Ports 22, 3306"
	_reach("tcp", 23, 1000) == {} with input as {"params": {}}
	_reach("udp", 0, 65535) == {} with input as {"params": {}}
	_reach("tcp", null, 22) == {} with input as {"params": {}}
}

test_inline_labels if {
	_inline_labels(0, "ssh") == [` ingress rule #1 ("ssh")`, ` Ingress-Regel #1 ("ssh")`]
	_inline_labels(2, "") == [" ingress rule #3", " Ingress-Regel #3"]
	_inline_labels(1, null) == [" ingress rule #2", " Ingress-Regel #2"]
}

test_finding_helpers if {
	r := t.res("aws_security_group_rule.x", {})
	p := _pass(r, "n") with input as {"params": {"ports": [22]}}
	p.message == "n allows no ingress from the internet to ports 22; claimed: no administrative or database port reachable from the internet"
	p.pass == true
	e := _exposure(r, "n", " L", " L_de", {"allows": " a ", "reaches": " r", "allows_de": " a_de ", "reaches_de": " r_de"}, "::/0")
	e.message == "n L a ::/0 r"
	e.message_de == "n L_de a_de ::/0 r_de"
	e.evidence == ["sha256:aws_security_group_rule.x"]
	i := _inconclusive(r, "en", "de")
	i.inconclusive == true
	i.pass == false
}

# Records with an ingress value unknown take the general path; an unknown
# value that does not change the outcome must not change the findings.
test_fast_and_general_paths_agree if {
	values := {
		"aws_security_group.a": {"ingress": [
			{"description": "web", "protocol": "tcp", "from_port": 80, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]},
			{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0", null], "ipv6_cidr_blocks": ["::/0"]},
			{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_blocks": "0.0.0.0/0"},
		]},
		"aws_security_group.b": {"ingress": [{"protocol": "udp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]}]},
		"module.m.aws_security_group.c": {"ingress": "none"},
		"aws_security_group_rule.a": {"type": "ingress", "protocol": "6", "from_port": 20, "to_port": 3400, "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": ["::/0"]},
		"aws_security_group_rule.b": {"type": "ingress", "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8"]},
		"aws_vpc_security_group_ingress_rule.a": {"ip_protocol": "all", "cidr_ipv4": "0.0.0.0/0", "cidr_ipv6": "::/0"},
		"aws_vpc_security_group_ingress_rule.b": {"ip_protocol": "tcp", "from_port": 9200, "to_port": 9200, "cidr_ipv4": "10.0.0.0/0"},
		"aws_vpc_security_group_ingress_rule.c": {"ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "10.1.0.0/16"},
	}
	known := [t.res(a, v) | some a, v in values]

	# unknown values that change nothing; ingress and from_port send
	# every record to the general path
	other := [t.res_with(a, v, {"unknown": {"tags": true}}) | some a, v in values]
	general := [t.res_with(a, v, {"unknown": {"ingress": [{}], "from_port": null}}) | some a, v in values]
	fs := findings with input as _t_in(known)
	count(fs) == 11
	fs == findings with input as _t_in(other)
	fs == findings with input as _t_in(general)
}

test_known if {
	_ingress_known({})
	_ingress_known({"arn": true, "ingress": false})
	not _ingress_known({"ingress": true})
	not _ingress_known({"ingress": [{"cidr_blocks": [true]}]})
	not _ingress_known(true)
	_rule_known({"id": true, "source_security_group_id": true})
	not _rule_known({"cidr_blocks": [true]})
	not _rule_known({"cidr_ipv6": true})
	not _rule_known({"to_port": true})
	not _rule_known({"ip_protocol": null})
	not _rule_known(true)
}
