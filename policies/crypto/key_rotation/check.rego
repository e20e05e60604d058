# METADATA
# title: Customer-managed KMS keys rotate at least yearly
# description: >-
#   Verifies that symmetric customer-managed KMS keys (aws_kms_key with
#   customer_master_key_spec SYMMETRIC_DEFAULT or not set) have automatic key
#   rotation on (enable_key_rotation, false when not set) with a rotation
#   period of at most 365 days (rotation_period_in_days, 365 when not set).
#   Asymmetric and HMAC keys cannot be rotated automatically by AWS and pass
#   with a message saying so. A value known only after apply is inconclusive.
# custom:
#   check: crypto.key_rotation
#   title_de: Eigene KMS-Schlüssel werden mindestens jährlich rotiert
#   description_de: >-
#     Prüft, dass symmetrische kundenverwaltete KMS-Schlüssel (aws_kms_key mit
#     customer_master_key_spec SYMMETRIC_DEFAULT oder ohne Angabe) die
#     automatische Schlüsselrotation aktiviert haben (enable_key_rotation,
#     ohne Angabe false) und höchstens alle 365 Tage rotieren
#     (rotation_period_in_days, ohne Angabe 365). Asymmetrische und
#     HMAC-Schlüssel kann AWS nicht automatisch rotieren; sie gelten mit
#     entsprechendem Hinweis als erfüllt. Erst nach dem Apply bekannte Werte
#     bleiben unentschieden.
#   evidence:
#     - terraform.resource:aws_kms_key
#   params:
#     type: object
#     additionalProperties: false
#     properties: {}
#   areas: [Verschlüsselung]
#   claim_types: []
#   remediation: Set enable_key_rotation = true on every symmetric aws_kms_key (and rotation_period_in_days to 365 or less).
#   remediation_de: Bei jedem symmetrischen aws_kms_key enable_key_rotation = true setzen (und rotation_period_in_days auf höchstens 365).
package tomcheck.checks.crypto.key_rotation

# max_period is the longest rotation period, in days, that counts as state of the art.
max_period := 365

# claimed is the claim as messages state it.
claimed := "claimed: automatic rotation at least every 365 days"

# claimed_de is claimed in German.
claimed_de := "zugesichert: automatische Rotation mindestens alle 365 Tage"
