package checks

import "strings"

// Areas are the canonical control areas in report order: the classic annex
// to § 9 BDSG a.F., § 64 (3) BDSG and the goals of Art. 32 (1) GDPR.
var Areas = []string{
	"Zutrittskontrolle",
	"Zugangskontrolle",
	"Zugriffskontrolle",
	"Weitergabekontrolle",
	"Eingabekontrolle",
	"Auftragskontrolle",
	"Verfügbarkeitskontrolle",
	"Wiederherstellbarkeit",
	"Trennungskontrolle",
	"Integrität",
	"Vertraulichkeit",
	"Pseudonymisierung",
	"Verschlüsselung",
	"Überprüfung",
}

// areaAliases maps the other names real TOM documents use to the canonical one.
var areaAliases = map[string]string{
	"physical access control":                 "Zutrittskontrolle",
	"benutzerkontrolle":                       "Zugangskontrolle",
	"system access control":                   "Zugangskontrolle",
	"speicherkontrolle":                       "Zugriffskontrolle",
	"data access control":                     "Zugriffskontrolle",
	"übertragungskontrolle":                   "Weitergabekontrolle",
	"transportkontrolle":                      "Weitergabekontrolle",
	"datenträgerkontrolle":                    "Weitergabekontrolle",
	"transfer control":                        "Weitergabekontrolle",
	"input control":                           "Eingabekontrolle",
	"organisationskontrolle":                  "Auftragskontrolle",
	"processor control":                       "Auftragskontrolle",
	"verfügbarkeit":                           "Verfügbarkeitskontrolle",
	"belastbarkeit":                           "Verfügbarkeitskontrolle",
	"zuverlässigkeit":                         "Verfügbarkeitskontrolle",
	"availability":                            "Verfügbarkeitskontrolle",
	"wiederherstellung":                       "Wiederherstellbarkeit",
	"recoverability":                          "Wiederherstellbarkeit",
	"trennungsgebot":                          "Trennungskontrolle",
	"trennbarkeit":                            "Trennungskontrolle",
	"separation control":                      "Trennungskontrolle",
	"datenintegrität":                         "Integrität",
	"integrity":                               "Integrität",
	"confidentiality":                         "Vertraulichkeit",
	"pseudonymisation":                        "Pseudonymisierung",
	"pseudonymization":                        "Pseudonymisierung",
	"encryption":                              "Verschlüsselung",
	"verfahren zur regelmäßigen überprüfung":  "Überprüfung",
	"datenschutz-management":                  "Überprüfung",
	"incident-response-management":            "Überprüfung",
	"datenschutzfreundliche voreinstellungen": "Überprüfung",
	"review":                                  "Überprüfung",
}

// foldArea lowercases s and spells umlauts and ß out, so "Verfuegbarkeit"
// and "Verfügbarkeit" compare equal.
func foldArea(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss").Replace(s)
}

// CanonicalArea returns the canonical name of a control area, accepting the
// names in any case, with umlauts or ae/oe/ue; ok is false for an unknown name.
func CanonicalArea(name string) (canonical string, ok bool) {
	f := foldArea(name)
	for _, a := range Areas {
		if foldArea(a) == f {
			return a, true
		}
	}
	for alias, a := range areaAliases {
		if foldArea(alias) == f {
			return a, true
		}
	}
	return "", false
}

// AreaIndex returns the report position of a canonical area, or len(Areas) for an unknown one.
func AreaIndex(canonical string) int {
	for i, a := range Areas {
		if a == canonical {
			return i
		}
	}
	return len(Areas)
}

// AreaNames returns every accepted area name (canonical and aliases), for did-you-mean suggestions.
func AreaNames() []string {
	names := append([]string{}, Areas...)
	for alias := range areaAliases {
		names = append(names, alias)
	}
	return names
}
