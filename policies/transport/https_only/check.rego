# METADATA
# title: Services are reachable only over HTTPS
# description: >-
#   Verifies that web endpoints do not serve plain HTTP. A load balancer
#   listener (aws_lb_listener, aws_alb_listener) on HTTPS or TLS passes; one on
#   HTTP (the ALB default when protocol is not set) passes only when its
#   default_action redirects with redirect.protocol = "HTTPS" and no
#   aws_lb_listener_rule attached to it forwards requests; TCP and UDP
#   listeners are not judged. A CloudFront distribution passes when the
#   viewer_protocol_policy of its default and every ordered cache behaviour is
#   redirect-to-https or https-only. An S3 bucket passes when its bucket
#   policy (an aws_s3_bucket_policy joined by reference, else by bucket name,
#   or the bucket's inline policy) has a Deny statement with the condition
#   Bool aws:SecureTransport = false. A policy or action known only after
#   apply is inconclusive, as is a cache behaviour the evidence shows without
#   its (required) viewer_protocol_policy.
# custom:
#   check: transport.https_only
#   title_de: Dienste sind nur über HTTPS erreichbar
#   description_de: >-
#     Prüft, dass Web-Endpunkte kein unverschlüsseltes HTTP ausliefern. Ein
#     Load-Balancer-Listener (aws_lb_listener, aws_alb_listener) auf HTTPS oder
#     TLS ist erfüllt; einer auf HTTP (Standard bei ALB ohne protocol) nur,
#     wenn seine default_action mit redirect.protocol = "HTTPS" umleitet und
#     keine zugehörige aws_lb_listener_rule Anfragen weiterleitet; TCP- und
#     UDP-Listener werden nicht beurteilt. Eine CloudFront-Distribution ist
#     erfüllt, wenn die viewer_protocol_policy des Standard- und jedes
#     geordneten Cache-Verhaltens redirect-to-https oder https-only ist. Ein
#     S3-Bucket ist erfüllt, wenn seine Bucket-Policy (eine
#     aws_s3_bucket_policy per Verweis, sonst per Bucket-Name, oder die
#     eingebettete policy) eine Deny-Anweisung mit der Bedingung Bool
#     aws:SecureTransport = false enthält. Erst nach dem Apply bekannte
#     Policies oder Aktionen bleiben unentschieden, ebenso ein
#     Cache-Verhalten, das die Nachweise ohne seine (verlangte)
#     viewer_protocol_policy zeigen.
#   evidence:
#     - terraform.resource:aws_lb_listener
#     - terraform.resource:aws_alb_listener
#     - terraform.resource:aws_cloudfront_distribution
#     - terraform.resource:aws_s3_bucket
#   context:
#     - terraform.resource:aws_lb_listener_rule
#     - terraform.resource:aws_s3_bucket_policy
#   params:
#     type: object
#     additionalProperties: false
#     properties: {}
#   areas: [Weitergabekontrolle, Verschlüsselung]
#   claim_types: [transport.https_only]
#   remediation: >-
#     Give HTTP listeners a default_action of type redirect with protocol
#     HTTPS and status HTTP_301, set viewer_protocol_policy to
#     redirect-to-https in every CloudFront cache behaviour, and add a bucket
#     policy statement that denies s3:* when aws:SecureTransport is false.
#   remediation_de: >-
#     HTTP-Listenern eine default_action vom Typ redirect mit protocol HTTPS
#     und Status HTTP_301 geben, in jedem CloudFront-Cache-Verhalten
#     viewer_protocol_policy redirect-to-https setzen und der Bucket-Policy
#     eine Anweisung hinzufügen, die s3:* bei aws:SecureTransport = false
#     verweigert.
package tomcheck.checks.transport.https_only

# claimed is the claim as messages state it.
claimed := "claimed: reachable only over HTTPS"

# claimed_de is claimed in German.
claimed_de := "zugesichert: nur über HTTPS erreichbar"
