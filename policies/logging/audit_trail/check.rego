# METADATA
# title: A cloud audit trail records API activity, protected against tampering
# description: >-
#   Verifies each AWS CloudTrail trail (aws_cloudtrail): logging is on
#   (enable_logging, true when not set), and, as the claim requires, the trail
#   covers all regions (is_multi_region_trail, false when not set), log file
#   integrity validation is on (enable_log_file_validation, false when not
#   set) and the logs are encrypted with a KMS key (kms_key_id set or
#   referring to an aws_kms_key). One finding per trail lists every deviation;
#   a value known only after apply leaves the trail inconclusive unless
#   another requirement already fails. A scope without any trail is reported
#   by the engine as having no evidence.
# custom:
#   check: logging.audit_trail
#   title_de: Ein Cloud-Audit-Trail protokolliert API-Aktivität, geschützt gegen Manipulation
#   description_de: >-
#     Prüft jeden AWS-CloudTrail-Trail (aws_cloudtrail): die Protokollierung
#     ist an (enable_logging, ohne Angabe true) und, soweit zugesichert, der
#     Trail deckt alle Regionen ab (is_multi_region_trail, ohne Angabe false),
#     die Integritätsprüfung der Logdateien ist an
#     (enable_log_file_validation, ohne Angabe false) und die Logs sind mit
#     einem KMS-Schlüssel verschlüsselt (kms_key_id gesetzt oder Verweis auf
#     einen aws_kms_key). Ein Befund je Trail nennt jede Abweichung; ein erst
#     nach dem Apply bekannter Wert lässt den Trail unentschieden, sofern
#     nicht eine andere Anforderung bereits verfehlt ist. Ein
#     Geltungsbereich ohne Trail meldet die Engine als ohne Nachweise.
#   evidence:
#     - terraform.resource:aws_cloudtrail
#   params:
#     type: object
#     additionalProperties: false
#     properties:
#       multi_region:
#         type: boolean
#         default: true
#         description: Require the trail to record events of all regions (is_multi_region_trail).
#       log_file_validation:
#         type: boolean
#         default: true
#         description: Require log file integrity validation (enable_log_file_validation).
#       kms:
#         type: boolean
#         default: true
#         description: Require the log files to be encrypted with a KMS key (kms_key_id).
#   areas: [Eingabekontrolle, Integrität]
#   claim_types: [logging.audit_enabled, logging.tamper_protection]
#   remediation: >-
#     Set is_multi_region_trail = true, enable_log_file_validation = true and
#     kms_key_id to a customer-managed aws_kms_key on the trail, and do not set
#     enable_logging = false.
#   remediation_de: >-
#     Am Trail is_multi_region_trail = true, enable_log_file_validation = true
#     und kms_key_id auf einen eigenen aws_kms_key setzen und enable_logging
#     nicht auf false setzen.
package tomcheck.checks.logging.audit_trail

# required lists the claimed properties of a trail besides logging itself.
required contains "multi_region" if object.get(input, ["params", "multi_region"], true) == true

required contains "log_file_validation" if object.get(input, ["params", "log_file_validation"], true) == true

required contains "kms" if object.get(input, ["params", "kms"], true) == true

_claims := {
	"multi_region": ["all regions", "alle Regionen"],
	"log_file_validation": ["log file validation", "Integritätsprüfung der Logdateien"],
	"kms": ["KMS encryption", "KMS-Verschlüsselung"],
}

# claimed is the claim as messages state it.
claimed := sprintf("claimed: audit logging on%s", [concat("", [sprintf(", %s", [_claims[k][0]]) | some k in ["multi_region", "log_file_validation", "kms"]; k in required])])

# claimed_de is claimed in German.
claimed_de := sprintf("zugesichert: Audit-Protokollierung an%s", [concat("", [sprintf(", %s", [_claims[k][1]]) | some k in ["multi_region", "log_file_validation", "kms"]; k in required])])
