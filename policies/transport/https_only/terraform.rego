package tomcheck.checks.transport.https_only

import data.tomcheck.lib.terraform as tf

# Every record is judged by one function that returns its finding, built
# inline ({subject, pass, [inconclusive], evidence, message, message_de}).
# The record's display name is computed once (tf.name written out, with
# tf.name_pattern and tf.name_template bound outside the loop) and passed
# in; the usual outcomes (known values, nothing known only after apply) are
# decided first, the rare paths sit behind a cheap guard. Rules the
# judgements need (indexes, the name pattern) are read once per findings
# rule, before the loop, and passed in: a reference to a rule costs more per
# record than an argument. For the same reason the findings of the usual
# outcomes write claimed and claimed_de out
# (test_usual_findings_state_the_claim checks that they match check.rego).
# (A ref inside a negated call or look-up is evaluated outside the negation:
# `not f(x.y)` fails when x.y is undefined. Guards therefore negate plain
# refs or read undefined values through object.get.)

# Load balancer listeners

# findings judges every load balancer listener by its protocol.
findings contains f if {
	pattern := tf.name_pattern
	template := tf.name_template
	no_rules := count(_rules_by_listener) == 0
	some t in ["aws_lb_listener", "aws_alb_listener"]
	some r in tf.judged_list(t)
	f := _listener(r, regex.replace(r.data.address, pattern, template), no_rules)
}

# _listener judges listener r, named n (no_rules: there are no listener
# rules at all): unknown protocol is inconclusive, HTTPS and TLS pass, HTTP
# (the ALB default when not set) is judged by its default action; TCP and UDP
# give no finding. The usual listeners are decided first, each with a known
# protocol: exact upper-case HTTPS or TLS, and HTTP that redirects with
# nothing of default_action unknown and no listener rules; they get the same
# finding as the general branches after them.
_listener(r, n, no_rules) := {
	"subject": r.subject, "pass": true, "evidence": [r.digest],
	"message": concat("", [n, " serves ", p, "; claimed: reachable only over HTTPS"]),
	"message_de": concat("", [n, " bedient ", p, "; zugesichert: nur über HTTPS erreichbar"]),
} if {
	p := r.data.values.protocol
	p in {"HTTPS", "TLS"}
	not r.data.unknown.protocol
} else := {
	"subject": r.subject, "pass": true, "evidence": [r.digest],
	"message": concat("", [n, ` redirects plain HTTP to HTTPS (default_action redirect, protocol "HTTPS"); claimed: reachable only over HTTPS`]),
	"message_de": concat("", [n, ` leitet unverschlüsseltes HTTP auf HTTPS um (default_action redirect, protocol "HTTPS"); zugesichert: nur über HTTPS erreichbar`]),
} if {
	r.data.values.protocol == "HTTP"
	not r.data.unknown.protocol
	not r.data.unknown.default_action
	no_rules
	_redirects_to_https(r.data.values.default_action)
} else := {
	"subject": r.subject, "pass": false, "inconclusive": true, "evidence": [r.digest],
	"message": concat("", [n, " has a protocol that is known only after apply; ", claimed]),
	"message_de": concat("", [n, " hat ein protocol, das erst nach dem Apply bekannt ist; ", claimed_de]),
} if {
	r.data.unknown.protocol == true
} else := _listener_general(r, n, object.get(r.data.values, "protocol", null))

# _listener_general judges listener r, named n, with protocol p (null when
# not set), whose protocol is not unknown.
_listener_general(r, n, p) := {
	"subject": r.subject, "pass": true, "evidence": [r.digest],
	"message": concat("", [n, " serves ", up, "; ", claimed]),
	"message_de": concat("", [n, " bedient ", up, "; ", claimed_de]),
} if {
	is_string(p)
	up := upper(p)
	up in {"HTTPS", "TLS"}
} else := _http_listener(r, n, " (protocol not set: HTTP, the ALB default)", " (protocol nicht gesetzt: HTTP, Standard bei ALB)") if {
	p == null
} else := _http_listener(r, n, "", "") if {
	is_string(p)
	upper(p) == "HTTP"
}

