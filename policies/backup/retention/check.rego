# METADATA
# title: Backups are kept for at least N days
# description: >-
#   Verifies that recovery points are kept at least `min_days` days. Every
#   rule of an aws_backup_plan must keep its recovery points that long:
#   lifecycle.delete_after at least min_days, or no delete_after at all (kept
#   until deleted by hand; moving them to cold storage earlier is fine). The
#   retention of copies made by copy_action is not judged: the source recovery
#   points already meet the claim. RDS instances and clusters must keep
#   automated backups for backup_retention_period days at least min_days (AWS
#   allows at most 35; when the attribute is not set AWS keeps 1 day, a read
#   replica none). Values known only after apply are inconclusive.
# custom:
#   check: backup.retention
#   title_de: Sicherungen werden mindestens N Tage aufbewahrt
#   description_de: >-
#     Prüft, dass Wiederherstellungspunkte mindestens `min_days` Tage
#     aufbewahrt werden. Jede Regel eines aws_backup_plan muss sie so lange
#     behalten: lifecycle.delete_after mindestens min_days oder gar kein
#     delete_after (Aufbewahrung bis zur manuellen Löschung; ein früherer
#     Wechsel in Cold Storage ist zulässig). Die Aufbewahrung von Kopien aus
#     copy_action wird nicht beurteilt: die Quell-Wiederherstellungspunkte
#     erfüllen die Zusicherung bereits. RDS-Instanzen und -Cluster müssen
#     automatische Sicherungen backup_retention_period Tage, mindestens
#     min_days, behalten (AWS erlaubt höchstens 35; ohne Angabe behält AWS
#     1 Tag, eine Lesereplik keinen). Erst nach dem Apply bekannte Werte
#     bleiben unentschieden.
#   evidence:
#     - terraform.resource:aws_backup_plan
#     - terraform.resource:aws_db_instance
#     - terraform.resource:aws_rds_cluster
#   params:
#     type: object
#     additionalProperties: false
#     required: [min_days]
#     properties:
#       min_days:
#         type: integer
#         minimum: 1
#         description: The shortest time, in days, a backup must be kept.
#   areas: [Verfügbarkeitskontrolle, Wiederherstellbarkeit]
#   claim_types: [backup.retention]
#   remediation: >-
#     Set lifecycle.delete_after of every backup rule to at least the claimed
#     number of days (or remove it), and RDS backup_retention_period to at
#     least that many days (at most 35: keep longer retention in AWS Backup).
#   remediation_de: >-
#     lifecycle.delete_after jeder Sicherungsregel auf mindestens die
#     zugesicherte Anzahl Tage setzen (oder entfernen) und RDS
#     backup_retention_period auf mindestens so viele Tage (höchstens 35:
#     längere Aufbewahrung über AWS Backup).
package tomcheck.checks.backup.retention

import data.tomcheck.lib.text

# min_days is the claimed shortest retention in days.
min_days := input.params.min_days

# claimed is the claim as messages state it.
claimed := sprintf("claimed at least %s", [text.days(min_days)])

# claimed_de is claimed in German.
claimed_de := sprintf("zugesichert sind mindestens %s", [text.days_de(min_days)])
