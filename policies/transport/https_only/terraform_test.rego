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

test_cloudfront_unknown_ordered_behaviours if {
	r := t.res_with("aws_cloudfront_distribution.dyn", {"default_cache_behavior": [{"viewer_protocol_policy": "https-only"}]}, {"unknown": {"ordered_cache_behavior": true}})
	fs := findings with input as _t_in([r], [])
	t.inconclusive(fs) == {"tf:infra/aws_cloudfront_distribution.dyn"}
}
