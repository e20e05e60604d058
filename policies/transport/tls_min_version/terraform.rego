package tomcheck.checks.transport.tls_min_version

import data.tomcheck.lib.finding
import data.tomcheck.lib.terraform as tf
import data.tomcheck.lib.tls

# _result judges the oldest protocol an endpoint accepts, set through "how".
_result(lowest, how, how_de, r) := {
	"state": "pass",
	"en": sprintf("%s accepts %s and newer via %s; %s", [tf.name(r), tls.label[lowest], how, claimed]),
	"de": sprintf("%s erlaubt %s und neuer über %s; %s", [tf.name(r), tls.label[lowest], how_de, claimed_de]),
} if {
	tls.at_least(lowest, minimum)
} else := {
	"state": "fail",
	"en": sprintf("%s allows %s via %s; %s", [tf.name(r), tls.label[lowest], how, claimed]),
	"de": sprintf("%s erlaubt %s über %s; %s", [tf.name(r), tls.label[lowest], how_de, claimed_de]),
}

_open(what, why, why_de, r) := {
	"state": "inconclusive",
	"en": sprintf("%s: %s %s; %s", [tf.name(r), what, why, claimed]),
	"de": sprintf("%s: %s %s; %s", [tf.name(r), what, why_de, claimed_de]),
}

_after_apply := "is known only after apply"

_after_apply_de := "ist erst nach dem Apply bekannt"

# Load balancer listeners

findings contains f if {
	some t in ["aws_lb_listener", "aws_alb_listener"]
	some r in tf.judged_list(t)
	j := _listener(r)
	f := finding.from(r, j)
}

_listener(r) := _open("protocol", _after_apply, _after_apply_de, r) if {
	r.data.unknown.protocol == true
} else := _open("ssl_policy", _after_apply, _after_apply_de, r) if {
	_tls_listener(r)
	r.data.unknown.ssl_policy == true
} else := _result(tls.lowest(tls.elb_policies[tls.elb_default]), sprintf("the default ssl_policy %q (none is set)", [tls.elb_default]), sprintf("die Standard-ssl_policy %q (keine gesetzt)", [tls.elb_default]), r) if {
	_tls_listener(r)
	object.get(r.data.values, "ssl_policy", null) == null
} else := _result(tls.lowest(tls.elb_policies[p]), sprintf("ssl_policy %q", [p]), sprintf("ssl_policy %q", [p]), r) if {
	_tls_listener(r)
	p := object.get(r.data.values, "ssl_policy", null)
	tls.elb_policies[p]
} else := _open(sprintf("ssl_policy %q", [object.get(r.data.values, "ssl_policy", null)]), "is not a predefined security policy tomcheck knows", "ist keine tomcheck bekannte vordefinierte Sicherheitsrichtlinie", r) if {
	_tls_listener(r)
}

_tls_listener(r) if {
	p := object.get(r.data.values, "protocol", null)
	is_string(p)
	upper(p) in {"HTTPS", "TLS"}
}

# CloudFront distributions

findings contains f if {
	some r in tf.judged_list("aws_cloudfront_distribution")
	f := finding.from(r, _cloudfront(r))
}

_cloudfront(r) := _open("viewer_certificate", _after_apply, _after_apply_de, r) if {
	r.data.unknown.viewer_certificate == true
} else := _result("tls1.0", "the CloudFront default certificate (cloudfront_default_certificate = true)", "das CloudFront-Standardzertifikat (cloudfront_default_certificate = true)", r) if {
	object.get(r.data.values, ["viewer_certificate", 0, "cloudfront_default_certificate"], null) == true
} else := _open("minimum_protocol_version", _after_apply, _after_apply_de, r) if {
	tf.unknown_at(["viewer_certificate", 0, "minimum_protocol_version"], r)
} else := _result("tls1.0", "minimum_protocol_version \"TLSv1\" (the default; none is set)", "minimum_protocol_version \"TLSv1\" (Standard; keine gesetzt)", r) if {
	object.get(r.data.values, ["viewer_certificate", 0, "minimum_protocol_version"], null) == null
} else := _result(tls.cloudfront_min[v], sprintf("minimum_protocol_version %q", [v]), sprintf("minimum_protocol_version %q", [v]), r) if {
	v := object.get(r.data.values, ["viewer_certificate", 0, "minimum_protocol_version"], null)
	tls.cloudfront_min[v]
} else := _open(sprintf("minimum_protocol_version %q", [object.get(r.data.values, ["viewer_certificate", 0, "minimum_protocol_version"], null)]), "is not a CloudFront security policy tomcheck knows", "ist keine tomcheck bekannte CloudFront-Sicherheitsrichtlinie", r)

# API Gateway domain names

findings contains f if {
	some r in tf.judged_list("aws_api_gateway_domain_name")
	f := finding.from(r, _apigateway(["security_policy"], r))
}

findings contains f if {
	some r in tf.judged_list("aws_apigatewayv2_domain_name")
	f := finding.from(r, _apigateway(["domain_name_configuration", 0, "security_policy"], r))
}

_apigateway(path, r) := _open("security_policy", _after_apply, _after_apply_de, r) if {
	tf.unknown_at(path, r)
} else := _open("security_policy", "is not set: AWS gives new custom domains TLS_1_2, but a domain created earlier may still use TLS_1_0", "ist nicht gesetzt: neue Domains erhalten TLS_1_2, ältere können noch TLS_1_0 verwenden", r) if {
	tf.value(r, path) == null
} else := _result(tls.apigateway_min(p), sprintf("security_policy %q", [p]), sprintf("security_policy %q", [p]), r) if {
	p := tf.value(r, path)
	tls.apigateway_min(p)
} else := _open(sprintf("security_policy %q", [tf.value(r, path)]), "is not an API Gateway security policy tomcheck knows", "ist keine tomcheck bekannte API-Gateway-Sicherheitsrichtlinie", r)
