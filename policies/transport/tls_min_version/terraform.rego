package tomcheck.checks.transport.tls_min_version

import data.tomcheck.lib.terraform as tf
import data.tomcheck.lib.tls

# Every judged record gets a verdict [pass, English, German, extra]: the
# messages without the record's display name, which starts every message,
# and extra the finding's further fields ({} or {"inconclusive": true}). The
# findings rules put the name in front (tf.name written out, with
# tf.name_pattern and tf.name_template bound outside the loop) and build the
# finding inline, as _finding does. The usual listeners and distributions
# take their verdict from tables built once per evaluation (_elb_verdicts,
# _cf_verdicts). Rules a findings rule needs in its loop are read once,
# before it, and passed in: a reference to a rule costs more per record than
# an argument.
# (A ref inside a negated call or look-up is evaluated outside the negation:
# `not f(x.y)` fails when x.y is undefined; guards negate plain refs.)

# _result is the verdict on the oldest protocol an endpoint accepts, set
# through "how".
_result(lowest, how, how_de) := [
	true,
	sprintf(" accepts %s and newer via %s; %s", [tls.label[lowest], how, claimed]),
	sprintf(" erlaubt %s und neuer über %s; %s", [tls.label[lowest], how_de, claimed_de]),
	{},
] if {
	tls.at_least(lowest, minimum)
} else := [
	false,
	sprintf(" allows %s via %s; %s", [tls.label[lowest], how, claimed]),
	sprintf(" erlaubt %s über %s; %s", [tls.label[lowest], how_de, claimed_de]),
	{},
]

# _open is the verdict on a value that cannot be judged: what it is and why.
_open(what, why, why_de) := [
	false,
	sprintf(": %s %s; %s", [what, why, claimed]),
	sprintf(": %s %s; %s", [what, why_de, claimed_de]),
	{"inconclusive": true},
]

_after_apply := "is known only after apply"

_after_apply_de := "ist erst nach dem Apply bekannt"

# _finding is the finding about record r with verdict v.
_finding(r, v) := object.union(
	{
		"subject": r.subject, "pass": v[0], "evidence": [r.digest],
		"message": concat("", [n, v[1]]),
		"message_de": concat("", [n, v[2]]),
	},
	v[3],
) if {
	n := tf.name(r)
}

# Load balancer listeners

# findings judges every load balancer listener but plain HTTP ones (the next
# rule judges those whose protocol is known only after apply; the others are
# not judged), as _finding(r, _listener(r, _elb_verdicts)).
findings contains f if {
	pattern := tf.name_pattern
	template := tf.name_template
	elb := _elb_verdicts
	some t in ["aws_lb_listener", "aws_alb_listener"]
	some r in tf.judged_list(t)
	not r.data.values.protocol == "HTTP"
	v := _listener(r, elb)
	n := regex.replace(r.data.address, pattern, template)
	f := object.union(
		{
			"subject": r.subject, "pass": v[0], "evidence": [r.digest],
			"message": concat("", [n, v[1]]),
			"message_de": concat("", [n, v[2]]),
		},
		v[3],
	)
}

# findings judges a plain HTTP listener whose protocol is known only after
# apply.
findings contains f if {
	some t in ["aws_lb_listener", "aws_alb_listener"]
	some r in tf.judged_list(t)
	r.data.unknown.protocol == true
	r.data.values.protocol == "HTTP"
	f := _finding(r, _listener(r, _elb_verdicts))
}

# _listener is the verdict on listener r (elb: _elb_verdicts). The usual
# listener is decided first: HTTPS or TLS, nothing of protocol or ssl_policy
# unknown, and a predefined ssl_policy, whose verdict is in the table, as
# the branch for a known policy below gives it.
_listener(r, elb) := v if {
	r.data.values.protocol in {"HTTPS", "TLS"}
	not r.data.unknown.protocol
	not r.data.unknown.ssl_policy
	v := elb[r.data.values.ssl_policy]
} else := _open("protocol", _after_apply, _after_apply_de) if {
	r.data.unknown.protocol == true
} else := _open("ssl_policy", _after_apply, _after_apply_de) if {
	_tls_listener(r)
	r.data.unknown.ssl_policy == true
} else := _result(tls.lowest(tls.elb_policies[tls.elb_default]), sprintf("the default ssl_policy %q (none is set)", [tls.elb_default]), sprintf("die Standard-ssl_policy %q (keine gesetzt)", [tls.elb_default])) if {
	_tls_listener(r)
	object.get(r.data.values, "ssl_policy", null) == null
} else := _result(tls.lowest(tls.elb_policies[p]), sprintf("ssl_policy %q", [p]), sprintf("ssl_policy %q", [p])) if {
	_tls_listener(r)
	p := object.get(r.data.values, "ssl_policy", null)
	tls.elb_policies[p]
} else := _open(sprintf("ssl_policy %q", [object.get(r.data.values, "ssl_policy", null)]), "is not a predefined security policy tomcheck knows", "ist keine tomcheck bekannte vordefinierte Sicherheitsrichtlinie") if {
	_tls_listener(r)
}