# _redirecting is the passing finding of HTTP listener r, named n, that
# redirects to HTTPS.
_redirecting(r, n) := {
	"subject": r.subject, "pass": true, "evidence": [r.digest],
	"message": concat("", [n, ` redirects plain HTTP to HTTPS (default_action redirect, protocol "HTTPS"); `, claimed]),
	"message_de": concat("", [n, ` leitet unverschlüsseltes HTTP auf HTTPS um (default_action redirect, protocol "HTTPS"); `, claimed_de]),
}

# _http_listener judges HTTP listener r, named n; how and how_de say why it
# is HTTP. A default action known only after apply is inconclusive; a redirect
# to HTTPS passes unless a listener rule forwards requests; else it fails, or
# is inconclusive when the redirect protocol is known only after apply.
_http_listener(r, n, how, how_de) := {
	"subject": r.subject, "pass": false, "inconclusive": true, "evidence": [r.digest],
	"message": concat("", [n, " listens on plain HTTP", how, ", and its default_action is known only after apply; ", claimed]),
	"message_de": concat("", [n, " lauscht auf unverschlüsseltem HTTP", how_de, ", und seine default_action ist erst nach dem Apply bekannt; ", claimed_de]),
} if {
	# Cheap guard: nothing of default_action is unknown in the usual case.
	r.data.unknown.default_action
	_default_action_unknown(r)
} else := {
	"subject": r.subject, "pass": false, "evidence": array.concat([r.digest], sort({d | some x in forwarding; d := x.digest; d != r.digest})),
	"message": concat("", [n, " redirects plain HTTP to HTTPS by default, but ", names, " forward(s) plain HTTP requests; ", claimed]),
	"message_de": concat("", [n, " leitet unverschlüsseltes HTTP standardmäßig auf HTTPS um, aber ", names, " leitet/leiten HTTP-Anfragen weiter; ", claimed_de]),
} if {
	_has_listener_rules
	_redirects_to_https(r.data.values.default_action)
	forwarding := {rule |
		some rule in object.get(_rules_by_listener, tf.key(r), set())
		some action in tf.blocks_at(["action"], rule)
		action.type == "forward"
	}
	count(forwarding) > 0
	names := _names(forwarding)
} else := _redirecting(r, n) if {
	_redirects_to_https(r.data.values.default_action)
} else := {
	"subject": r.subject, "pass": false, "evidence": [r.digest],
	"message": concat("", [n, " listens on plain HTTP", how, " and does not redirect to HTTPS (default_action type ", types, "); ", claimed]),
	"message_de": concat("", [n, " lauscht auf unverschlüsseltem HTTP", how_de, " und leitet nicht auf HTTPS um (default_action vom Typ ", types, "); ", claimed_de]),
} if {
	not _redirect_protocol_unknown(r)
	types := _types(r)
} else := {
	"subject": r.subject, "pass": false, "inconclusive": true, "evidence": [r.digest],
	"message": concat("", [n, " listens on plain HTTP", how, " and redirects, but the redirect protocol is known only after apply; ", claimed]),
	"message_de": concat("", [n, " lauscht auf unverschlüsseltem HTTP", how_de, " und leitet um, aber das Zielprotokoll ist erst nach dem Apply bekannt; ", claimed_de]),
}

# _default_action_unknown holds when the default action, or the type of one
# of them, is known only after apply.
_default_action_unknown(r) if r.data.unknown.default_action == true

_default_action_unknown(r) if {
	object.get(r.data.unknown, "default_action", false) != false
	some i, _ in tf.blocks_at(["default_action"], r)
	tf.unknown_at(["default_action", i, "type"], r)
}

