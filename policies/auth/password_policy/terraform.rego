package tomcheck.checks.auth.password_policy

import data.tomcheck.lib.finding
import data.tomcheck.lib.terraform as tf

findings contains f if {
	some r in tf.judged_list("aws_iam_account_password_policy")
	f := finding.from(r, _policy(r))
}

# _deviations are [English, German] for every rule the policy misses.
_deviations(r) := array.concat(
	array.concat(
		[[
			sprintf("minimum_password_length is %v%s", [n, how]),
			sprintf("minimum_password_length ist %v%s", [n, how_de]),
		] |
			not r.data.unknown.minimum_password_length == true
			[n, how, how_de] := _length(r)
			n < min_length
		],
		[[
			sprintf("it does not require %s (%s = %s)", [c[2], c[1], _flag(r, c[1])]),
			sprintf("sie verlangt %s (%s = %s)", [c[4], c[1], _flag_de(r, c[1])]),
		] |
			some c in classes
			not tf.unknown_at([c[1]], r)
			tf.value(r, [c[1]]) != true
		],
	),
	[[en, de] |
		max_age_days > 0
		not r.data.unknown.max_password_age == true
		[en, de] := _age_deviation(r)
	],
)

_length(r) := [n, "", ""] if {
	n := object.get(r.data.values, "minimum_password_length", null)
	is_number(n)
} else := [6, " (not set: the IAM default)", " (nicht gesetzt: IAM-Standard)"]

_flag(r, attr) := "false, the default" if {
	object.get(r.data.values, [attr], null) == null
} else := sprintf("%v", [object.get(r.data.values, [attr], null)])

_flag_de(r, attr) := "false, der Standard" if {
	object.get(r.data.values, [attr], null) == null
} else := sprintf("%v", [object.get(r.data.values, [attr], null)])

_age_deviation(r) := [
	"passwords never expire (max_password_age not set)",
	"Passwörter laufen nie ab (max_password_age nicht gesetzt)",
] if {
	n := object.get(r.data.values, "max_password_age", null)
	object.get({"n": n}, "n", null) in {null, 0}
} else := [
	sprintf("passwords expire only after %v days (max_password_age)", [n]),
	sprintf("Passwörter laufen erst nach %v Tagen ab (max_password_age)", [n]),
] if {
	n := object.get(r.data.values, "max_password_age", null)
	is_number(n)
	n > max_age_days
}

_opens(r) := [[sprintf("%s is known only after apply", [a]), sprintf("%s ist erst nach dem Apply bekannt", [a])] |
	some a in _judged_attributes
	tf.unknown_at([a], r)
]

_judged_attributes := array.concat(
	array.concat(["minimum_password_length"], [c[1] | some c in classes]),
	[a | some a in ["max_password_age"]; max_age_days > 0],
)

_policy(r) := _listing(r, "fail", _deviations(r)) if {
	count(_deviations(r)) > 0
} else := _listing(r, "inconclusive", _opens(r)) if {
	count(_opens(r)) > 0
} else := {
	"state": "pass",
	"en": sprintf("%s enforces the claimed rules (minimum_password_length %v%s); %s", [tf.name(r), _length(r)[0], _length(r)[1], claimed]),
	"de": sprintf("%s erzwingt die zugesicherten Regeln (minimum_password_length %v%s); %s", [tf.name(r), _length(r)[0], _length(r)[2], claimed_de]),
}

_listing(r, state, xs) := {
	"state": state,
	"en": sprintf("%s: %s; %s", [tf.name(r), concat("; ", [x[0] | some x in xs]), claimed]),
	"de": sprintf("%s: %s; %s", [tf.name(r), concat("; ", [x[1] | some x in xs]), claimed_de]),
}
