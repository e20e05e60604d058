# METADATA
# title: Components run redundantly across availability zones
# description: >-
#   Verifies that databases, load balancers and auto scaling groups run in at
#   least min_azs availability zones. An RDS instance passes with multi_az =
#   true (a standby in a second zone, so at most 2 zones). An RDS cluster
#   passes as a Multi-AZ DB cluster (db_cluster_instance_class set: one writer
#   and two readers in three zones) or when at least min_azs
#   aws_rds_cluster_instance resources refer to it (in as many distinct zones
#   when their availability_zone is known); Aurora storage alone, replicated
#   by AWS, does not count, since compute fails over only to a running
#   replica. A load balancer (aws_lb, aws_alb) needs subnets or subnet_mapping
#   blocks in at least min_azs zones (AWS allows one subnet per zone). An auto
#   scaling group needs min_size of at least 2 and at least min_azs
#   availability_zones or vpc_zone_identifier subnets (subnets are counted as
#   zones: Terraform does not say which zone a subnet id is in). Lists known
#   only after apply are inconclusive.
# custom:
#   check: availability.redundancy
#   title_de: Komponenten laufen redundant über Verfügbarkeitszonen
#   description_de: >-
#     Prüft, dass Datenbanken, Load Balancer und Auto-Scaling-Gruppen in
#     mindestens min_azs Verfügbarkeitszonen laufen. Eine RDS-Instanz ist mit
#     multi_az = true erfüllt (Standby in einer zweiten Zone, also höchstens
#     2 Zonen). Ein RDS-Cluster ist als Multi-AZ-DB-Cluster erfüllt
#     (db_cluster_instance_class gesetzt: ein Writer und zwei Reader in drei
#     Zonen) oder wenn mindestens min_azs aws_rds_cluster_instance auf ihn
#     verweisen (in ebenso vielen Zonen, wenn deren availability_zone bekannt
#     ist); der von AWS replizierte Aurora-Speicher allein zählt nicht, da
#     die Rechenleistung nur auf eine laufende Replik umschwenkt. Ein Load
#     Balancer (aws_lb, aws_alb) braucht subnets oder subnet_mapping in
#     mindestens min_azs Zonen (AWS erlaubt ein Subnetz je Zone). Eine
#     Auto-Scaling-Gruppe braucht min_size von mindestens 2 und mindestens
#     min_azs availability_zones oder Subnetze in vpc_zone_identifier
#     (Subnetze zählen als Zonen: Terraform nennt die Zone einer Subnetz-ID
#     nicht). Erst nach dem Apply bekannte Listen bleiben unentschieden.
#   evidence:
#     - terraform.resource:aws_db_instance
#     - terraform.resource:aws_rds_cluster
#     - terraform.resource:aws_lb
#     - terraform.resource:aws_alb
#     - terraform.resource:aws_autoscaling_group
#   context:
#     - terraform.resource:aws_rds_cluster_instance
#   params:
#     type: object
#     additionalProperties: false
#     properties:
#       min_azs:
#         type: integer
#         minimum: 2
#         default: 2
#         description: The least number of availability zones a component must run in.
#   areas: [Verfügbarkeitskontrolle]
#   claim_types: [availability.redundancy]
#   remediation: >-
#     Set multi_az = true on RDS instances, run at least two
#     aws_rds_cluster_instance per Aurora cluster, place load balancers in
#     subnets of at least two zones, and give auto scaling groups min_size of
#     at least 2 across subnets in two or more zones.
#   remediation_de: >-
#     Bei RDS-Instanzen multi_az = true setzen, je Aurora-Cluster mindestens
#     zwei aws_rds_cluster_instance betreiben, Load Balancer in Subnetze von
#     mindestens zwei Zonen legen und Auto-Scaling-Gruppen min_size von
#     mindestens 2 über Subnetze in zwei oder mehr Zonen geben.
package tomcheck.checks.availability.redundancy

# min_azs is the claimed least number of availability zones.
default min_azs := 2

min_azs := input.params.min_azs if is_number(input.params.min_azs)

# claimed is the claim as messages state it.
claimed := sprintf("claimed: redundant across at least %v availability zones", [min_azs])

# claimed_de is claimed in German.
claimed_de := sprintf("zugesichert: redundant über mindestens %v Verfügbarkeitszonen", [min_azs])