# _redirects_to_https holds when one of the default actions (values of
# default_action) redirects with protocol HTTPS. Listeners often share their
# actions, so each distinct list is judged once.
_redirects_to_https(actions) if {
	is_array(actions)
	some a in actions
	a.type == "redirect"
	some rd in object.get(a, "redirect", [])
	p := object.get(rd, "protocol", "")
	is_string(p)
	upper(p) == "HTTPS"
}

# _redirect_protocol_unknown holds when the protocol of a redirecting default
# action is known only after apply.
_redirect_protocol_unknown(r) if {
	object.get(r.data.unknown, "default_action", false) != false
	some i, a in tf.blocks_at(["default_action"], r)
	a.type == "redirect"
	tf.unknown_at(["default_action", i, "redirect", 0, "protocol"], r)
}

# _types lists the quoted types of the default actions, "none" without any.
_types(r) := concat(", ", [sprintf("%q", [a.type]) | some a in tf.blocks_at(["default_action"], r); is_string(a.type)]) if {
	count(tf.blocks_at(["default_action"], r)) > 0
} else := "none"

# _has_listener_rules holds when there are listener rules at all.
_has_listener_rules if count(_rules_by_listener) > 0

# _rules_by_listener groups the listener rules by the key of their listener,
# as tf.group would.
_rules_by_listener := {k: rules |
	some [k, _] in _rule_refs
	rules := {rule | some [k2, rule] in _rule_refs; k2 == k}
}

# _rule_refs are [key of the listener referred to, rule] of every listener
# reference of the listener rules.
_rule_refs := [[concat("/", [rule.source.target, ref]), rule] |
	some rule in tf.of_type_list("aws_lb_listener_rule")
	some ref in object.get(rule.data.references, "listener_arn", [])
]

# _names lists the sorted display names of records rs.
_names(rs) := concat(", ", sort([tf.name(r) | some r in rs]))

# CloudFront distributions

# findings judges every CloudFront distribution by its cache behaviours.
findings contains f if {
	pattern := tf.name_pattern
	template := tf.name_template
	some r in tf.judged_list("aws_cloudfront_distribution")
	f := _cloudfront(r, regex.replace(r.data.address, pattern, template))
}

