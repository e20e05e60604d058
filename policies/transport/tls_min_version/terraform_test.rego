package tomcheck.checks.transport.tls_min_version

import data.tomcheck.lib.testing as t

_t_in(evidence) := {"params": {"min_version": "1.2"}, "evidence": evidence, "context": []}

test_listener_with_an_old_policy_fails if {
	l := t.res("module.web.aws_lb_listener.api", {"protocol": "HTTPS", "port": 443, "ssl_policy": "ELBSecurityPolicy-2016-08"})
	fs := findings with input as _t_in([l])
	t.messages(fs) == {`aws_lb_listener.api (module.web.aws_lb_listener.api) allows TLS 1.0 via ssl_policy "ELBSecurityPolicy-2016-08"; claimed minimum TLS 1.2`}
	t.messages_de(fs) == {`aws_lb_listener.api (module.web.aws_lb_listener.api) erlaubt TLS 1.0 über ssl_policy "ELBSecurityPolicy-2016-08"; zugesichert ist mindestens TLS 1.2`}
	t.failing(fs) == {"tf:infra/module.web.aws_lb_listener.api"}
}

test_listener_with_a_tls13_policy_passes if {
	l := t.res("aws_lb_listener.api", {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})
	fs := findings with input as _t_in([l])
	t.messages(fs) == {`aws_lb_listener.api accepts TLS 1.2 and newer via ssl_policy "ELBSecurityPolicy-TLS13-1-2-2021-06"; claimed minimum TLS 1.2`}
	f13 := findings with input as object.union(_t_in([l]), {"params": {"min_version": "1.3"}})
	t.failing(f13) == {"tf:infra/aws_lb_listener.api"}
}

