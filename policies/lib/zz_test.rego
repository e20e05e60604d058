package tomcheck.lib.zz

test_fails if x == 1

test_errors if upper(1) == "1"
