package tomcheck.lib.finding

_r := {"subject": "tf:infra/aws_s3_bucket.a", "digest": "sha256:a"}

_u := [{"digest": "sha256:c"}, {"digest": "sha256:b"}, {"digest": "sha256:a"}, {"digest": "sha256:b"}]

test_pass if pass(_r, [], "ok", "gut") == {
	"subject": "tf:infra/aws_s3_bucket.a",
	"pass": true,
	"evidence": ["sha256:a"],
	"message": "ok",
	"message_de": "gut",
}

test_fail_lists_used_records_after_the_judged_one if {
	f := fail(_r, _u, "bad", "schlecht")
	f.pass == false
	f.evidence == ["sha256:a", "sha256:b", "sha256:c"]
	not "inconclusive" in object.keys(f)
}

test_inconclusive if {
	f := inconclusive(_r, {{"digest": "sha256:z"}}, "unknown", "unbekannt")
	f.inconclusive == true
	f.pass == false
	f.evidence == ["sha256:a", "sha256:z"]
}

test_of if {
	of(_r, true, [], "x", "y").pass == true
	of(_r, false, [], "x", "y").pass == false
}

test_from if {
	from(_r, {"state": "pass", "en": "e", "de": "d"}).pass == true
	from(_r, {"state": "fail", "used": [{"digest": "sha256:x"}], "en": "e", "de": "d"}).evidence == ["sha256:a", "sha256:x"]
	from(_r, {"state": "inconclusive", "en": "e", "de": "d"}).inconclusive == true
}
