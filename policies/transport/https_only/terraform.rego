package tomcheck.checks.transport.https_only

import data.tomcheck.lib.finding
import data.tomcheck.lib.terraform as tf

# _verdict is a judgement about record r. (The arguments that take few
# values come first: OPA caches calls in a tree by argument.)
_verdict(state, used, en, de, r) := {
	"state": state, "used": used,
	"en": concat("", [tf.name(r), " ", en, "; ", claimed]),
	"de": concat("", [tf.name(r), " ", de, "; ", claimed_de]),
}

# Load balancer listeners

findings contains f if {
	some t in ["aws_lb_listener", "aws_alb_listener"]
	some r in tf.judged_list(t)
	f := finding.from(r, _listener(r))
}

_protocol(r) := "HTTP" if {
	object.get(r.data.values, "protocol", null) == null
	not r.data.unknown.protocol == true
} else := upper(p) if {
	p := object.get(r.data.values, "protocol", null)
	is_string(p)
}

_listener(r) := _verdict("inconclusive", [], "has a protocol that is known only after apply", "hat ein protocol, das erst nach dem Apply bekannt ist", r) if {
	r.data.unknown.protocol == true
} else := _verdict("pass", [], concat("", ["serves ", p]), concat("", ["bedient ", p]), r) if {
	p := _protocol(r)
	p in {"HTTPS", "TLS"}
} else := _http_listener(r) if {
	_protocol(r) == "HTTP"
}

_how(r) := "" if {
	object.get(r.data.values, "protocol", null) != null
} else := " (protocol not set: HTTP, the ALB default)"

_how_de(r) := "" if {
	object.get(r.data.values, "protocol", null) != null
} else := " (protocol nicht gesetzt: HTTP, Standard bei ALB)"

_http_listener(r) := _verdict("inconclusive", [], sprintf("listens on plain HTTP%s, and its default_action is known only after apply", [_how(r)]), sprintf("lauscht auf unverschlüsseltem HTTP%s, und seine default_action ist erst nach dem Apply bekannt", [_how_de(r)]), r) if {
	_default_action_unknown(r)
} else := _verdict("fail", [], sprintf("listens on plain HTTP%s and does not redirect to HTTPS (default_action type %s)", [_how(r), _types(r)]), sprintf("lauscht auf unverschlüsseltem HTTP%s und leitet nicht auf HTTPS um (default_action vom Typ %s)", [_how_de(r), _types(r)]), r) if {
	not _redirects_to_https(r)
	not _redirect_protocol_unknown(r)
} else := _verdict("inconclusive", [], sprintf("listens on plain HTTP%s and redirects, but the redirect protocol is known only after apply", [_how(r)]), sprintf("lauscht auf unverschlüsseltem HTTP%s und leitet um, aber das Zielprotokoll ist erst nach dem Apply bekannt", [_how_de(r)]), r) if {
	not _redirects_to_https(r)
} else := _verdict("fail", forwarding, sprintf("redirects plain HTTP to HTTPS by default, but %s forward(s) plain HTTP requests", [_names(forwarding)]), sprintf("leitet unverschlüsseltes HTTP standardmäßig auf HTTPS um, aber %s leitet/leiten HTTP-Anfragen weiter", [_names(forwarding)]), r) if {
	count(_rules_by_listener) > 0
	forwarding := {rule |
		some rule in object.get(_rules_by_listener, tf.key(r), set())
		some action in tf.blocks_at(["action"], rule)
		action.type == "forward"
	}
	count(forwarding) > 0
} else := _verdict("pass", [], "redirects plain HTTP to HTTPS (default_action redirect, protocol \"HTTPS\")", "leitet unverschlüsseltes HTTP auf HTTPS um (default_action redirect, protocol \"HTTPS\")", r)

_default_action_unknown(r) if r.data.unknown.default_action == true

_default_action_unknown(r) if {
	object.get(r.data.unknown, "default_action", false) != false
	some i, _ in tf.blocks_at(["default_action"], r)
	tf.unknown_at(["default_action", i, "type"], r)
}

_redirects_to_https(r) if {
	some a in tf.blocks_at(["default_action"], r)
	a.type == "redirect"
	some rd in object.get(a, "redirect", [])
	p := object.get(rd, "protocol", "")
	is_string(p)
	upper(p) == "HTTPS"
}

_redirect_protocol_unknown(r) if {
	object.get(r.data.unknown, "default_action", false) != false
	some i, a in tf.blocks_at(["default_action"], r)
	a.type == "redirect"
	tf.unknown_at(["default_action", i, "redirect", 0, "protocol"], r)
}

_types(r) := concat(", ", [sprintf("%q", [a.type]) | some a in tf.blocks_at(["default_action"], r); is_string(a.type)]) if {
	count(tf.blocks_at(["default_action"], r)) > 0
} else := "none"

_rules_by_listener := tf.group([[k, rule] |
	some rule in tf.of_type_list("aws_lb_listener_rule")
	some ref in object.get(rule.data.references, "listener_arn", [])
	k := tf.ref_key(rule, ref)
])

_names(rs) := concat(", ", sort([tf.name(r) | some r in rs]))

# CloudFront distributions

findings contains f if {
	some r in tf.judged_list("aws_cloudfront_distribution")
	f := finding.from(r, _cloudfront(r))
}

# _behaviours are [label, path] of every cache behaviour's viewer_protocol_policy.
_behaviours(r) := array.concat(
	[["the default cache behaviour", "das Standard-Cache-Verhalten", ["default_cache_behavior", 0, "viewer_protocol_policy"]]],
	[[sprintf("cache behaviour %q", [object.get(b, "path_pattern", i)]), sprintf("Cache-Verhalten %q", [object.get(b, "path_pattern", i)]), ["ordered_cache_behavior", i, "viewer_protocol_policy"]] |
		some i, b in tf.blocks_at(["ordered_cache_behavior"], r)
	],
)

