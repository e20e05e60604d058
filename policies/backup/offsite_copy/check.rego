# METADATA
# title: Backups are copied off site
# description: >-
#   Verifies that a copy of the backups is kept away from the original. An
#   aws_backup_plan passes when one of its rules has a copy_action whose
#   destination vault is in another region than the source vault (with
#   min_distance account: another region and another AWS account). The
#   destination comes from destination_vault_arn, or, when that is known only
#   after apply, from the aws_backup_vault it refers to (its ARN or region);
#   the source from the plan's own ARN, else the vault its rule's
#   target_vault_name refers to, else the plan's region attribute. Provider
#   aliases are not read as regions: what cannot be resolved is
#   inconclusive. An S3 bucket passes when an aws_s3_bucket_replication_configuration
#   (joined by reference, else by bucket name) has an enabled rule whose
#   destination bucket is in another region — bucket ARNs carry no region,
#   so the destination bucket's record is looked up by reference or name and
#   its region compared; with min_distance account the destination must also
#   name its account (destination.account, which Terraform sets for
#   cross-account replication). A bucket that is itself the destination of
#   such a replication passes as the off-site copy. Buckets without
#   replication fail: scope the claim to the buckets it speaks about.
# custom:
#   check: backup.offsite_copy
#   title_de: Sicherungen werden an einen anderen Standort kopiert
#   description_de: >-
#     Prüft, dass eine Kopie der Sicherungen räumlich getrennt vom Original
#     liegt. Ein aws_backup_plan ist erfüllt, wenn eine seiner Regeln eine
#     copy_action hat, deren Ziel-Vault in einer anderen Region liegt als der
#     Quell-Vault (mit min_distance account: andere Region und anderes
#     AWS-Konto). Das Ziel ergibt sich aus destination_vault_arn oder, wenn
#     dieser erst nach dem Apply bekannt ist, aus dem referenzierten
#     aws_backup_vault (ARN oder Region); die Quelle aus dem ARN des Plans,
#     sonst dem Vault aus target_vault_name, sonst dem region-Attribut des
#     Plans. Provider-Aliase werden nicht als Regionen gedeutet: was sich
#     nicht auflösen lässt, bleibt unentschieden. Ein S3-Bucket ist erfüllt,
#     wenn eine aws_s3_bucket_replication_configuration (per Verweis, sonst
#     per Bucket-Name) eine aktive Regel hat, deren Ziel-Bucket in einer
#     anderen Region liegt – Bucket-ARNs enthalten keine Region, daher wird
#     der Ziel-Bucket per Verweis oder Name gesucht und seine Region
#     verglichen; mit min_distance account muss das Ziel zusätzlich sein
#     Konto nennen (destination.account). Ein Bucket, der selbst Ziel einer
#     solchen Replikation ist, gilt als die ausgelagerte Kopie. Buckets ohne
#     Replikation sind nicht erfüllt: den Geltungsbereich der Zusicherung auf
#     die gemeinten Buckets beschränken.
#   evidence:
#     - terraform.resource:aws_backup_plan
#     - terraform.resource:aws_s3_bucket
#   context:
#     - terraform.resource:aws_backup_vault
#     - terraform.resource:aws_s3_bucket_replication_configuration
#   params:
#     type: object
#     additionalProperties: false
#     properties:
#       min_distance:
#         type: string
#         enum: [region, account]
#         default: region
#         description: >-
#           How far the copy must be: region (another AWS region) or account
#           (another region and another AWS account).
#   areas: [Verfügbarkeitskontrolle, Wiederherstellbarkeit]
#   claim_types: [backup.offsite_copy]
#   remediation: >-
#     Add a copy_action to a backup rule whose destination_vault_arn names a
#     vault in another region (and account), and replicate S3 buckets with
#     aws_s3_bucket_replication_configuration to a bucket in another region.
#   remediation_de: >-
#     Einer Sicherungsregel eine copy_action geben, deren
#     destination_vault_arn einen Vault in einer anderen Region (und einem
#     anderen Konto) nennt, und S3-Buckets per
#     aws_s3_bucket_replication_configuration in einen Bucket einer anderen
#     Region replizieren.
package tomcheck.checks.backup.offsite_copy

# min_distance is the claimed separation: "region" or "account".
default min_distance := "region"

min_distance := input.params.min_distance if input.params.min_distance in {"region", "account"}

# claimed is the claim as messages state it.
claimed := "claimed: a copy in another region and another AWS account" if {
	min_distance == "account"
} else := "claimed: a copy in another region"

# claimed_de is claimed in German.
claimed_de := "zugesichert: eine Kopie in einer anderen Region und einem anderen AWS-Konto" if {
	min_distance == "account"
} else := "zugesichert: eine Kopie in einer anderen Region"
