package tomcheck.checks.transport.https_only

import data.tomcheck.lib.testing as t

_t_in(evidence, context) := {"params": {}, "evidence": evidence, "context": context}

_t_redirect := [{"type": "redirect", "redirect": [{"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}]}]

test_https_listener_passes if {
	l := t.res("aws_lb_listener.https", {"protocol": "HTTPS", "port": 443})
	fs := findings with input as _t_in([l], [])
	t.messages(fs) == {"aws_lb_listener.https serves HTTPS; claimed: reachable only over HTTPS"}
}

test_http_listener_redirecting_passes if {
	l := t.res("module.web.aws_lb_listener.http", {"protocol": "HTTP", "port": 80, "default_action": _t_redirect})
	fs := findings with input as _t_in([l], [])
	t.messages(fs) == {`aws_lb_listener.http (module.web.aws_lb_listener.http) redirects plain HTTP to HTTPS (default_action redirect, protocol "HTTPS"); claimed: reachable only over HTTPS`}
	t.messages_de(fs) == {`aws_lb_listener.http (module.web.aws_lb_listener.http) leitet unverschlüsseltes HTTP auf HTTPS um (default_action redirect, protocol "HTTPS"); zugesichert: nur über HTTPS erreichbar`}
}

test_http_listener_forwarding_fails if {
	l := t.res("aws_lb_listener.http", {"protocol": "HTTP", "port": 80, "default_action": [{"type": "forward"}]})
	fs := findings with input as _t_in([l], [])
	t.messages(fs) == {`aws_lb_listener.http listens on plain HTTP and does not redirect to HTTPS (default_action type "forward"); claimed: reachable only over HTTPS`}
}

test_http_listener_without_protocol_is_http if {
	l := t.res("aws_alb_listener.plain", {"port": 80, "default_action": [{"type": "fixed-response"}]})
	fs := findings with input as _t_in([l], [])
	t.messages(fs) == {`aws_alb_listener.plain listens on plain HTTP (protocol not set: HTTP, the ALB default) and does not redirect to HTTPS (default_action type "fixed-response"); claimed: reachable only over HTTPS`}
}

test_http_redirect_to_http_fails if {
	l := t.res("aws_lb_listener.http", {"protocol": "HTTP", "default_action": [{"type": "redirect", "redirect": [{"protocol": "#{protocol}"}]}]})
	fs := findings with input as _t_in([l], [])
	t.failing(fs) == {"tf:infra/aws_lb_listener.http"}
}

test_http_listener_with_a_forwarding_rule_fails if {
	l := t.res("aws_lb_listener.http", {"protocol": "HTTP", "default_action": _t_redirect})
	rule := t.res_with("aws_lb_listener_rule.api", {"action": [{"type": "forward"}]}, {"references": {"listener_arn": ["aws_lb_listener.http"]}})
	fs := findings with input as _t_in([l], [rule])
	t.messages(fs) == {"aws_lb_listener.http redirects plain HTTP to HTTPS by default, but aws_lb_listener_rule.api forward(s) plain HTTP requests; claimed: reachable only over HTTPS"}
	some f in fs
	f.evidence == ["sha256:aws_lb_listener.http", "sha256:aws_lb_listener_rule.api"]
}

test_unknown_redirect_is_inconclusive if {
	l := t.res_with("aws_lb_listener.http", {"protocol": "HTTP", "default_action": [{"type": "redirect", "redirect": [{}]}]}, {"unknown": {"default_action": [{"redirect": [{"protocol": true}]}]}})
	u := t.res_with("aws_lb_listener.u", {}, {"unknown": {"protocol": true}})
	fs := findings with input as _t_in([l, u], [])
	t.inconclusive(fs) == {"tf:infra/aws_lb_listener.http", "tf:infra/aws_lb_listener.u"}
}

test_tcp_listener_is_not_judged if {
	l := t.res("aws_lb_listener.tcp", {"protocol": "TCP", "port": 5432})
	fs := findings with input as _t_in([l], [])
	count(fs) == 0
}

test_cloudfront if {
	ok := t.res("aws_cloudfront_distribution.ok", {"default_cache_behavior": [{"viewer_protocol_policy": "redirect-to-https"}], "ordered_cache_behavior": [{"path_pattern": "/api/*", "viewer_protocol_policy": "https-only"}]})
	bad := t.res("aws_cloudfront_distribution.bad", {"default_cache_behavior": [{"viewer_protocol_policy": "redirect-to-https"}], "ordered_cache_behavior": [{"path_pattern": "/img/*", "viewer_protocol_policy": "allow-all"}]})
	unknown := t.res_with("aws_cloudfront_distribution.u", {"default_cache_behavior": [{}]}, {"unknown": {"default_cache_behavior": [{"viewer_protocol_policy": true}]}})
	fs := findings with input as _t_in([ok, bad, unknown], [])
	t.passing(fs) == {"tf:infra/aws_cloudfront_distribution.ok"}
	t.inconclusive(fs) == {"tf:infra/aws_cloudfront_distribution.u"}
	`aws_cloudfront_distribution.bad allows plain HTTP: cache behaviour "/img/*" has viewer_protocol_policy "allow-all"; claimed: reachable only over HTTPS` in t.messages(fs)
}

_t_deny := json.marshal({"Version": "2012-10-17", "Statement": [
	{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}, "Action": "s3:GetObject", "Resource": "*"},
	{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
]})

_t_bucket := t.res("aws_s3_bucket.data", {"bucket": "shop-data"})

test_bucket_policy_by_reference_denies_plain_http if {
	p := t.res_with("aws_s3_bucket_policy.data", {"policy": _t_deny}, {"references": {"bucket": ["aws_s3_bucket.data"]}})
	fs := findings with input as _t_in([_t_bucket], [p])
	t.messages(fs) == {"aws_s3_bucket.data denies requests without TLS in aws_s3_bucket_policy.data (Deny with aws:SecureTransport = false); claimed: reachable only over HTTPS"}
	some f in fs
	f.evidence == ["sha256:aws_s3_bucket.data", "sha256:aws_s3_bucket_policy.data"]
}

test_bucket_policy_by_name if {
	p := t.res("aws_s3_bucket_policy.data", {"bucket": "shop-data", "policy": json.marshal({"Statement": {"Effect": "Deny", "Condition": {"Bool": {"aws:SecureTransport": false}}}})})
	fs := findings with input as _t_in([_t_bucket], [p])
	t.passing(fs) == {"tf:infra/aws_s3_bucket.data"}
}

test_bucket_policy_without_deny_fails if {
	p := t.res("aws_s3_bucket_policy.data", {"bucket": "shop-data", "policy": json.marshal({"Statement": [{"Effect": "Allow", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})})
	fs := findings with input as _t_in([_t_bucket], [p])
	t.messages(fs) == {"aws_s3_bucket.data has no Deny for aws:SecureTransport = false in aws_s3_bucket_policy.data: plain HTTP requests are not refused; claimed: reachable only over HTTPS"}
}

test_bucket_policy_unknown_is_inconclusive if {
	p := t.res_with("aws_s3_bucket_policy.data", {}, {"unknown": {"policy": true}, "references": {"bucket": ["aws_s3_bucket.data"], "policy": ["data.aws_iam_policy_document.tls"]}})
	fs := findings with input as _t_in([_t_bucket], [p])
	t.inconclusive(fs) == {"tf:infra/aws_s3_bucket.data"}
}

test_bucket_with_two_denying_policies_passes_once if {
	# an inline policy and a policy resource (or two policy resources) that
	# both deny: one passing finding, named by the first label, not a conflict
	b := t.res("aws_s3_bucket.data", {"bucket": "shop-data", "policy": _t_deny})
	p := t.res_with("aws_s3_bucket_policy.data", {"policy": _t_deny}, {"references": {"bucket": ["aws_s3_bucket.data"]}})
	fs := findings with input as _t_in([b], [p])
	t.messages(fs) == {"aws_s3_bucket.data denies requests without TLS in aws_s3_bucket_policy.data (Deny with aws:SecureTransport = false); claimed: reachable only over HTTPS"}
	p2 := t.res_with("aws_s3_bucket_policy.other", {"policy": _t_deny}, {"references": {"bucket": ["aws_s3_bucket.data"]}})
	fs2 := findings with input as _t_in([_t_bucket], [p2, p])
	t.messages(fs2) == {"aws_s3_bucket.data denies requests without TLS in aws_s3_bucket_policy.data (Deny with aws:SecureTransport = false); claimed: reachable only over HTTPS"}
	u := t.res_with("aws_s3_bucket_policy.u", {}, {"unknown": {"policy": true}, "references": {"bucket": ["aws_s3_bucket.data"]}})
	bu := t.res_with("aws_s3_bucket.data", {"bucket": "shop-data"}, {"unknown": {"policy": true}})
	fs3 := findings with input as _t_in([bu], [u])
	count(fs3) == 1
}

test_bucket_inline_policy if {
	b := t.res("aws_s3_bucket.legacy", {"policy": _t_deny})
	fs := findings with input as _t_in([b], [])
	t.passing(fs) == {"tf:infra/aws_s3_bucket.legacy"}
}

test_bucket_unknown_inline_policy_is_inconclusive_in_both_languages if {
	b := t.res_with("aws_s3_bucket.data", {"bucket": "shop-data"}, {"unknown": {"policy": true}})
	fs := findings with input as _t_in([b], [])
	t.inconclusive(fs) == {"tf:infra/aws_s3_bucket.data"}
	t.messages(fs) == {"aws_s3_bucket.data has its inline policy, whose policy document is known only after apply; claimed: reachable only over HTTPS"}
	t.messages_de(fs) == {"aws_s3_bucket.data hat seine Inline-Policy, deren Richtliniendokument erst nach dem Apply bekannt ist; zugesichert: nur über HTTPS erreichbar"}
}

test_bucket_without_policy_fails if {
	fs := findings with input as _t_in([_t_bucket], [])
	t.messages(fs) == {"aws_s3_bucket.data has no bucket policy denying requests without TLS (aws:SecureTransport = false); claimed: reachable only over HTTPS"}
	t.messages_de(fs) == {"aws_s3_bucket.data hat keine Bucket-Policy, die Anfragen ohne TLS verweigert (aws:SecureTransport = false); zugesichert: nur über HTTPS erreichbar"}
}

test_invalid_policy_json_fails if {
	p := t.res("aws_s3_bucket_policy.data", {"bucket": "shop-data", "policy": "{not json"})
	fs := findings with input as _t_in([_t_bucket], [p])
	t.failing(fs) == {"tf:infra/aws_s3_bucket.data"}
}

test_cloudfront_without_a_viewer_protocol_policy_is_inconclusive if {
	none := t.res("aws_cloudfront_distribution.none", {})
	partial := t.res("aws_cloudfront_distribution.partial", {"default_cache_behavior": [{"viewer_protocol_policy": "https-only"}], "ordered_cache_behavior": [{"path_pattern": "/a/*"}]})
	bad := t.res("aws_cloudfront_distribution.bad", {"ordered_cache_behavior": [{"path_pattern": "/b/*", "viewer_protocol_policy": "allow-all"}]})
	fs := findings with input as {"evidence": [none, partial, bad], "context": []}
	t.inconclusive(fs) == {"tf:infra/aws_cloudfront_distribution.none", "tf:infra/aws_cloudfront_distribution.partial"}
	t.failing(fs) == {"tf:infra/aws_cloudfront_distribution.bad"}
	`aws_cloudfront_distribution.none shows no viewer_protocol_policy for the default cache behaviour (Terraform requires one: the evidence lacks the block, perhaps a dynamic one); claimed: reachable only over HTTPS` in t.messages(fs)
	`aws_cloudfront_distribution.partial shows no viewer_protocol_policy for cache behaviour "/a/*" (Terraform requires one: the evidence lacks the block, perhaps a dynamic one); claimed: reachable only over HTTPS` in t.messages(fs)
	`aws_cloudfront_distribution.bad allows plain HTTP: cache behaviour "/b/*" has viewer_protocol_policy "allow-all"; claimed: reachable only over HTTPS` in t.messages(fs)
}

test_cloudfront_unknown_ordered_behaviours if {
	r := t.res_with("aws_cloudfront_distribution.dyn", {"default_cache_behavior": [{"viewer_protocol_policy": "https-only"}]}, {"unknown": {"ordered_cache_behavior": true}})
	fs := findings with input as _t_in([r], [])
	t.inconclusive(fs) == {"tf:infra/aws_cloudfront_distribution.dyn"}
}

# Helpers and fast paths

test_redirects_to_https if {
	_redirects_to_https(_t_redirect)
	_redirects_to_https([{"type": "forward"}, {"type": "redirect", "redirect": [{"protocol": "https"}]}])
	not _redirects_to_https([{"type": "redirect", "redirect": [{"protocol": "HTTP"}]}])
	not _redirects_to_https({"type": "redirect"})
	not _redirects_to_https(null)
}

test_has_listener_rules if {
	rule := t.res_with("aws_lb_listener_rule.api", {"action": [{"type": "forward"}]}, {"references": {"listener_arn": ["aws_lb_listener.http"]}})
	_has_listener_rules with input as _t_in([], [rule])
	not _has_listener_rules with input as _t_in([], [])
	_rules_by_listener == {"infra/aws_lb_listener.http": {rule}} with input as _t_in([], [rule])
}

test_tls_and_lower_case_listeners_pass if {
	tls := t.res("aws_lb_listener.tls", {"protocol": "TLS"})
	lower := t.res("aws_alb_listener.lower", {"protocol": "https"})
	fs := findings with input as _t_in([tls, lower], [])
	t.messages(fs) == {"aws_lb_listener.tls serves TLS; claimed: reachable only over HTTPS", "aws_alb_listener.lower serves HTTPS; claimed: reachable only over HTTPS"}
}

test_lower_case_http_listener_is_judged_as_http if {
	l := t.res("aws_lb_listener.http", {"protocol": "http", "default_action": [{"type": "forward"}]})
	fs := findings with input as _t_in([l], [])
	t.messages(fs) == {`aws_lb_listener.http listens on plain HTTP and does not redirect to HTTPS (default_action type "forward"); claimed: reachable only over HTTPS`}
}

test_unknown_protocol_wins_over_a_known_one if {
	l := t.res_with("aws_lb_listener.x", {"protocol": "HTTPS"}, {"unknown": {"protocol": true}})
	fs := findings with input as _t_in([l], [])
	t.inconclusive(fs) == {"tf:infra/aws_lb_listener.x"}
}

test_redirecting_listener_with_rules_that_do_not_forward_passes if {
	l := t.res("aws_lb_listener.http", {"protocol": "HTTP", "default_action": _t_redirect})
	rule := t.res_with("aws_lb_listener_rule.fixed", {"action": [{"type": "fixed-response"}]}, {"references": {"listener_arn": ["aws_lb_listener.http"]}})
	fs := findings with input as _t_in([l], [rule])
	t.passing(fs) == {"tf:infra/aws_lb_listener.http"}
	some f in fs
	f.evidence == ["sha256:aws_lb_listener.http"]
}

test_redirecting_listener_with_an_unknown_default_action_type if {
	l := t.res_with("aws_lb_listener.http", {"protocol": "HTTP", "default_action": [{"redirect": [{"protocol": "HTTPS"}]}]}, {"unknown": {"default_action": [{"type": true}]}})
	fs := findings with input as _t_in([l], [])
	t.messages(fs) == {"aws_lb_listener.http listens on plain HTTP, and its default_action is known only after apply; claimed: reachable only over HTTPS"}
}

test_listener_without_default_action if {
	l := t.res("aws_lb_listener.http", {"protocol": "HTTP"})
	fs := findings with input as _t_in([l], [])
	t.messages(fs) == {"aws_lb_listener.http listens on plain HTTP and does not redirect to HTTPS (default_action type none); claimed: reachable only over HTTPS"}
}

test_cloudfront_with_ordered_behaviours_that_redirect_passes if {
	r := t.res("aws_cloudfront_distribution.ok", {"default_cache_behavior": [{"viewer_protocol_policy": "https-only"}], "ordered_cache_behavior": [{"path_pattern": "/a/*", "viewer_protocol_policy": "redirect-to-https"}, {"path_pattern": "/b/*", "viewer_protocol_policy": "https-only"}]})
	fs := findings with input as _t_in([r], [])
	t.messages(fs) == {"aws_cloudfront_distribution.ok redirects or refuses plain HTTP in every cache behaviour (viewer_protocol_policy redirect-to-https or https-only); claimed: reachable only over HTTPS"}
}

test_cloudfront_without_ordered_behaviours_passes if {
	r := t.res("aws_cloudfront_distribution.ok", {"default_cache_behavior": [{"viewer_protocol_policy": "redirect-to-https"}]})
	fs := findings with input as _t_in([r], [])
	t.passing(fs) == {"tf:infra/aws_cloudfront_distribution.ok"}
}

test_cloudfront_without_default_behaviour_is_inconclusive if {
	r := t.res("aws_cloudfront_distribution.none", {"ordered_cache_behavior": []})
	fs := findings with input as _t_in([r], [])
	t.inconclusive(fs) == {"tf:infra/aws_cloudfront_distribution.none"}
	t.messages(fs) == {`aws_cloudfront_distribution.none shows no viewer_protocol_policy for the default cache behaviour (Terraform requires one: the evidence lacks the block, perhaps a dynamic one); claimed: reachable only over HTTPS`}
}

test_cloudfront_with_an_unknown_ordered_behaviour_policy if {
	r := t.res_with("aws_cloudfront_distribution.u", {"default_cache_behavior": [{"viewer_protocol_policy": "https-only"}], "ordered_cache_behavior": [{"path_pattern": "/a/*"}]}, {"unknown": {"ordered_cache_behavior": [{"viewer_protocol_policy": true}]}})
	fs := findings with input as _t_in([r], [])
	t.messages(fs) == {"aws_cloudfront_distribution.u has a viewer_protocol_policy that is known only after apply; claimed: reachable only over HTTPS"}
}

test_policies_by_ref_groups_policies if {
	p1 := t.res_with("aws_s3_bucket_policy.a", {"policy": _t_deny}, {"references": {"bucket": ["aws_s3_bucket.data"]}})
	p2 := t.res_with("aws_s3_bucket_policy.b", {"policy": "{}"}, {"references": {"bucket": ["aws_s3_bucket.data", "aws_s3_bucket.logs"]}})
	_policies_by_ref == {"infra/aws_s3_bucket.data": {p1, p2}, "infra/aws_s3_bucket.logs": {p2}} with input as _t_in([], [p1, p2])
}

test_bucket_policy_by_reference_without_deny_fails if {
	p := t.res_with("aws_s3_bucket_policy.data", {"policy": json.marshal({"Statement": [{"Effect": "Allow"}]})}, {"references": {"bucket": ["aws_s3_bucket.data"]}})
	fs := findings with input as _t_in([_t_bucket], [p])
	t.messages(fs) == {"aws_s3_bucket.data has no Deny for aws:SecureTransport = false in aws_s3_bucket_policy.data: plain HTTP requests are not refused; claimed: reachable only over HTTPS"}
	some f in fs
	f.evidence == ["sha256:aws_s3_bucket.data", "sha256:aws_s3_bucket_policy.data"]
}

test_bucket_instances_and_their_policies if {
	b0 := t.res("aws_s3_bucket.b[0]", {"bucket": "b0"})
	b1 := t.res("aws_s3_bucket.b[1]", {"bucket": "b1"})
	p0 := t.res_with("aws_s3_bucket_policy.p[0]", {"policy": _t_deny}, {"references": {"bucket": ["aws_s3_bucket.b"]}})
	p1 := t.res_with("aws_s3_bucket_policy.p[1]", {"policy": "{}"}, {"references": {"bucket": ["aws_s3_bucket.b"]}})
	fs := findings with input as _t_in([b0, b1], [p0, p1])
	t.passing(fs) == {"tf:infra/aws_s3_bucket.b[0]"}
	t.failing(fs) == {"tf:infra/aws_s3_bucket.b[1]"}
}

test_bucket_with_an_unattached_policy_and_one_by_reference if {
	named := t.res("aws_s3_bucket_policy.named", {"bucket": "shop-data", "policy": "{}"})
	attached := t.res_with("aws_s3_bucket_policy.attached", {"policy": _t_deny}, {"references": {"bucket": ["aws_s3_bucket.data"]}})
	fs := findings with input as _t_in([_t_bucket], [named, attached])
	t.messages(fs) == {"aws_s3_bucket.data denies requests without TLS in aws_s3_bucket_policy.attached (Deny with aws:SecureTransport = false); claimed: reachable only over HTTPS"}
}

test_bucket_with_an_inline_policy_without_deny_and_one_by_reference if {
	b := t.res("aws_s3_bucket.data", {"bucket": "shop-data", "policy": "{}"})
	p := t.res_with("aws_s3_bucket_policy.data", {"policy": "{}"}, {"references": {"bucket": ["aws_s3_bucket.data"]}})
	fs := findings with input as _t_in([b], [p])
	t.messages(fs) == {"aws_s3_bucket.data has no Deny for aws:SecureTransport = false in aws_s3_bucket_policy.data, its inline policy: plain HTTP requests are not refused; claimed: reachable only over HTTPS"}
	t.messages_de(fs) == {"aws_s3_bucket.data hat kein Deny für aws:SecureTransport = false in aws_s3_bucket_policy.data, seine Inline-Policy: unverschlüsselte HTTP-Anfragen werden nicht abgelehnt; zugesichert: nur über HTTPS erreichbar"}
}

test_bucket_policy_known_after_apply_among_others if {
	known := t.res_with("aws_s3_bucket_policy.known", {"policy": "{}"}, {"references": {"bucket": ["aws_s3_bucket.data"]}})
	unknown := t.res_with("aws_s3_bucket_policy.unknown", {}, {"unknown": {"policy": true}, "references": {"bucket": ["aws_s3_bucket.data"]}})
	fs := findings with input as _t_in([_t_bucket], [known, unknown])
	t.messages(fs) == {"aws_s3_bucket.data has aws_s3_bucket_policy.unknown, whose policy document is known only after apply; claimed: reachable only over HTTPS"}
	some f in fs
	f.evidence == ["sha256:aws_s3_bucket.data", "sha256:aws_s3_bucket_policy.unknown"]
}

test_about if {
	p := t.res("aws_s3_bucket_policy.data", {})
	_about(p, _t_bucket) == ["aws_s3_bucket_policy.data", "aws_s3_bucket_policy.data", ["sha256:aws_s3_bucket.data", "sha256:aws_s3_bucket_policy.data"]]
	_about(_t_bucket, _t_bucket) == ["its inline policy", "seine Inline-Policy", ["sha256:aws_s3_bucket.data"]]
	same := object.union(p, {"digest": "sha256:aws_s3_bucket.data"})
	_about(same, _t_bucket) == ["aws_s3_bucket_policy.data", "aws_s3_bucket_policy.data", ["sha256:aws_s3_bucket.data"]]
}

test_denies_plain_http if {
	_denies_plain_http_doc(_t_deny)
	_denies_plain_http({"Statement": [{"Effect": "Deny", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})
	_denies_plain_http({"Statement": {"Effect": "deny", "Condition": {"bool": {"aws:securetransport": false}}}})
	_denies_plain_http({"Statement": [{"Effect": "Allow"}, {"Effect": "DENY", "Condition": {"BOOL": {"AWS:SecureTransport": ["FALSE"]}}}]})
	not _denies_plain_http({"Statement": [{"Effect": "Deny", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]})
	not _denies_plain_http({"Statement": "Deny"})
	not _denies_plain_http([])
	not _denies_plain_http_doc("{not json")
}

test_false if {
	_false("false")
	_false("False")
	_false(false)
	_false(["false", false])
	not _false([])
	not _false(["false", "true"])
	not _false(true)
	not _false(0)
}

test_usual_findings_state_the_claim if {
	https := t.res("aws_lb_listener.https", {"protocol": "HTTPS"})
	http := t.res("aws_lb_listener.http", {"protocol": "HTTP", "default_action": _t_redirect})
	cdn := t.res("aws_cloudfront_distribution.cdn", {"default_cache_behavior": [{"viewer_protocol_policy": "https-only"}], "ordered_cache_behavior": []})
	p := t.res_with("aws_s3_bucket_policy.data", {"policy": _t_deny}, {"references": {"bucket": ["aws_s3_bucket.data"]}})
	fs := findings with input as _t_in([https, http, cdn, _t_bucket], [p])
	count(fs) == 4
	every f in fs {
		f.pass
		endswith(f.message, concat("", ["; ", claimed]))
		endswith(f.message_de, concat("", ["; ", claimed_de]))
	}
}