# _cloudfront judges distribution r, named n: it fails when a known
# viewer_protocol_policy allows plain HTTP, is inconclusive when one is known
# only after apply, and passes otherwise.
_cloudfront(r, n) := {
	"subject": r.subject, "pass": true, "evidence": [r.digest],
	"message": concat("", [n, " redirects or refuses plain HTTP in every cache behaviour (viewer_protocol_policy redirect-to-https or https-only); claimed: reachable only over HTTPS"]),
	"message_de": concat("", [n, " leitet unverschlüsseltes HTTP in jedem Cache-Verhalten um oder lehnt es ab (viewer_protocol_policy redirect-to-https oder https-only); zugesichert: nur über HTTPS erreichbar"]),
} if {
	# The usual pass: nothing known only after apply, every policy known
	# and redirecting or refusing (ordered_cache_behavior not set, or not a
	# list, takes the general path below).
	not r.data.unknown.default_cache_behavior
	not r.data.unknown.ordered_cache_behavior
	r.data.values.default_cache_behavior[0].viewer_protocol_policy in {"redirect-to-https", "https-only"}
	every b in r.data.values.ordered_cache_behavior {
		b.viewer_protocol_policy in {"redirect-to-https", "https-only"}
	}
} else := {
	"subject": r.subject, "pass": false, "evidence": [r.digest],
	"message": concat("", [n, " allows plain HTTP: ", concat("; ", [sprintf("%s has viewer_protocol_policy %q", [b[0], x]) | some [b, x] in open]), "; ", claimed]),
	"message_de": concat("", [n, " erlaubt unverschlüsseltes HTTP: ", concat("; ", [sprintf("%s hat viewer_protocol_policy %q", [b[1], x]) | some [b, x] in open]), "; ", claimed_de]),
} if {
	open := [[b, x] |
		some b in _behaviours(r)
		not tf.unknown_at(b[2], r)
		x := tf.value(r, b[2])
		x != null
		not x in _https_policies
	]
	count(open) > 0
} else := {
	"subject": r.subject, "pass": false, "inconclusive": true, "evidence": [r.digest],
	"message": concat("", [n, " has a viewer_protocol_policy that is known only after apply; ", claimed]),
	"message_de": concat("", [n, " hat eine viewer_protocol_policy, die erst nach dem Apply bekannt ist; ", claimed_de]),
} if {
	some b in _behaviours(r)
	tf.unknown_at(b[2], r)
} else := {
	"subject": r.subject, "pass": false, "inconclusive": true, "evidence": [r.digest],
	"message": concat("", [n, " has ordered cache behaviours that are known only after apply; ", claimed]),
	"message_de": concat("", [n, " hat geordnete Cache-Verhalten, die erst nach dem Apply bekannt sind; ", claimed_de]),
} if {
	r.data.unknown.ordered_cache_behavior == true
} else := {
	"subject": r.subject, "pass": false, "inconclusive": true, "evidence": [r.digest],
	"message": concat("", [n, " shows no viewer_protocol_policy for ", concat(", ", [b[0] | some b in missing]), " (Terraform requires one: the evidence lacks the block, perhaps a dynamic one); ", claimed]),
	"message_de": concat("", [n, " zeigt keine viewer_protocol_policy für ", concat(", ", [b[1] | some b in missing]), " (Terraform verlangt eine: den Nachweisen fehlt der Block, vielleicht ein dynamischer); ", claimed_de]),
} if {
	# viewer_protocol_policy is required, so a missing one is a value the
	# evidence does not show, not one that allows plain HTTP
	missing := [b |
		some b in _behaviours(r)
		not tf.unknown_at(b[2], r)
		tf.value(r, b[2]) == null
	]
	count(missing) > 0
} else := {
	"subject": r.subject, "pass": true, "evidence": [r.digest],
	"message": concat("", [n, " redirects or refuses plain HTTP in every cache behaviour (viewer_protocol_policy redirect-to-https or https-only); ", claimed]),
	"message_de": concat("", [n, " leitet unverschlüsseltes HTTP in jedem Cache-Verhalten um oder lehnt es ab (viewer_protocol_policy redirect-to-https oder https-only); ", claimed_de]),
}

# _behaviours are [label, German label, path] of every cache behaviour's
# viewer_protocol_policy.
_behaviours(r) := array.concat(
	[["the default cache behaviour", "das Standard-Cache-Verhalten", ["default_cache_behavior", 0, "viewer_protocol_policy"]]],
	[[sprintf("cache behaviour %q", [object.get(b, "path_pattern", i)]), sprintf("Cache-Verhalten %q", [object.get(b, "path_pattern", i)]), ["ordered_cache_behavior", i, "viewer_protocol_policy"]] |
		some i, b in tf.blocks_at(["ordered_cache_behavior"], r)
	],
)

_https_policies := {"redirect-to-https", "https-only"}

# S3 buckets

# findings judges every S3 bucket by the policies that govern it.
findings contains f if {
	pattern := tf.name_pattern
	template := tf.name_template
	by_ref := _policies_by_ref
	by_name := _policies_by_name
	some b in tf.judged_list("aws_s3_bucket")
	f := _bucket(b, regex.replace(b.data.address, pattern, template), by_ref, by_name, pattern, template)
}