_cloudfront(r) := _verdict("fail", [], sprintf("allows plain HTTP: %s", [concat("; ", open)]), sprintf("erlaubt unverschlüsseltes HTTP: %s", [concat("; ", open_de)]), r) if {
	open := [sprintf("%s has viewer_protocol_policy %q", [b[0], v]) | some b in _behaviours(r); not tf.unknown_at(b[2], r); v := tf.value(r, b[2]); not v in _https_policies]
	open_de := [sprintf("%s hat viewer_protocol_policy %q", [b[1], v]) | some b in _behaviours(r); not tf.unknown_at(b[2], r); v := tf.value(r, b[2]); not v in _https_policies]
	count(open) > 0
} else := _verdict("inconclusive", [], "has a viewer_protocol_policy that is known only after apply", "hat eine viewer_protocol_policy, die erst nach dem Apply bekannt ist", r) if {
	some b in _behaviours(r)
	tf.unknown_at(b[2], r)
} else := _verdict("inconclusive", [], "has ordered cache behaviours that are known only after apply", "hat geordnete Cache-Verhalten, die erst nach dem Apply bekannt sind", r) if {
	r.data.unknown.ordered_cache_behavior == true
} else := _verdict("pass", [], "redirects or refuses plain HTTP in every cache behaviour (viewer_protocol_policy redirect-to-https or https-only)", "leitet unverschlüsseltes HTTP in jedem Cache-Verhalten um oder lehnt es ab (viewer_protocol_policy redirect-to-https oder https-only)", r)

_https_policies := {"redirect-to-https", "https-only"}

# S3 buckets

findings contains f if {
	some b in tf.judged_list("aws_s3_bucket")
	f := finding.from(b, _bucket(b))
}

_policies_by_ref := tf.group([[k, p] |
	some p in tf.of_type_list("aws_s3_bucket_policy")
	some ref in object.get(p.data.references, "bucket", [])
	k := tf.ref_key(p, ref)
])

_policies_by_name := tf.group([[n, p] |
	some p in tf.of_type_list("aws_s3_bucket_policy")
	count(object.get(p.data.references, "bucket", [])) == 0
	n := object.get(p.data.values, "bucket", null)
	is_string(n)
])

# _bucket_policies are [record, label, German label] of the policies that
# govern bucket b: attached policies and the inline policy attribute.
_bucket_policies(b) := ({[p, tf.name(p), tf.name(p)] | some p in object.get(_policies_by_ref, tf.key(b), set()); tf.same_instance(p, b)} | {[p, tf.name(p), tf.name(p)] |
	n := object.get(b.data.values, "bucket", null)
	is_string(n)
	some p in object.get(_policies_by_name, n, set())
}) | {[b, "its inline policy", "seine Inline-Policy"] |
	_has_inline_policy(b)
}

_has_inline_policy(b) if is_string(object.get(b.data.values, "policy", null))

_has_inline_policy(b) if b.data.unknown.policy == true

_bucket(b) := _verdict("pass", {p}, sprintf("denies requests without TLS in %s (Deny with aws:SecureTransport = false)", [label]), sprintf("verweigert Anfragen ohne TLS in %s (Deny mit aws:SecureTransport = false)", [label_de]), b) if {
	some [p, label, label_de] in _bucket_policies(b)
	_denies_plain_http(p)
} else := _verdict("inconclusive", {p}, sprintf("has %s, whose policy document is known only after apply", [label]), sprintf("hat %s, deren Richtliniendokument erst nach dem Apply bekannt ist", [label_de]), b) if {
	some [p, label, label_de] in _bucket_policies(b)
	p.data.unknown.policy == true
} else := _verdict("fail", {p | some [p, _, _] in ps}, sprintf("has no Deny for aws:SecureTransport = false in %s: plain HTTP requests are not refused", [concat(", ", sort([l | some [_, l, _] in ps]))]), sprintf("hat kein Deny für aws:SecureTransport = false in %s: unverschlüsselte HTTP-Anfragen werden nicht abgelehnt", [concat(", ", sort([l | some [_, _, l] in ps]))]), b) if {
	ps := _bucket_policies(b)
	count(ps) > 0
} else := _verdict("fail", [], "has no bucket policy denying requests without TLS (aws:SecureTransport = false)", "hat keine Bucket-Policy, die Anfragen ohne TLS verweigert (aws:SecureTransport = false)", b)

_denies_plain_http(p) if {
	doc := object.get(p.data.values, "policy", null)
	is_string(doc)
	_denies_plain_http_doc(doc)
}

# _denies_plain_http_doc judges a policy document: policies often share one,
# so each distinct document is parsed once.
_denies_plain_http_doc(doc) if {
	json.is_valid(doc)
	policy := json.unmarshal(doc)
	some s in _statements(policy)
	effect := object.get(s, "Effect", "")
	is_string(effect)
	lower(effect) == "deny"
	some op, cond in object.get(s, "Condition", {})
	lower(op) == "bool"
	is_object(cond)
	some k, v in cond
	lower(k) == "aws:securetransport"
	_false(v)
}

_statements(policy) := policy.Statement if {
	is_array(policy.Statement)
} else := [policy.Statement] if {
	is_object(policy.Statement)
} else := []

_false(v) if _false_scalar(v)

_false(v) if {
	is_array(v)
	count(v) > 0
	every x in v {
		_false_scalar(x)
	}
}

_false_scalar(v) if v == false

_false_scalar(v) if {
	is_string(v)
	lower(v) == "false"
}
