package tomcheck.checks.logging.audit_trail

import data.tomcheck.lib.aws
import data.tomcheck.lib.finding
import data.tomcheck.lib.terraform as tf

findings contains f if {
	some r in tf.judged_list("aws_cloudtrail")
	f := finding.from(r, _trail(r))
}

# _flags are the boolean requirements: the attribute, its AWS default, the
# deviation and the fact, in English and German.
_flags := [
	{
		"key": "logging", "attr": "enable_logging", "default": true,
		"en": "logging is disabled (enable_logging = %s)", "de": "die Protokollierung ist abgeschaltet (enable_logging = %s)",
		"fact": "logging on", "fact_de": "Protokollierung an",
	},
	{
		"key": "multi_region", "attr": "is_multi_region_trail", "default": false,
		"en": "it records only its home region (is_multi_region_trail = %s)", "de": "er protokolliert nur seine Heimatregion (is_multi_region_trail = %s)",
		"fact": "all regions", "fact_de": "alle Regionen",
	},
	{
		"key": "log_file_validation", "attr": "enable_log_file_validation", "default": false,
		"en": "log file validation is off (enable_log_file_validation = %s)", "de": "die Integritätsprüfung der Logdateien ist aus (enable_log_file_validation = %s)",
		"fact": "log file validation", "fact_de": "Integritätsprüfung der Logdateien",
	},
]

_required(k) if k == "logging"

_required(k) if k in required

_effective(r, attr, d) := v if {
	v := object.get(r.data.values, [attr], null)
	is_boolean(v)
} else := d

_shown(r, c) := sprintf("%v", [object.get(r.data.values, [c.attr], null)]) if {
	is_boolean(object.get(r.data.values, [c.attr], null))
} else := sprintf("%v, the default", [c.default])

_shown_de(r, c) := sprintf("%v", [object.get(r.data.values, [c.attr], null)]) if {
	is_boolean(object.get(r.data.values, [c.attr], null))
} else := sprintf("%v, der Standard", [c.default])

_deviations(r) := array.concat(
	[[sprintf(c.en, [_shown(r, c)]), sprintf(c.de, [_shown_de(r, c)])] |
		some c in _flags
		_required(c.key)
		not tf.unknown_at([c.attr], r)
		_effective(r, c.attr, c.default) == false
	],
	[[
		"its logs are not encrypted with a KMS key (no kms_key_id)",
		"seine Logs sind nicht mit einem KMS-Schlüssel verschlüsselt (kein kms_key_id)",
	] |
		_required("kms")
		not r.data.unknown.kms_key_id == true
		not aws.kms_key(r, "kms_key_id")
	],
)

_opens(r) := array.concat(
	[[sprintf("%s is known only after apply", [c.attr]), sprintf("%s ist erst nach dem Apply bekannt", [c.attr])] |
		some c in _flags
		_required(c.key)
		tf.unknown_at([c.attr], r)
	],
	[["kms_key_id is known only after apply", "kms_key_id ist erst nach dem Apply bekannt"] |
		_required("kms")
		r.data.unknown.kms_key_id == true
		not aws.kms_key(r, "kms_key_id")
	],
)

_facts(r) := array.concat(
	[[c.fact, c.fact_de] | some c in _flags; _required(c.key)],
	[[sprintf("KMS key %s", [k]), sprintf("KMS-Schlüssel %s", [k])] | _required("kms"); k := aws.kms_key(r, "kms_key_id")],
)

_trail(r) := _listing(r, "fail", _deviations(r)) if {
	count(_deviations(r)) > 0
} else := _listing(r, "inconclusive", _opens(r)) if {
	count(_opens(r)) > 0
} else := {
	"state": "pass",
	"en": sprintf("%s records API activity (%s); %s", [tf.name(r), concat(", ", [x[0] | some x in _facts(r)]), claimed]),
	"de": sprintf("%s protokolliert API-Aktivität (%s); %s", [tf.name(r), concat(", ", [x[1] | some x in _facts(r)]), claimed_de]),
}

_listing(r, state, xs) := {
	"state": state,
	"en": sprintf("%s: %s; %s", [tf.name(r), concat("; ", [x[0] | some x in xs]), claimed]),
	"de": sprintf("%s: %s; %s", [tf.name(r), concat("; ", [x[1] | some x in xs]), claimed_de]),
}