# _tls_listener holds when listener r serves HTTPS or TLS.
_tls_listener(r) if {
	p := object.get(r.data.values, "protocol", null)
	is_string(p)
	upper(p) in {"HTTPS", "TLS"}
}

# _elb_verdicts maps each predefined security policy to the verdict on a
# listener using it.
_elb_verdicts := {p: _result(tls.lowest(protocols), how, how) |
	some p, protocols in tls.elb_policies
	how := sprintf("ssl_policy %q", [p])
}

# CloudFront distributions

# findings judges every CloudFront distribution, as
# _finding(r, _cloudfront(r, _cf_verdicts)).
findings contains f if {
	pattern := tf.name_pattern
	template := tf.name_template
	cf := _cf_verdicts
	some r in tf.judged_list("aws_cloudfront_distribution")
	v := _cloudfront(r, cf)
	n := regex.replace(r.data.address, pattern, template)
	f := object.union(
		{
			"subject": r.subject, "pass": v[0], "evidence": [r.digest],
			"message": concat("", [n, v[1]]),
			"message_de": concat("", [n, v[2]]),
		},
		v[3],
	)
}

# _cloudfront is the verdict on distribution r (cf: _cf_verdicts). The usual
# distribution is decided first: nothing of viewer_certificate unknown, not
# the CloudFront default certificate, and a known minimum_protocol_version,
# whose verdict is in the table, as the branch for a known version below
# gives it.
_cloudfront(r, cf) := v if {
	not r.data.unknown.viewer_certificate
	c := r.data.values.viewer_certificate[0]
	not c.cloudfront_default_certificate == true
	v := cf[c.minimum_protocol_version]
} else := _open("viewer_certificate", _after_apply, _after_apply_de) if {
	r.data.unknown.viewer_certificate == true
} else := _result("tls1.0", "the CloudFront default certificate (cloudfront_default_certificate = true)", "das CloudFront-Standardzertifikat (cloudfront_default_certificate = true)") if {
	object.get(r.data.values, ["viewer_certificate", 0, "cloudfront_default_certificate"], null) == true
} else := _open("minimum_protocol_version", _after_apply, _after_apply_de) if {
	tf.unknown_at(["viewer_certificate", 0, "minimum_protocol_version"], r)
} else := _result("tls1.0", "minimum_protocol_version \"TLSv1\" (the default; none is set)", "minimum_protocol_version \"TLSv1\" (Standard; keine gesetzt)") if {
	object.get(r.data.values, ["viewer_certificate", 0, "minimum_protocol_version"], null) == null
} else := _result(tls.cloudfront_min[v], sprintf("minimum_protocol_version %q", [v]), sprintf("minimum_protocol_version %q", [v])) if {
	v := object.get(r.data.values, ["viewer_certificate", 0, "minimum_protocol_version"], null)
	tls.cloudfront_min[v]
} else := _open(sprintf("minimum_protocol_version %q", [object.get(r.data.values, ["viewer_certificate", 0, "minimum_protocol_version"], null)]), "is not a CloudFront security policy tomcheck knows", "ist keine tomcheck bekannte CloudFront-Sicherheitsrichtlinie")

# _cf_verdicts maps each minimum_protocol_version to the verdict on a
# distribution using it.
_cf_verdicts := {version: _result(lowest, how, how) |
	some version, lowest in tls.cloudfront_min
	how := sprintf("minimum_protocol_version %q", [version])
}

# API Gateway domain names

findings contains f if {
	some r in tf.judged_list("aws_api_gateway_domain_name")
	f := _finding(r, _apigateway(["security_policy"], r))
}

findings contains f if {
	some r in tf.judged_list("aws_apigatewayv2_domain_name")
	f := _finding(r, _apigateway(["domain_name_configuration", 0, "security_policy"], r))
}

# _apigateway is the verdict on the security_policy at path of domain r.
_apigateway(path, r) := _open("security_policy", _after_apply, _after_apply_de) if {
	tf.unknown_at(path, r)
} else := _open("security_policy", "is not set: AWS gives new custom domains TLS_1_2, but a domain created earlier may still use TLS_1_0", "ist nicht gesetzt: neue Domains erhalten TLS_1_2, ältere können noch TLS_1_0 verwenden") if {
	tf.value(r, path) == null
} else := _result(tls.apigateway_min(p), sprintf("security_policy %q", [p]), sprintf("security_policy %q", [p])) if {
	p := tf.value(r, path)
	tls.apigateway_min(p)
} else := _open(sprintf("security_policy %q", [tf.value(r, path)]), "is not an API Gateway security policy tomcheck knows", "ist keine tomcheck bekannte API-Gateway-Sicherheitsrichtlinie")
