# METADATA
# title: Message text helpers
# description: Formats durations and lists for English and German finding messages.
package tomcheck.lib.text

# duration renders a number of minutes in English: "45 min", "12h", "72h (3 days)".
duration(m) := sprintf("%d min", [m]) if {
	m < 60
} else := sprintf("%dh", [h]) if {
	m % 60 == 0
	h := m / 60
	not _whole_days(h)
} else := sprintf("%dh (%d days)", [h, h / 24]) if {
	m % 60 == 0
	h := m / 60
	_whole_days(h)
} else := sprintf("%dh %d min", [floor(m / 60), m % 60])

# duration_de renders a number of minutes in German: "45 Min.", "12 Std.", "72 Std. (3 Tage)".
duration_de(m) := sprintf("%d Min.", [m]) if {
	m < 60
} else := sprintf("%d Std.", [h]) if {
	m % 60 == 0
	h := m / 60
	not _whole_days(h)
} else := sprintf("%d Std. (%d Tage)", [h, h / 24]) if {
	m % 60 == 0
	h := m / 60
	_whole_days(h)
} else := sprintf("%d Std. %d Min.", [floor(m / 60), m % 60])

_whole_days(h) if {
	h >= 48
	h % 24 == 0
}

# hours renders a claimed number of hours: "24h".
hours(h) := sprintf("%vh", [h])

# hours_de renders a claimed number of hours in German: "24 Std.".
hours_de(h) := sprintf("%v Std.", [h])

# join joins the strings of an array with "; ".
join(xs) := concat("; ", xs)

# days renders a number of days in English: "1 day", "35 days".
days(n) := "1 day" if {
	n == 1
} else := sprintf("%v days", [n])

# days_de renders a number of days in German: "1 Tag", "35 Tage".
days_de(n) := "1 Tag" if {
	n == 1
} else := sprintf("%v Tage", [n])

# days_de_dative renders a number of days in the German dative: "nach 1 Tag", "nach 35 Tagen".
days_de_dative(n) := "1 Tag" if {
	n == 1
} else := sprintf("%v Tagen", [n])

# count_of renders a count with the singular or plural noun: "1 zone", "2 zones".
count_of(n, singular, plural) := sprintf("%v %s", [n, singular]) if {
	n == 1
} else := sprintf("%v %s", [n, plural])
