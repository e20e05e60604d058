package tomcheck.lib.tls

test_lowest if {
	lowest(["tls1.2", "tls1.0", "tls1.3"]) == "tls1.0"
	lowest({"tls1.3"}) == "tls1.3"
}

test_at_least if {
	at_least("tls1.3", "tls1.2")
	at_least("tls1.2", "tls1.2")
	not at_least("tls1.1", "tls1.2")
}

test_elb_default_allows_tls10 if lowest(elb_policies[elb_default]) == "tls1.0"

test_elb_tls13_policies if {
	lowest(elb_policies["ELBSecurityPolicy-TLS13-1-2-2021-06"]) == "tls1.2"
	lowest(elb_policies["ELBSecurityPolicy-TLS13-1-3-2021-06"]) == "tls1.3"
	lowest(elb_policies["ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04"]) == "tls1.1"
	lowest(elb_policies["ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"]) == "tls1.2"
}

test_every_elb_policy_maps_to_known_protocols if {
	every _, ps in elb_policies {
		count(ps) > 0
		every p in ps {
			rank[p]
		}
	}
}

test_cloudfront if {
	cloudfront_min.TLSv1 == "tls1.0"
	cloudfront_min["TLSv1.2_2021"] == "tls1.2"
	cloudfront_min.SSLv3 == "ssl3"
}

test_apigateway if {
	apigateway_min("TLS_1_0") == "tls1.0"
	apigateway_min("TLS_1_2") == "tls1.2"
	apigateway_min("SecurityPolicy_TLS13_1_3_2025_09") == "tls1.3"
	apigateway_min("SecurityPolicy_TLS13_1_2_PQ_2025_09") == "tls1.2"
	not apigateway_min("SecurityPolicy_Unknown")
}