# _bucket judges bucket b, named n (by_ref, by_name: _policies_by_ref and
# _policies_by_name; pattern, template: the name's). The usual bucket passes
# here: no instance key (its key is its address, and every policy referring
# to it is the same instance), no inline policy and no unattached policy
# naming it, so the policies referring to it are all that govern it, and one
# of them denies requests without TLS. (Two that deny give two values here
# as in _bucket_general: OPA reports the conflict either way.) Every other
# bucket is judged by _bucket_general.
_bucket(b, n, by_ref, by_name, pattern, template) := {
	"subject": b.subject, "pass": true, "evidence": array.concat([b.digest], [d | d := p.digest; d != b.digest]),
	"message": concat("", [n, " denies requests without TLS in ", l, " (Deny with aws:SecureTransport = false); claimed: reachable only over HTTPS"]),
	"message_de": concat("", [n, " verweigert Anfragen ohne TLS in ", l, " (Deny mit aws:SecureTransport = false); zugesichert: nur über HTTPS erreichbar"]),
} if {
	a := b.data.address
	not contains(a, "[")
	not b.data.values.policy
	not b.data.unknown.policy == true
	not by_name[b.data.values.bucket]
	ps := by_ref[concat("/", [b.source.target, a])]
	count(ps) == 1
	some p in ps
	doc := p.data.values.policy
	is_string(doc)
	_denies_plain_http_doc(doc)
	l := regex.replace(p.data.address, pattern, template)
} else := _bucket_general(b, n, _bucket_policies(b))

# _policies_by_ref groups the bucket policies by the key of the bucket they
# refer to, as tf.group would: each key with the set of its policies (OPA
# indexes the inner comprehension by k2, so this is one pass).
_policies_by_ref := {k: ps |
	some [k, _] in _policy_refs
	ps := {p | some [k2, p] in _policy_refs; k2 == k}
}

# _policy_refs are [key of the bucket referred to, policy] of every bucket
# reference of the bucket policies (tf.ref_key, written out).
_policy_refs := [[concat("/", [p.source.target, ref]), p] |
	some p in tf.of_type_list("aws_s3_bucket_policy")
	some ref in object.get(p.data.references, "bucket", [])
]

# _policies_by_name groups the bucket policies without a bucket reference by
# their bucket name.
_policies_by_name := tf.group([[n, p] |
	some p in tf.of_type_list("aws_s3_bucket_policy")
	count(object.get(p.data.references, "bucket", [])) == 0
	n := object.get(p.data.values, "bucket", null)
	is_string(n)
])

# _bucket_policies are the records whose policy governs bucket b: attached
# policies (joined by reference, else by bucket name) and b itself when it
# has an inline policy. Each record occurs once.
_bucket_policies(b) := object.get(_policies_by_ref, concat("/", [b.source.target, a]), set()) if {
	# The usual bucket, decided by look-ups alone: no instance key (its key
	# is its address, and every policy referring to it is the same
	# instance), no unattached policy naming it, no inline policy.
	a := b.data.address
	not contains(a, "[")
	not _policies_by_name[object.get(b.data.values, "bucket", null)]
	not b.data.values.policy
	not b.data.unknown.policy == true
} else := array.concat(
	array.concat(_attached_by_ref(b, object.get(_policies_by_ref, tf.key(b), set())), _attached_by_name(object.get(b.data.values, "bucket", null))),
	[b | _has_inline_policy(b)],
)

# _attached_by_ref are the policies ps that refer to bucket b and may belong
# to the same count/for_each instance: all of them when b has no instance key.
_attached_by_ref(b, ps) := [p | some p in ps] if {
	not endswith(b.data.address, "]")
} else := [p | some p in ps; tf.same_instance(p, b)]

# _attached_by_name are the policies without a bucket reference that name
# bucket n.
_attached_by_name(n) := [p | is_string(n); some p in object.get(_policies_by_name, n, set())]

# _has_inline_policy holds when bucket b has an inline policy attribute.
_has_inline_policy(b) if is_string(object.get(b.data.values, "policy", null))

_has_inline_policy(b) if b.data.unknown.policy == true

# _about is what a finding says about policy record p of bucket b: its
# English and German label (its name, or its inline policy when p is b
# itself) and the evidence (b's digest, then p's unless p is b).
_about(p, b) := ["its inline policy", "seine Inline-Policy", [b.digest]] if {
	p.data.type == b.data.type
} else := [l, l, [b.digest, p.digest]] if {
	p.digest != b.digest
	l := tf.name(p)
} else := [l, l, [b.digest]] if {
	l := tf.name(p)
}

