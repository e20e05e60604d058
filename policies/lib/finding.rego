# METADATA
# title: Finding constructors
# description: >-
#   Builds the finding objects every check returns: subject, pass, the digests
#   of the records a judgement used (the judged record first), and the English
#   and German messages.
package tomcheck.lib.finding

# pass is a passing finding about record r; used are the other records
# (set or array) the judgement relied on.
pass(r, used, en, de) := {"subject": r.subject, "pass": true, "evidence": evidence(r, used), "message": en, "message_de": de}

# fail is a failing finding: the claim is not true for r.
fail(r, used, en, de) := {"subject": r.subject, "pass": false, "evidence": evidence(r, used), "message": en, "message_de": de}

# inconclusive is a finding that cannot be judged: a value it needs is known
# only after apply, or cannot be resolved. It never passes.
inconclusive(r, used, en, de) := {"subject": r.subject, "pass": false, "inconclusive": true, "evidence": evidence(r, used), "message": en, "message_de": de}

# of is a finding whose outcome is computed: pass or fail.
of(r, ok, used, en, de) := {"subject": r.subject, "pass": ok, "evidence": evidence(r, used), "message": en, "message_de": de}

# evidence lists r's digest first, then the sorted digests of the other used records.
evidence(r, used) := [r.digest] if {
	count(used) == 0
} else := array.concat([r.digest], sort({d |
	some u in used
	d := u.digest
	d != r.digest
}))

# from turns a judgement {"state": "pass"|"fail"|"inconclusive", "used": records,
# "en": English, "de": German} about record r into a finding.
# (pass, inconclusive, fail and evidence, written out: one call per finding.)
from(r, j) := {"subject": r.subject, "pass": false, "inconclusive": true, "evidence": _evidence_of(r.digest, j), "message": j.en, "message_de": j.de} if {
	j.state == "inconclusive"
} else := {"subject": r.subject, "pass": object.get(j, "state", null) == "pass", "evidence": _evidence_of(r.digest, j), "message": j.en, "message_de": j.de}

# _evidence_of is d, then the sorted digests of the records in j.used other than d.
_evidence_of(d, j) := [d] if {
	not j.used
} else := array.concat([d], sort({x | some u in j.used; x := u.digest; x != d}))
