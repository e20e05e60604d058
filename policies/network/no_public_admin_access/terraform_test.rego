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