# _bucket_general judges bucket b, named n, governed by policy records ps:
# it passes when a policy denies requests without TLS, is inconclusive when a
# policy document is known only after apply, and fails otherwise.
_bucket_general(b, n, ps) := {
	"subject": b.subject, "pass": true, "evidence": evidence,
	"message": concat("", [n, " denies requests without TLS in ", l, " (Deny with aws:SecureTransport = false); ", claimed]),
	"message_de": concat("", [n, " verweigert Anfragen ohne TLS in ", l_de, " (Deny mit aws:SecureTransport = false); ", claimed_de]),
} if {
	# several policies may deny: the first by label decides, so the
	# judgement is one value whatever the order of the records
	denying := sort([about |
		some p in ps
		doc := p.data.values.policy
		is_string(doc)
		_denies_plain_http_doc(doc)
		about := _about(p, b)
	])
	count(denying) > 0
	[l, l_de, evidence] := denying[0]
} else := {
	"subject": b.subject, "pass": false, "inconclusive": true, "evidence": evidence,
	"message": concat("", [n, " has ", l, ", whose policy document is known only after apply; ", claimed]),
	"message_de": concat("", [n, " hat ", l_de, ", deren Richtliniendokument erst nach dem Apply bekannt ist; ", claimed_de]),
} if {
	open := sort([_about(p, b) | some p in ps; p.data.unknown.policy == true])
	count(open) > 0
	[l, l_de, evidence] := open[0]
} else := {
	"subject": b.subject, "pass": false, "evidence": array.concat([b.digest], sort({d | some p in ps; d := p.digest; d != b.digest})),
	"message": concat("", [n, " has no Deny for aws:SecureTransport = false in ", concat(", ", sort([ls[0] | some ls in labels])), ": plain HTTP requests are not refused; ", claimed]),
	"message_de": concat("", [n, " hat kein Deny für aws:SecureTransport = false in ", concat(", ", sort([ls[1] | some ls in labels])), ": unverschlüsselte HTTP-Anfragen werden nicht abgelehnt; ", claimed_de]),
} if {
	count(ps) > 0
	labels := [_about(p, b) | some p in ps]
} else := {
	"subject": b.subject, "pass": false, "evidence": [b.digest],
	"message": concat("", [n, " has no bucket policy denying requests without TLS (aws:SecureTransport = false); ", claimed]),
	"message_de": concat("", [n, " hat keine Bucket-Policy, die Anfragen ohne TLS verweigert (aws:SecureTransport = false); ", claimed_de]),
}

# _denies_plain_http_doc judges a policy document: policies often share one,
# so each distinct document is parsed once.
_denies_plain_http_doc(doc) if {
	json.is_valid(doc)
	_denies_plain_http(json.unmarshal(doc))
}

# _denies_plain_http holds when a policy has a Deny statement with the
# condition Bool aws:SecureTransport = false. The usual policy, whose first
# statement is that Deny written the usual way, is decided by the first body
# (the second one would find it there as well: a well-formed first statement
# raises no error before).
_denies_plain_http(policy) if {
	s := policy.Statement[0]
	s.Effect == "Deny"
	s.Condition.Bool["aws:SecureTransport"] == "false"
}

_denies_plain_http(policy) if {
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

# _statements are the statements of a policy: its Statement list, or its
# single Statement object.
_statements(policy) := policy.Statement if {
	is_array(policy.Statement)
} else := [policy.Statement] if {
	is_object(policy.Statement)
} else := []

# _false holds when a condition value means false: false, "false" in any
# case, or a non-empty list of such values. ("false" as written usually is
# decided first, without a further call.)
_false(v) if v == "false"

_false(v) if _false_scalar(v)

_false(v) if {
	is_array(v)
	count(v) > 0
	every x in v {
		_false_scalar(x)
	}
}

# _false_scalar holds for false and "false" in any case.
_false_scalar(v) if v == false

_false_scalar(v) if {
	is_string(v)
	lower(v) == "false"
}
