# METADATA
# title: The account password policy enforces the claimed rules
# description: >-
#   Verifies the AWS account password policy (aws_iam_account_password_policy)
#   against the claimed rules: minimum_password_length at least min_length
#   (when not set, the IAM API applies its default of 6 characters), the
#   character classes the claim requires (require_uppercase_characters,
#   require_lowercase_characters, require_numbers, require_symbols; each false
#   when not set), and, when max_age_days is above 0, max_password_age set and
#   at most max_age_days. One finding per policy lists every deviation; a
#   value known only after apply is inconclusive unless another rule already
#   fails.
# custom:
#   check: auth.password_policy
#   title_de: Die Passwortrichtlinie des Kontos erzwingt die zugesicherten Regeln
#   description_de: >-
#     Prüft die Passwortrichtlinie des AWS-Kontos
#     (aws_iam_account_password_policy) gegen die zugesicherten Regeln:
#     minimum_password_length mindestens min_length (ohne Angabe setzt die
#     IAM-API ihren Standard von 6 Zeichen), die verlangten Zeichenklassen
#     (require_uppercase_characters, require_lowercase_characters,
#     require_numbers, require_symbols; ohne Angabe jeweils false) und, wenn
#     max_age_days über 0 liegt, ein gesetztes max_password_age von höchstens
#     max_age_days. Ein Befund je Richtlinie nennt jede Abweichung; ein erst
#     nach dem Apply bekannter Wert bleibt unentschieden, sofern nicht eine
#     andere Regel bereits verfehlt ist.
#   evidence:
#     - terraform.resource:aws_iam_account_password_policy
#   params:
#     type: object
#     additionalProperties: false
#     properties:
#       min_length:
#         type: integer
#         minimum: 1
#         default: 12
#         description: The shortest password length the policy must enforce.
#       require_uppercase:
#         type: boolean
#         default: false
#         description: Require at least one uppercase letter.
#       require_lowercase:
#         type: boolean
#         default: false
#         description: Require at least one lowercase letter.
#       require_numbers:
#         type: boolean
#         default: false
#         description: Require at least one digit.
#       require_symbols:
#         type: boolean
#         default: false
#         description: Require at least one symbol.
#       max_age_days:
#         type: integer
#         minimum: 0
#         default: 0
#         description: The longest password age in days the policy must enforce; 0 when the claim sets none.
#   areas: [Zugangskontrolle]
#   claim_types: [auth.password_policy]
#   remediation: >-
#     Set minimum_password_length, the require_* flags and max_password_age
#     of aws_iam_account_password_policy to at least the claimed values.
#   remediation_de: >-
#     minimum_password_length, die require_*-Schalter und max_password_age
#     von aws_iam_account_password_policy mindestens auf die zugesicherten
#     Werte setzen.
package tomcheck.checks.auth.password_policy

# min_length is the claimed shortest password length.
default min_length := 12

min_length := input.params.min_length if is_number(input.params.min_length)

# max_age_days is the claimed longest password age (0: not claimed).
default max_age_days := 0

max_age_days := input.params.max_age_days if is_number(input.params.max_age_days)

# classes are the character classes the claim requires: [parameter,
# attribute, English, German dative, German deviation].
classes := [c |
	some c in [
		["require_uppercase", "require_uppercase_characters", "an uppercase letter", "einem Großbuchstaben", "keinen Großbuchstaben"],
		["require_lowercase", "require_lowercase_characters", "a lowercase letter", "einem Kleinbuchstaben", "keinen Kleinbuchstaben"],
		["require_numbers", "require_numbers", "a digit", "einer Ziffer", "keine Ziffer"],
		["require_symbols", "require_symbols", "a symbol", "einem Sonderzeichen", "kein Sonderzeichen"],
	]
	object.get(input, ["params", c[0]], false) == true
]

# claimed is the claim as messages state it.
claimed := sprintf("claimed: at least %v characters%s%s", [min_length, _classes_text, _age_text])

# claimed_de is claimed in German.
claimed_de := sprintf("zugesichert: mindestens %v Zeichen%s%s", [min_length, _classes_text_de, _age_text_de])

_classes_text := sprintf(" with %s", [concat(", ", [c[2] | some c in classes])]) if {
	count(classes) > 0
} else := ""

_classes_text_de := sprintf(" mit %s", [concat(", ", [c[3] | some c in classes])]) if {
	count(classes) > 0
} else := ""

_age_text := sprintf(", changed at least every %v days", [max_age_days]) if {
	max_age_days > 0
} else := ""

_age_text_de := sprintf(", Wechsel mindestens alle %v Tage", [max_age_days]) if {
	max_age_days > 0
} else := ""
