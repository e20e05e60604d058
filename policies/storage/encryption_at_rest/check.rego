# METADATA
# title: Storage is encrypted at rest
# description: >-
#   Verifies that data stores are encrypted at rest: S3 buckets (a
#   aws_s3_bucket_server_side_encryption_configuration that refers to the
#   bucket or names it, or the bucket's inline server_side_encryption_configuration),
#   EBS volumes (encrypted, or EBS encryption by default in the same
#   configuration), the EBS encryption-by-default setting itself, RDS instances
#   and clusters (storage_encrypted), EFS file systems (encrypted) and DynamoDB
#   tables (always encrypted; with require_kms the server_side_encryption block
#   must name a KMS key). An S3 bucket without any encryption configuration
#   passes: since 5 January 2023 S3 encrypts every new object with SSE-S3
#   (AES-256) and this cannot be switched off, so the bucket is encrypted
#   whatever the configuration declares; objects written to an older bucket
#   before that date are not covered, and declaring a configuration would not
#   change that either. With require_kms, S3 needs sse_algorithm aws:kms or
#   aws:kms:dsse, and every other store must name a KMS key (kms_key_id,
#   kms_key_arn, a reference to an aws_kms_key, or, for an EBS volume without
#   kms_key_id, an aws_ebs_default_kms_key). Values known only after apply are never guessed:
#   such stores are inconclusive.
# custom:
#   check: storage.encryption_at_rest
#   title_de: Daten sind im Ruhezustand verschlüsselt
#   description_de: >-
#     Prüft, dass Datenspeicher im Ruhezustand verschlüsselt sind: S3-Buckets
#     (eine aws_s3_bucket_server_side_encryption_configuration, die auf den
#     Bucket verweist oder ihn benennt, oder die eingebettete
#     server_side_encryption_configuration), EBS-Volumes (encrypted oder
#     EBS-Standardverschlüsselung in derselben Konfiguration), die
#     EBS-Standardverschlüsselung selbst, RDS-Instanzen und -Cluster
#     (storage_encrypted), EFS-Dateisysteme (encrypted) und DynamoDB-Tabellen
#     (immer verschlüsselt; mit require_kms muss der Block
#     server_side_encryption einen KMS-Schlüssel nennen). Ein S3-Bucket ohne
#     Verschlüsselungskonfiguration gilt als verschlüsselt: Seit dem 5. Januar
#     2023 verschlüsselt S3 jedes neue Objekt mit SSE-S3 (AES-256), und das
#     lässt sich nicht abschalten; Objekte, die vor diesem Datum in einen
#     älteren Bucket geschrieben wurden, sind davon nicht erfasst – daran
#     änderte auch eine deklarierte Konfiguration nichts. Mit require_kms
#     verlangt S3 sse_algorithm aws:kms oder aws:kms:dsse, alle anderen
#     Speicher müssen einen KMS-Schlüssel nennen (für ein EBS-Volume ohne
#     kms_key_id genügt ein aws_ebs_default_kms_key). Erst nach dem Apply bekannte
#     Werte werden nie geraten: solche Speicher bleiben unentschieden.
#   evidence:
#     - terraform.resource:aws_s3_bucket
#     - terraform.resource:aws_ebs_volume
#     - terraform.resource:aws_ebs_encryption_by_default
#     - terraform.resource:aws_db_instance
#     - terraform.resource:aws_rds_cluster
#     - terraform.resource:aws_efs_file_system
#     - terraform.resource:aws_dynamodb_table
#   context:
#     - terraform.resource:aws_s3_bucket_server_side_encryption_configuration
#     - terraform.resource:aws_ebs_default_kms_key
#   params:
#     type: object
#     additionalProperties: false
#     properties:
#       require_kms:
#         type: boolean
#         default: false
#         description: >-
#           Require a KMS key: S3 sse_algorithm aws:kms or aws:kms:dsse, other
#           stores a named KMS key (kms_key_id, kms_key_arn or a reference to
#           an aws_kms_key).
#   areas: [Verschlüsselung, Zugriffskontrolle]
#   claim_types: [storage.encryption_at_rest]
#   remediation: >-
#     Set encrypted / storage_encrypted = true (RDS and EFS encryption can only
#     be chosen at creation: restore a snapshot into an encrypted copy), enable
#     aws_ebs_encryption_by_default, and declare an
#     aws_s3_bucket_server_side_encryption_configuration; name a customer-managed
#     aws_kms_key where the claim requires KMS.
#   remediation_de: >-
#     encrypted bzw. storage_encrypted = true setzen (bei RDS und EFS nur beim
#     Anlegen möglich: Snapshot in eine verschlüsselte Kopie wiederherstellen),
#     aws_ebs_encryption_by_default aktivieren und eine
#     aws_s3_bucket_server_side_encryption_configuration deklarieren; wo die
#     Zusicherung KMS verlangt, einen eigenen aws_kms_key angeben.
package tomcheck.checks.storage.encryption_at_rest

# require_kms is the claim's parameter: a KMS key must be named.
default require_kms := false

require_kms := input.params.require_kms if is_boolean(input.params.require_kms)

# claimed is the claimed state, as messages state it.
claimed := "claimed: encrypted at rest with a KMS key" if {
	require_kms
} else := "claimed: encrypted at rest"

# claimed_de is claimed in German.
claimed_de := "zugesichert: Verschlüsselung im Ruhezustand mit KMS-Schlüssel" if {
	require_kms
} else := "zugesichert: Verschlüsselung im Ruhezustand"