test_nlb_tls_listener_and_alb_alias if {
	nlb := t.res("aws_lb_listener.tls", {"protocol": "TLS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-3-2021-06"})
	alb := t.res("aws_alb_listener.old", {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS-1-1-2017-01"})
	fs := findings with input as _t_in([nlb, alb])
	t.passing(fs) == {"tf:infra/aws_lb_listener.tls"}
	t.failing(fs) == {"tf:infra/aws_alb_listener.old"}
}

test_listener_without_policy_gets_the_api_default if {
	l := t.res("aws_lb_listener.api", {"protocol": "HTTPS"})
	fs := findings with input as _t_in([l])
	t.messages(fs) == {`aws_lb_listener.api allows TLS 1.0 via the default ssl_policy "ELBSecurityPolicy-2016-08" (none is set); claimed minimum TLS 1.2`}
}

test_listener_unknown_policy_is_inconclusive if {
	l := t.res_with("aws_lb_listener.api", {"protocol": "HTTPS"}, {"unknown": {"ssl_policy": true}})
	fs := findings with input as _t_in([l])
	t.inconclusive(fs) == {"tf:infra/aws_lb_listener.api"}
	t.messages(fs) == {"aws_lb_listener.api: ssl_policy is known only after apply; claimed minimum TLS 1.2"}
}

test_listener_with_a_policy_name_not_in_the_table if {
	l := t.res("aws_lb_listener.api", {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-Future-2030"})
	fs := findings with input as _t_in([l])
	t.inconclusive(fs) == {"tf:infra/aws_lb_listener.api"}
}

test_plain_http_listener_is_not_judged if {
	http := t.res("aws_lb_listener.http", {"protocol": "HTTP", "port": 80})
	unset := t.res("aws_lb_listener.unset", {"port": 80})
	tcp := t.res("aws_lb_listener.tcp", {"protocol": "TCP", "port": 5432})
	fs := findings with input as _t_in([http, unset, tcp])
	count(fs) == 0
}

test_listener_unknown_protocol_is_inconclusive if {
	l := t.res_with("aws_lb_listener.x", {}, {"unknown": {"protocol": true}})
	fs := findings with input as _t_in([l])
	t.inconclusive(fs) == {"tf:infra/aws_lb_listener.x"}
}

test_cloudfront if {
	ok := t.res("aws_cloudfront_distribution.ok", {"viewer_certificate": [{"acm_certificate_arn": "arn:aws:acm:us-east-1:1:certificate/c", "minimum_protocol_version": "TLSv1.2_2021"}]})
	default_cert := t.res("aws_cloudfront_distribution.default", {"viewer_certificate": [{"cloudfront_default_certificate": true}]})
	old := t.res("aws_cloudfront_distribution.old", {"viewer_certificate": [{"minimum_protocol_version": "TLSv1.1_2016"}]})
	unset := t.res("aws_cloudfront_distribution.unset", {"viewer_certificate": [{"acm_certificate_arn": "arn:aws:acm:us-east-1:1:certificate/c"}]})
	unknown := t.res_with("aws_cloudfront_distribution.unknown", {"viewer_certificate": [{}]}, {"unknown": {"viewer_certificate": [{"minimum_protocol_version": true}]}})
	fs := findings with input as _t_in([ok, default_cert, old, unset, unknown])
	t.passing(fs) == {"tf:infra/aws_cloudfront_distribution.ok"}
	t.failing(fs) == {"tf:infra/aws_cloudfront_distribution.default", "tf:infra/aws_cloudfront_distribution.old", "tf:infra/aws_cloudfront_distribution.unset"}
	t.inconclusive(fs) == {"tf:infra/aws_cloudfront_distribution.unknown"}
	"aws_cloudfront_distribution.default allows TLS 1.0 via the CloudFront default certificate (cloudfront_default_certificate = true); claimed minimum TLS 1.2" in t.messages(fs)
}

test_api_gateway_domains if {
	v1_ok := t.res("aws_api_gateway_domain_name.ok", {"security_policy": "TLS_1_2"})
	v1_old := t.res("aws_api_gateway_domain_name.old", {"security_policy": "TLS_1_0"})
	v1_unset := t.res("aws_api_gateway_domain_name.unset", {})
	v1_enhanced := t.res("aws_api_gateway_domain_name.enhanced", {"security_policy": "SecurityPolicy_TLS13_1_3_2025_09"})
	v2 := t.res("aws_apigatewayv2_domain_name.v2", {"domain_name_configuration": [{"security_policy": "TLS_1_2"}]})
	fs := findings with input as _t_in([v1_ok, v1_old, v1_unset, v1_enhanced, v2])
	t.passing(fs) == {"tf:infra/aws_api_gateway_domain_name.ok", "tf:infra/aws_api_gateway_domain_name.enhanced", "tf:infra/aws_apigatewayv2_domain_name.v2"}
	t.failing(fs) == {"tf:infra/aws_api_gateway_domain_name.old"}
	t.inconclusive(fs) == {"tf:infra/aws_api_gateway_domain_name.unset"}
}

# Verdicts, tables and the usual paths

test_result_and_open_verdicts if {
	_result("tls1.2", "ssl_policy \"P\"", "ssl_policy \"P\"") == [true, ` accepts TLS 1.2 and newer via ssl_policy "P"; claimed minimum TLS 1.2`, ` erlaubt TLS 1.2 und neuer über ssl_policy "P"; zugesichert ist mindestens TLS 1.2`, {}] with input as {"params": {}}
	_result("tls1.0", "x", "y") == [false, " allows TLS 1.0 via x; claimed minimum TLS 1.2", " erlaubt TLS 1.0 über y; zugesichert ist mindestens TLS 1.2", {}] with input as {"params": {}}
	_open("protocol", "why", "warum") == [false, ": protocol why; claimed minimum TLS 1.2", ": protocol warum; zugesichert ist mindestens TLS 1.2", {"inconclusive": true}] with input as {"params": {}}
}

test_finding if {
	r := t.res("module.web.aws_lb_listener.api", {})
	_finding(r, [false, ": x", ": y", {"inconclusive": true}]) == {
		"subject": "tf:infra/module.web.aws_lb_listener.api", "pass": false, "inconclusive": true,
		"evidence": ["sha256:module.web.aws_lb_listener.api"],
		"message": "aws_lb_listener.api (module.web.aws_lb_listener.api): x",
		"message_de": "aws_lb_listener.api (module.web.aws_lb_listener.api): y",
	}
}

test_tables if {
	_elb_verdicts["ELBSecurityPolicy-2016-08"] == _result("tls1.0", `ssl_policy "ELBSecurityPolicy-2016-08"`, `ssl_policy "ELBSecurityPolicy-2016-08"`) with input as _t_in([])
	count(_elb_verdicts) == count(data.tomcheck.lib.tls.elb_policies) with input as _t_in([])
	_cf_verdicts["TLSv1.2_2021"] == _result("tls1.2", `minimum_protocol_version "TLSv1.2_2021"`, `minimum_protocol_version "TLSv1.2_2021"`) with input as _t_in([])
	count(_cf_verdicts) == count(data.tomcheck.lib.tls.cloudfront_min) with input as _t_in([])
}

test_listener_verdicts if {
	elb := _elb_verdicts with input as _t_in([])
	https := t.res("aws_lb_listener.a", {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})
	_listener(https, elb) == elb["ELBSecurityPolicy-TLS13-1-2-2021-06"] with input as _t_in([])
	lower := t.res("aws_lb_listener.b", {"protocol": "tls", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})
	_listener(lower, elb) == elb["ELBSecurityPolicy-TLS13-1-2-2021-06"] with input as _t_in([])
	not _listener(t.res("aws_lb_listener.c", {"protocol": "UDP"}), elb) with input as _t_in([])
}

test_lower_case_and_tls_listeners_are_judged if {
	lower := t.res("aws_lb_listener.lower", {"protocol": "https", "ssl_policy": "ELBSecurityPolicy-2016-08"})
	tls := t.res("aws_alb_listener.tls", {"protocol": "TLS"})
	fs := findings with input as _t_in([lower, tls])
	t.messages(fs) == {
		`aws_lb_listener.lower allows TLS 1.0 via ssl_policy "ELBSecurityPolicy-2016-08"; claimed minimum TLS 1.2`,
		`aws_alb_listener.tls allows TLS 1.0 via the default ssl_policy "ELBSecurityPolicy-2016-08" (none is set); claimed minimum TLS 1.2`,
	}
}

test_http_listener_with_unknown_protocol_is_inconclusive if {
	l := t.res_with("aws_lb_listener.http", {"protocol": "HTTP"}, {"unknown": {"protocol": true}})
	fs := findings with input as _t_in([l])
	t.messages(fs) == {"aws_lb_listener.http: protocol is known only after apply; claimed minimum TLS 1.2"}
	t.inconclusive(fs) == {"tf:infra/aws_lb_listener.http"}
}

test_unknown_protocol_wins_over_a_known_policy if {
	l := t.res_with("aws_lb_listener.x", {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}, {"unknown": {"protocol": true}})
	fs := findings with input as _t_in([l])
	t.inconclusive(fs) == {"tf:infra/aws_lb_listener.x"}
}

test_cloudfront_messages if {
	ok := t.res("module.cdn.aws_cloudfront_distribution.ok", {"viewer_certificate": [{"cloudfront_default_certificate": false, "minimum_protocol_version": "TLSv1.2_2021"}]})
	bogus := t.res("aws_cloudfront_distribution.bogus", {"viewer_certificate": [{"minimum_protocol_version": "TLSv9"}]})
	none := t.res("aws_cloudfront_distribution.none", {})
	fs := findings with input as _t_in([ok, bogus, none])
	t.messages(fs) == {
		`aws_cloudfront_distribution.ok (module.cdn.aws_cloudfront_distribution.ok) accepts TLS 1.2 and newer via minimum_protocol_version "TLSv1.2_2021"; claimed minimum TLS 1.2`,
		`aws_cloudfront_distribution.bogus: minimum_protocol_version "TLSv9" is not a CloudFront security policy tomcheck knows; claimed minimum TLS 1.2`,
		`aws_cloudfront_distribution.none allows TLS 1.0 via minimum_protocol_version "TLSv1" (the default; none is set); claimed minimum TLS 1.2`,
	}
	t.inconclusive(fs) == {"tf:infra/aws_cloudfront_distribution.bogus"}
}

test_cloudfront_default_certificate_wins_over_a_version if {
	r := t.res("aws_cloudfront_distribution.d", {"viewer_certificate": [{"cloudfront_default_certificate": true, "minimum_protocol_version": "TLSv1.2_2021"}]})
	fs := findings with input as _t_in([r])
	t.failing(fs) == {"tf:infra/aws_cloudfront_distribution.d"}
}
