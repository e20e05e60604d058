# METADATA
# title: Logs are kept for at least N days
# description: >-
#   Verifies that logs are kept at least `min_days` days. A CloudWatch log
#   group (aws_cloudwatch_log_group) passes when retention_in_days is at least
#   min_days, or 0 or not set (the logs never expire). An S3 lifecycle
#   configuration (aws_s3_bucket_lifecycle_configuration) fails when an
#   enabled rule expires objects sooner (expiration.days below min_days) or on
#   a fixed date (expiration.date deletes every object then, whatever its
#   age); the message names the bucket and the rule's filter, so scope the
#   claim to the log buckets. A value known only after apply is inconclusive.
# custom:
#   check: logging.retention
#   title_de: Logs werden mindestens N Tage aufbewahrt
#   description_de: >-
#     Prüft, dass Logs mindestens `min_days` Tage aufbewahrt werden. Eine
#     CloudWatch-Log-Gruppe (aws_cloudwatch_log_group) ist erfüllt, wenn
#     retention_in_days mindestens min_days beträgt oder 0 bzw. nicht gesetzt
#     ist (die Logs laufen nie ab). Eine S3-Lebenszykluskonfiguration
#     (aws_s3_bucket_lifecycle_configuration) ist nicht erfüllt, wenn eine
#     aktive Regel Objekte früher löscht (expiration.days unter min_days) oder
#     zu einem festen Datum (expiration.date löscht dann jedes Objekt,
#     gleich welchen Alters); die Meldung nennt Bucket und Filter der Regel,
#     daher den Geltungsbereich auf die Log-Buckets beschränken. Erst nach dem
#     Apply bekannte Werte bleiben unentschieden.
#   evidence:
#     - terraform.resource:aws_cloudwatch_log_group
#     - terraform.resource:aws_s3_bucket_lifecycle_configuration
#   params:
#     type: object
#     additionalProperties: false
#     required: [min_days]
#     properties:
#       min_days:
#         type: integer
#         minimum: 1
#         description: The shortest time, in days, logs must be kept.
#   areas: [Eingabekontrolle]
#   claim_types: [logging.retention_days]
#   remediation: >-
#     Set retention_in_days of log groups to at least the claimed number of
#     days (one of AWS's values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180,
#     365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653), and let
#     lifecycle rules of log buckets expire objects no sooner.
#   remediation_de: >-
#     retention_in_days der Log-Gruppen auf mindestens die zugesicherte
#     Anzahl Tage setzen (einer der AWS-Werte: 1, 3, 5, 7, 14, 30, 60, 90,
#     120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
#     3653) und Lebenszyklusregeln der Log-Buckets Objekte nicht früher
#     löschen lassen.
package tomcheck.checks.logging.retention

import data.tomcheck.lib.text

# min_days is the claimed shortest retention in days.
min_days := input.params.min_days

# claimed is the claim as messages state it.
claimed := sprintf("claimed at least %s", [text.days(min_days)])

# claimed_de is claimed in German.
claimed_de := sprintf("zugesichert sind mindestens %s", [text.days_de(min_days)])
