# METADATA
# title: Administrative and database ports are not reachable from the internet
# description: >-
#   Verifies that no security group lets the whole internet (0.0.0.0/0 or
#   ::/0, any CIDR ending in /0) reach an administrative or database port
#   (ports, by default SSH 22, RDP 3389, MySQL 3306, PostgreSQL 5432, SQL
#   Server 1433, MongoDB 27017, Redis 6379, Elasticsearch 9200). Judged are
#   the inline ingress blocks of aws_security_group, aws_security_group_rule
#   of type ingress and aws_vpc_security_group_ingress_rule; port ranges and
#   the protocol -1 (all traffic) are expanded. Only TCP rules and all-traffic
#   rules count: the listed services speak TCP. Each exposure is a finding
#   naming the rule, the CIDR and the ports; a CIDR or port range known only
#   after apply is inconclusive. Rules that allow other security groups or
#   prefix lists are not public.
# custom:
#   check: network.no_public_admin_access
#   title_de: Administrations- und Datenbankports sind aus dem Internet nicht erreichbar
#   description_de: >-
#     Prüft, dass keine Sicherheitsgruppe dem gesamten Internet (0.0.0.0/0
#     oder ::/0, jedes CIDR auf /0) Zugriff auf einen Administrations- oder
#     Datenbankport erlaubt (ports, standardmäßig SSH 22, RDP 3389, MySQL
#     3306, PostgreSQL 5432, SQL Server 1433, MongoDB 27017, Redis 6379,
#     Elasticsearch 9200). Beurteilt werden die eingebetteten ingress-Blöcke
#     von aws_security_group, aws_security_group_rule vom Typ ingress und
#     aws_vpc_security_group_ingress_rule; Portbereiche und das Protokoll -1
#     (jeder Verkehr) werden aufgelöst. Es zählen nur TCP- und
#     Alles-Regeln: die genannten Dienste sprechen TCP. Jede Freigabe ist ein
#     eigener Befund mit Regel, CIDR und Ports; erst nach dem Apply bekannte
#     CIDRs oder Portbereiche bleiben unentschieden. Regeln, die andere
#     Sicherheitsgruppen oder Präfixlisten freigeben, sind nicht öffentlich.
#   evidence:
#     - terraform.resource:aws_security_group
#     - terraform.resource:aws_security_group_rule
#     - terraform.resource:aws_vpc_security_group_ingress_rule
#   params:
#     type: object
#     additionalProperties: false
#     properties:
#       ports:
#         type: array
#         items: {type: integer, minimum: 0, maximum: 65535}
#         minItems: 1
#         uniqueItems: true
#         default: [22, 3389, 3306, 5432, 1433, 27017, 6379, 9200]
#         description: The administrative and database ports that must not be reachable from the internet.
#   areas: [Zugangskontrolle, Zugriffskontrolle]
#   claim_types: [network.datastore_not_public, access.remote_access_channel]
#   remediation: >-
#     Replace 0.0.0.0/0 and ::/0 on administrative and database ports with the
#     VPN's or bastion's CIDR or security group, or use SSM Session Manager
#     instead of open SSH/RDP.
#   remediation_de: >-
#     0.0.0.0/0 und ::/0 auf Administrations- und Datenbankports durch das
#     CIDR oder die Sicherheitsgruppe des VPN bzw. Bastion-Hosts ersetzen oder
#     SSM Session Manager statt offenem SSH/RDP nutzen.
package tomcheck.checks.network.no_public_admin_access

# ports are the claimed protected ports.
default ports := [22, 3389, 3306, 5432, 1433, 27017, 6379, 9200]

ports := input.params.ports if is_array(input.params.ports)

# claimed is the claim as messages state it.
claimed := "claimed: no administrative or database port reachable from the internet"

# claimed_de is claimed in German.
claimed_de := "zugesichert: kein Administrations- oder Datenbankport aus dem Internet erreichbar"
