# METADATA
# title: Backups run at least every N hours
# description: >-
#   Verifies that backups are taken at least every `hours` hours. For each
#   aws_backup_plan it computes the real longest gap between two consecutive
#   runs of each rule's schedule (cron or rate expression, wrap-around
#   included: a weekday-only schedule has a 72-hour gap over the weekend) and
#   judges the plan by its most frequent rule (a conservative bound: the runs
#   of several rules together may leave shorter gaps). Each data store (RDS
#   instances and clusters, EBS volumes, EFS file systems, DynamoDB tables) must
#   be covered by an aws_backup_selection of a plan that meets the interval —
#   listed in resources by reference or ARN (wildcards included), or selected
#   by selection_tag or by its tag conditions, and not excluded by
#   not_resources — or, for RDS, have automated backups
#   (backup_retention_period > 0; AWS takes them daily, a 24-hour gap).
#   Schedules or ARNs known only after apply, selections of plans that are not
#   in the evidence, and schedules restricted to some years are inconclusive;
#   a store covered by nothing fails.
# custom:
#   check: backup.max_interval
#   title_de: Sicherungen erfolgen mindestens alle N Stunden
#   description_de: >-
#     Prüft, dass mindestens alle `hours` Stunden gesichert wird. Für jeden
#     aws_backup_plan wird der tatsächlich längste Abstand zwischen zwei
#     Ausführungen jedes Regel-Zeitplans berechnet (cron- oder rate-Ausdruck,
#     über Tages-, Wochen- und Monatsgrenzen hinweg: ein Zeitplan nur an
#     Werktagen hat am Wochenende 72 Stunden Abstand); maßgeblich ist die
#     häufigste Regel (eine vorsichtige Schranke). Jeder Datenspeicher
#     (RDS-Instanzen und -Cluster, EBS-Volumes, EFS-Dateisysteme,
#     DynamoDB-Tabellen) muss von einer aws_backup_selection eines Plans
#     erfasst sein, der das Intervall einhält – per Verweis oder ARN in
#     resources (auch mit Platzhaltern), per selection_tag oder
#     Tag-Bedingungen und nicht über not_resources ausgenommen – oder, bei
#     RDS, automatische Sicherungen haben (backup_retention_period > 0; AWS
#     sichert täglich, 24 Stunden Abstand). Erst nach dem Apply bekannte
#     Zeitpläne oder ARNs, Auswahlen von Plänen außerhalb der Nachweise und
#     auf einzelne Jahre beschränkte Zeitpläne bleiben unentschieden; ein
#     Speicher ohne jede Sicherung gilt als widerlegt.
#   evidence:
#     - terraform.resource:aws_backup_plan
#     - terraform.resource:aws_db_instance
#     - terraform.resource:aws_rds_cluster
#     - terraform.resource:aws_ebs_volume
#     - terraform.resource:aws_efs_file_system
#     - terraform.resource:aws_dynamodb_table
#   context:
#     - terraform.resource:aws_backup_selection
#   params:
#     type: object
#     additionalProperties: false
#     required: [hours]
#     properties:
#       hours:
#         type: number
#         minimum: 1
#         description: The longest time, in hours, allowed between two backups of a data store.
#   areas: [Verfügbarkeitskontrolle, Wiederherstellbarkeit]
#   claim_types: [backup.frequency]
#   remediation: >-
#     Give every backup plan a rule whose schedule runs at least as often as
#     claimed (cron(0 3 * * ? *) is daily) and assign every data store to such
#     a plan with an aws_backup_selection (resources or tags); keep RDS
#     backup_retention_period above 0.
#   remediation_de: >-
#     Jedem Sicherungsplan eine Regel geben, deren Zeitplan mindestens so oft
#     läuft wie zugesichert (cron(0 3 * * ? *) ist täglich), und jeden
#     Datenspeicher per aws_backup_selection (resources oder Tags) einem
#     solchen Plan zuordnen; bei RDS backup_retention_period über 0 halten.
package tomcheck.checks.backup.max_interval

import data.tomcheck.lib.text

# limit is the claimed longest gap in minutes.
limit := input.params.hours * 60

# claimed is the claim as messages state it.
claimed := sprintf("claimed at most %s", [text.hours(input.params.hours)])

# claimed_de is claimed in German.
claimed_de := sprintf("zugesichert sind höchstens %s", [text.hours_de(input.params.hours)])
