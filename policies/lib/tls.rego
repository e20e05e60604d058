# METADATA
# title: TLS protocol tables
# description: >-
#   Protocol names (ssl2, ssl3, tls1.0 … tls1.3), their order, and the
#   protocols AWS's predefined security policies allow: Elastic Load Balancing
#   security policies, CloudFront minimum protocol versions and API Gateway
#   domain security policies.
package tomcheck.lib.tls

# rank orders protocol names from oldest to newest.
rank := {"ssl2": 0, "ssl3": 1, "tls1.0": 2, "tls1.1": 3, "tls1.2": 4, "tls1.3": 5}

# from_param maps a min_version parameter ("1.2") to a protocol name.
from_param := {"1.0": "tls1.0", "1.1": "tls1.1", "1.2": "tls1.2", "1.3": "tls1.3"}

# label is how messages write a protocol.
label := {"ssl2": "SSL 2.0", "ssl3": "SSL 3.0", "tls1.0": "TLS 1.0", "tls1.1": "TLS 1.1", "tls1.2": "TLS 1.2", "tls1.3": "TLS 1.3"}

# lowest is the oldest protocol of a list or set of protocol names.
lowest(ps) := p if {
	r := min({rank[q] | some q in ps})
	some p, v in rank
	v == r
}

# at_least holds when protocol p is min or newer.
at_least(p, minimum) if rank[p] >= rank[minimum]

_tls10_12 := ["tls1.0", "tls1.1", "tls1.2"]

_tls10_13 := ["tls1.0", "tls1.1", "tls1.2", "tls1.3"]

_tls11_12 := ["tls1.1", "tls1.2"]

_tls11_13 := ["tls1.1", "tls1.2", "tls1.3"]

_tls12 := ["tls1.2"]

_tls12_13 := ["tls1.2", "tls1.3"]

_tls13 := ["tls1.3"]

# elb_policies maps the predefined security policies of Application and
# Network Load Balancers to the protocols they allow (AWS documentation,
# "Security policies for your Application Load Balancer"). A name missing here
# is not guessed: the listener is inconclusive.
elb_policies := {
	"ELBSecurityPolicy-2015-05": _tls10_12,
	"ELBSecurityPolicy-2016-08": _tls10_12,
	"ELBSecurityPolicy-TLS-1-0-2015-04": _tls10_12,
	"ELBSecurityPolicy-TLS-1-1-2017-01": _tls11_12,
	"ELBSecurityPolicy-TLS-1-2-2017-01": _tls12,
	"ELBSecurityPolicy-TLS-1-2-Ext-2018-06": _tls12,
	"ELBSecurityPolicy-FS-2018-06": _tls10_12,
	"ELBSecurityPolicy-FS-1-1-2019-08": _tls11_12,
	"ELBSecurityPolicy-FS-1-2-2019-08": _tls12,
	"ELBSecurityPolicy-FS-1-2-Res-2019-08": _tls12,
	"ELBSecurityPolicy-FS-1-2-Res-2020-10": _tls12,
	"ELBSecurityPolicy-TLS13-1-0-2021-06": _tls10_13,
	"ELBSecurityPolicy-TLS13-1-1-2021-06": _tls11_13,
	"ELBSecurityPolicy-TLS13-1-2-2021-06": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Res-2021-06": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-3-2021-06": _tls13,
	"ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04": _tls10_13,
	"ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04": _tls11_13,
	"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04": _tls13,
	"ELBSecurityPolicy-TLS13-1-2-PQ-2025-09": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-3-PQ-2025-09": _tls13,
	"ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09": _tls12_13,
	"ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09": _tls13,
}

# elb_default is the policy AWS applies to an HTTPS or TLS listener created
# through the API (and so by Terraform) without ssl_policy.
elb_default := "ELBSecurityPolicy-2016-08"

# cloudfront_min maps viewer_certificate.minimum_protocol_version to the
# oldest protocol CloudFront then accepts from viewers.
cloudfront_min := {
	"SSLv3": "ssl3",
	"TLSv1": "tls1.0",
	"TLSv1_2016": "tls1.0",
	"TLSv1.1_2016": "tls1.1",
	"TLSv1.2_2018": "tls1.2",
	"TLSv1.2_2019": "tls1.2",
	"TLSv1.2_2021": "tls1.2",
	"TLSv1.2_2025": "tls1.2",
	"TLSv1.3_2025": "tls1.3",
}

# apigateway_min maps an API Gateway domain security_policy to the oldest
# protocol it accepts: the legacy TLS_1_0 and TLS_1_2, and the enhanced
# SecurityPolicy_* policies, whose names carry their minimum
# (SecurityPolicy_TLS13_1_2_… accepts TLS 1.2 and 1.3).
apigateway_min(p) := "tls1.0" if {
	p == "TLS_1_0"
} else := "tls1.2" if {
	p == "TLS_1_2"
} else := "tls1.3" if {
	startswith(p, "SecurityPolicy_TLS13_1_3_")
} else := "tls1.2" if {
	startswith(p, "SecurityPolicy_TLS13_1_2_")
} else := "tls1.2" if {
	startswith(p, "SecurityPolicy_TLS12_")
}
