# METADATA
# title: AWS schedule expressions
# description: >-
#   Computes the longest gap between two consecutive runs of an AWS schedule
#   expression (AWS Backup, EventBridge): cron(min hour day-of-month month
#   day-of-week year) with *, ?, lists, ranges, steps, day and month names,
#   L, W and #, and rate(N unit). Gaps wrap around: the last run of a day,
#   week or month is followed by the first of the next. Day-of-week counts
#   1 = SUN … 7 = SAT, as AWS does.
#
#   To stay cheap, a daily schedule needs no calendar, a weekly one looks at
#   one week, and only schedules restricted by day of month, month, L, W or #
#   walk a six-year calendar (2024–2029, two leap years), month by month.
package tomcheck.lib.cron

# analyse returns {"gap": minutes} for the longest time between two
# consecutive runs; {"gap": minutes, "at_least": true} when the schedule runs
# at most once in six years; {"never": true} when it never runs; or
# {"error": English, "error_de": German} when it cannot be judged.
analyse(expr) := r if {
	is_string(expr)
	e := trim_space(expr)
	startswith(e, "rate(")
	r := _rate(e)
} else := r if {
	is_string(expr)
	e := trim_space(expr)
	startswith(e, "cron(")
	r := _cron(e)
} else := {
	"error": sprintf("cannot parse schedule expression %v", [_show(expr)]),
	"error_de": sprintf("Zeitplanausdruck %v ist nicht auswertbar", [_show(expr)]),
}

_show(expr) := sprintf("%q", [expr]) if is_string(expr)

_show(expr) := sprintf("%v", [expr]) if not is_string(expr)

_unit := {"minute": 1, "minutes": 1, "hour": 60, "hours": 60, "day": 1440, "days": 1440}

_rate(e) := {"gap": n * _unit[m[0][2]]} if {
	m := regex.find_all_string_submatch_n(`^rate\(\s*([0-9]+)\s+([a-z]+)\s*\)$`, e, 1)
	count(m) == 1
	n := to_number(m[0][1])
	n > 0
}

_cron(e) := r if {
	m := regex.find_all_string_submatch_n(`^cron\((.*)\)$`, e, 1)
	count(m) == 1
	f := [p | some p in split(trim_space(m[0][1]), " "); p != ""]
	count(f) == 6
	r := _fields(f)
}

_fields(f) := {
	"error": sprintf("the year field %q limits the schedule to some years; only schedules that repeat every year are judged", [f[5]]),
	"error_de": sprintf("das Jahresfeld %q beschränkt den Zeitplan auf einzelne Jahre; beurteilt werden nur jährlich wiederkehrende Zeitpläne", [f[5]]),
} if {
	not _any(f[5])
} else := {
	"error": "day-of-month and day-of-week are both restricted; AWS requires ? in one of them",
	"error_de": "Tag im Monat und Wochentag sind beide eingeschränkt; AWS verlangt ? in einem der beiden Felder",
} if {
	not _any(f[2])
	not _any(f[4])
} else := r if {
	minutes := _field(f[0], 0, 59, {})
	hours := _field(f[1], 0, 23, {})
	times := sort([t | some h in hours; some mi in minutes; t := (h * 60) + mi])
	count(times) > 0
	g := _day_gap(f[2], f[3], f[4])
	r := _combine(g, times)
}

_any(s) if s in {"*", "?"}

# _combine turns the longest gap in days between run days into minutes: the
# gap from the last run of one run day to the first of the next, or the
# longest gap within a day, whichever is longer.
_combine(g, times) := {"never": true} if {
	g.never
} else := {"gap": _window_days * 1440, "at_least": true} if {
	g.rare
} else := {"gap": max([_max_diff(times), ((g.days * 1440) - last) + times[0]])} if {
	last := times[count(times) - 1]
}

_max_diff(xs) := 0 if {
	count(xs) < 2
} else := max([x | some i in numbers.range(0, count(xs) - 2); x := xs[i + 1] - xs[i]])

# Fields

