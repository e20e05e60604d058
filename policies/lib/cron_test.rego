package tomcheck.lib.cron

_h := 60

_d := 1440

test_daily if analyse("cron(0 3 * * ? *)") == {"gap": 24 * _h}

test_daily_question_mark_in_day_of_month if analyse("cron(0 3 ? * * *)") == {"gap": 24 * _h}

test_twice_a_day if analyse("cron(0 3,15 * * ? *)") == {"gap": 12 * _h}

test_uneven_hours_take_the_longest_gap if analyse("cron(0 1,5 * * ? *)") == {"gap": 20 * _h}

test_hour_range if analyse("cron(30 8-18 * * ? *)") == {"gap": 14 * _h}

test_minute_step if analyse("cron(0/15 * * * ? *)") == {"gap": 15}

test_star_step if analyse("cron(*/20 */6 * * ? *)") == {"gap": 320}

test_range_step if analyse("cron(0 2-14/4 * * ? *)") == {"gap": 12 * _h}

test_weekdays_only_gap_over_the_weekend if analyse("cron(0 5 ? * MON-FRI *)") == {"gap": 72 * _h}

test_weekday_numbers if analyse("cron(0 5 ? * 2-6 *)") == {"gap": 72 * _h}

test_weekly if analyse("cron(0 5 ? * SUN *)") == {"gap": 7 * _d}

test_weekday_list if analyse("cron(0 0 ? * MON,THU *)") == {"gap": 4 * _d}

test_office_hours_on_weekdays if analyse("cron(*/30 9-17 ? * MON-FRI *)") == {"gap": ((3 * _d) - ((17 * _h) + 30)) + (9 * _h)}

test_all_week_is_daily if analyse("cron(0 4 ? * 1-7 *)") == {"gap": _d}

test_monthly_on_the_first if analyse("cron(0 1 1 * ? *)") == {"gap": 31 * _d}

test_monthly_twice if analyse("cron(0 1 1,15 * ? *)") == {"gap": 17 * _d}

test_quarterly_month_names if analyse("cron(0 1 1 JAN,APR,JUL,OCT ? *)") == {"gap": 92 * _d}

test_yearly if analyse("cron(0 0 1 1 ? *)") == {"gap": 366 * _d}

test_daily_in_some_months if analyse("cron(0 0 * 1-11 ? *)") == {"gap": 32 * _d}

test_last_day_of_month if analyse("cron(0 0 L * ? *)") == {"gap": 31 * _d}

test_last_weekday_of_month if {
	g := analyse("cron(0 0 LW * ? *)").gap
	g > 31 * _d
	g <= 33 * _d
}

test_nearest_weekday if {
	g := analyse("cron(0 0 15W * ? *)").gap
	g >= 31 * _d
	g <= 34 * _d
}

test_first_monday if analyse("cron(0 0 ? * MON#1 *)") == {"gap": 35 * _d}

test_second_tuesday_number if analyse("cron(0 0 ? * 3#2 *)") == {"gap": 35 * _d}

test_last_friday if analyse("cron(0 0 ? * 6L *)") == {"gap": 35 * _d}

test_mondays_in_january if {
	g := analyse("cron(0 0 ? JAN MON *)").gap
	g >= 330 * _d
	g <= 344 * _d
}

test_leap_day if analyse("cron(0 0 29 2 ? *)") == {"gap": 1461 * _d}

test_never if analyse("cron(0 0 31 2 ? *)") == {"never": true}

test_never_fifth_monday_in_february if analyse("cron(0 0 ? 2 MON#5 *)") == {"never": true}

test_rare if analyse("cron(0 0 ? 2 THU#5 *)") == {"gap": 2192 * _d, "at_least": true}

test_rate_hours if analyse("rate(12 hours)") == {"gap": 12 * _h}

test_rate_one_day if analyse("rate(1 day)") == {"gap": _d}

test_rate_minutes if analyse(" rate(90 minutes) ") == {"gap": 90}

test_rate_bad_unit if analyse("rate(2 weeks)").error

test_rate_zero if analyse("rate(0 hours)").error

test_year_restricted if {
	r := analyse("cron(0 0 * * ? 2026)")
	contains(r.error, "year field")
	contains(r.error_de, "Jahresfeld")
}

test_both_day_fields if contains(analyse("cron(0 0 1 * MON *)").error, "both restricted")

test_garbage if analyse("every day") == {
	"error": "cannot parse schedule expression \"every day\"",
	"error_de": "Zeitplanausdruck \"every day\" ist nicht auswertbar",
}

test_not_a_string if analyse(null).error

test_five_fields if analyse("cron(0 0 * * ?)").error

test_out_of_range if analyse("cron(0 24 * * ? *)").error

test_bad_name if analyse("cron(0 0 ? * MOX *)").error

test_reversed_range if analyse("cron(0 5-1 * * ? *)").error
