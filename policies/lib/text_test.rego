package tomcheck.lib.text

test_duration if {
	duration(15) == "15 min"
	duration(720) == "12h"
	duration(1440) == "24h"
	duration(4320) == "72h (3 days)"
	duration(44640) == "744h (31 days)"
	duration(90) == "1h 30 min"
}

test_duration_de if {
	duration_de(15) == "15 Min."
	duration_de(1440) == "24 Std."
	duration_de(4320) == "72 Std. (3 Tage)"
	duration_de(90) == "1 Std. 30 Min."
}

test_hours if {
	hours(24) == "24h"
	hours_de(12) == "12 Std."
}

test_join if join(["a", "b"]) == "a; b"

test_days if {
	days(1) == "1 day"
	days(35) == "35 days"
	days_de(1) == "1 Tag"
	days_de(7) == "7 Tage"
	days_de_dative(1) == "1 Tag"
	days_de_dative(7) == "7 Tagen"
}

test_count_of if {
	count_of(1, "zone", "zones") == "1 zone"
	count_of(3, "Zone", "Zonen") == "3 Zonen"
}