_month_names := {"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12}

_dow_names := {"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}

# _field is the set of values of a comma-separated field; undefined when any item is invalid.
_field(spec, lo, hi, names) := union({s | some s in sets}) if {
	items := split(spec, ",")
	sets := [s | some it in items; s := _item(it, lo, hi, names)]
	count(sets) == count(items)
}

_item(it, lo, hi, names) := {v | some v in numbers.range(lo, hi)} if {
	_any(it)
} else := {v | some v in numbers.range_step(b[0], b[1], step)} if {
	parts := split(it, "/")
	count(parts) == 2
	step := _num(parts[1])
	step >= 1
	b := _base(parts[0], lo, hi, names)
} else := {v | some v in numbers.range(a, b)} if {
	parts := split(it, "-")
	count(parts) == 2
	a := _val(parts[0], lo, hi, names)
	b := _val(parts[1], lo, hi, names)
	a <= b
} else := {v} if {
	v := _val(it, lo, hi, names)
}

_base(s, lo, hi, names) := [lo, hi] if {
	s == "*"
} else := [a, b] if {
	parts := split(s, "-")
	count(parts) == 2
	a := _val(parts[0], lo, hi, names)
	b := _val(parts[1], lo, hi, names)
	a <= b
} else := [a, hi] if {
	a := _val(s, lo, hi, names)
}

_val(s, lo, hi, names) := v if {
	v := _num(s)
	v >= lo
	v <= hi
} else := v if {
	v := names[upper(s)]
	v >= lo
	v <= hi
}

_num(s) := to_number(s) if regex.match(`^[0-9]+$`, s)

_plain(s) if not regex.match(`[LW#]`, upper(s))

# Days

# _day_gap is {"days": n}, the longest gap between consecutive run days,
# {"never": true} or {"rare": true} (one run day in six years).
_day_gap(dom, month, dow) := {"days": 1} if {
	_any(month)
	_any(dom)
	_any(dow)
} else := _weekly(dow) if {
	_any(month)
	_any(dom)
	_plain(dow)
} else := _calendar(dom, month, dow)

_weekly(dow) := {"days": max(array.concat(diffs, [wrap]))} if {
	ds := sort(_field(dow, 1, 7, _dow_names))
	count(ds) > 0
	diffs := [x | count(ds) > 1; some i in numbers.range(0, count(ds) - 2); x := ds[i + 1] - ds[i]]
	wrap := (7 - ds[count(ds) - 1]) + ds[0]
}

_calendar(dom, month, dow) := g if {
	months := _field(month, 1, 12, _month_names)
	per_month := [s |
		some y in _years
		some m in months
		ds := _days(y, m, dom, dow)
		s := {_index(y, m, d) | some d in ds}
	]
	count(per_month) == count(_years) * count(months)
	idx := sort(union({s | some s in per_month}))
	g := _gaps_of(idx)
}

_gaps_of(idx) := {"never": true} if {
	count(idx) == 0
} else := {"rare": true} if {
	count(idx) == 1
} else := {"days": _max_diff(idx)}

# _days is the set of days of month m in year y on which the schedule runs;
# undefined when an item of the day fields is invalid.
_days(y, m, dom, dow) := {d | some d in numbers.range(1, _dim(y, m))} if {
	_any(dom)
	_any(dow)
} else := _items_days(y, m, dom, "dom") if {
	not _any(dom)
} else := _items_days(y, m, dow, "dow")

_items_days(y, m, spec, field) := union({s | some s in sets}) if {
	items := split(spec, ",")
	sets := [s | some it in items; s := _item_days(y, m, upper(it), field)]
	count(sets) == count(items)
}

# Day of month: L (last day), L-n (n days before the last), LW (last
# weekday), nW (weekday nearest to day n, within the month), plain values.
_item_days(y, m, it, "dom") := {_dim(y, m)} if {
	it == "L"
} else := {d | d := _dim(y, m) - to_number(trim_prefix(it, "L-")); d >= 1} if {
	regex.match(`^L-[0-9]+$`, it)
} else := {_weekday_on_or_before(y, m, _dim(y, m))} if {
	it == "LW"
} else := {d | n <= _dim(y, m); d := _nearest_weekday(y, m, n)} if {
	regex.match(`^[0-9]+W$`, it)
	n := to_number(trim_suffix(it, "W"))
	n >= 1
	n <= 31
} else := {d | some d in _item(it, 1, 31, {}); d <= _dim(y, m)} if {
	_plain(it)
}

# Day of week: nL (last weekday n of the month), n#k (k-th weekday n),
# L alone (Saturday, the last day of the week), plain values.
_item_days(y, m, it, "dow") := {d |
	n := _val(trim_suffix(it, "L"), 1, 7, _dow_names)
	f := _first(y, m, n)
	d := f + (7 * floor((_dim(y, m) - f) / 7))
} if {
	it != "L"
	endswith(it, "L")
} else := {d |
	parts := split(it, "#")
	n := _val(parts[0], 1, 7, _dow_names)
	k := _num(parts[1])
	d := _first(y, m, n) + (7 * (k - 1))
	d <= _dim(y, m)
} if {
	parts := split(it, "#")
	count(parts) == 2
	_val(parts[0], 1, 7, _dow_names)
	k := _num(parts[1])
	k >= 1
	k <= 5
} else := {d | some d in numbers.range(1, _dim(y, m)); _dow(y, m, d) == 7} if {
	it == "L"
} else := {d | some d in numbers.range(1, _dim(y, m)); _dow(y, m, d) in ws} if {
	_plain(it)
	ws := _item(it, 1, 7, _dow_names)
}

# _first is the first day of month m in year y that falls on weekday n.
_first(y, m, n) := 1 + (((n - _dow(y, m, 1)) + 7) % 7)

_nearest_weekday(y, m, n) := 3 if {
	n == 1
	_dow(y, m, 1) == 7
} else := n - 1 if {
	_dow(y, m, n) == 7
} else := n - 2 if {
	_dow(y, m, n) == 1
	n == _dim(y, m)
} else := n + 1 if {
	_dow(y, m, n) == 1
} else := n

_weekday_on_or_before(y, m, d) := d - 1 if {
	_dow(y, m, d) == 7
} else := d - 2 if {
	_dow(y, m, d) == 1
} else := d

# Calendar 2024-01-01 (a Monday) … 2029-12-31.

_years := [2024, 2025, 2026, 2027, 2028, 2029]

_year_start := {2024: 0, 2025: 366, 2026: 731, 2027: 1096, 2028: 1461, 2029: 1827}

_window_days := 2192

_month_start_common := [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

_month_start_leap := [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335]

_days_common := [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

_leap(y) if y % 4 == 0

_dim(y, m) := 29 if {
	m == 2
	_leap(y)
} else := _days_common[m - 1]

_index(y, m, d) := ((_year_start[y] + _month_start_leap[m - 1]) + d) - 1 if {
	_leap(y)
} else := ((_year_start[y] + _month_start_common[m - 1]) + d) - 1

# _dow is the AWS day of week (1 = SUN … 7 = SAT); day 0 is a Monday (2).
_dow(y, m, d) := ((_index(y, m, d) + 1) % 7) + 1
