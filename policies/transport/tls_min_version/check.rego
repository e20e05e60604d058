# METADATA
# title: TLS endpoints accept no protocol older than the claimed minimum
# description: >-
#   Verifies that TLS endpoints refuse protocol versions older than
#   min_version. HTTPS and TLS listeners of load balancers (aws_lb_listener,
#   aws_alb_listener) are judged by their ssl_policy, looked up in a table of
#   AWS's predefined security policies (a listener without ssl_policy gets
#   AWS's API default ELBSecurityPolicy-2016-08, which allows TLS 1.0; a policy
#   name the table lacks is inconclusive, never guessed). Listeners on plain
#   HTTP, TCP or UDP are not judged here (transport.https_only judges HTTP).
#   CloudFront distributions are judged by
#   viewer_certificate.minimum_protocol_version (TLSv1 when not set, and
#   always TLSv1 with the CloudFront default certificate); API Gateway domain
#   names by security_policy (TLS_1_0, TLS_1_2 and the enhanced
#   SecurityPolicy_TLS13_… / SecurityPolicy_TLS12_… policies, whose names carry
#   their minimum). An API Gateway domain without security_policy is
#   inconclusive: AWS gives new domains TLS_1_2, but a domain created earlier
#   may still use TLS_1_0.
# custom:
#   check: transport.tls_min_version
#   title_de: TLS-Endpunkte akzeptieren kein Protokoll unter der zugesicherten Mindestversion
#   description_de: >-
#     Prüft, dass TLS-Endpunkte Protokollversionen unter min_version
#     ablehnen. HTTPS- und TLS-Listener von Load Balancern (aws_lb_listener,
#     aws_alb_listener) werden nach ihrer ssl_policy beurteilt, nachgeschlagen
#     in einer Tabelle der vordefinierten AWS-Sicherheitsrichtlinien (ohne
#     ssl_policy gilt der API-Standard ELBSecurityPolicy-2016-08, der TLS 1.0
#     erlaubt; ein unbekannter Richtlinienname bleibt unentschieden und wird
#     nie geraten). Listener mit reinem HTTP, TCP oder UDP werden hier nicht
#     beurteilt (HTTP beurteilt transport.https_only). CloudFront-Distributionen
#     werden nach viewer_certificate.minimum_protocol_version beurteilt (ohne
#     Angabe TLSv1, mit dem CloudFront-Standardzertifikat immer TLSv1),
#     API-Gateway-Domains nach security_policy (TLS_1_0, TLS_1_2 und die
#     erweiterten Richtlinien SecurityPolicy_TLS13_… / SecurityPolicy_TLS12_…,
#     deren Name die Mindestversion nennt). Eine API-Gateway-Domain ohne
#     security_policy bleibt unentschieden: neue Domains erhalten TLS_1_2,
#     ältere können noch TLS_1_0 verwenden.
#   evidence:
#     - terraform.resource:aws_lb_listener
#     - terraform.resource:aws_alb_listener
#     - terraform.resource:aws_cloudfront_distribution
#     - terraform.resource:aws_api_gateway_domain_name
#     - terraform.resource:aws_apigatewayv2_domain_name
#   params:
#     type: object
#     additionalProperties: false
#     properties:
#       min_version:
#         type: string
#         enum: ["1.0", "1.1", "1.2", "1.3"]
#         default: "1.2"
#         description: The oldest TLS version an endpoint may accept.
#   areas: [Weitergabekontrolle, Verschlüsselung]
#   claim_types: [transport.tls_min_version, transport.tls_protocols_disabled]
#   remediation: >-
#     Set ssl_policy to a policy without older protocols (for TLS 1.2:
#     ELBSecurityPolicy-TLS13-1-2-2021-06), CloudFront
#     minimum_protocol_version to TLSv1.2_2021 with your own certificate, and
#     API Gateway security_policy to TLS_1_2.
#   remediation_de: >-
#     ssl_policy auf eine Richtlinie ohne ältere Protokolle setzen (für
#     TLS 1.2: ELBSecurityPolicy-TLS13-1-2-2021-06), bei CloudFront
#     minimum_protocol_version TLSv1.2_2021 mit eigenem Zertifikat und bei
#     API Gateway security_policy TLS_1_2.
package tomcheck.checks.transport.tls_min_version

import data.tomcheck.lib.tls

# minimum is the claimed oldest protocol, as a protocol name (tls1.2).
default minimum := "tls1.2"

minimum := tls.from_param[input.params.min_version]

# claimed is the claim as messages state it.
claimed := sprintf("claimed minimum %s", [tls.label[minimum]])

# claimed_de is claimed in German.
claimed_de := sprintf("zugesichert ist mindestens %s", [tls.label[minimum]])
