package report

import (
	"fmt"

	"github.com/tomcheck/tomcheck/internal/engine"
)

// text is one fixed string of a report in English and German.
type text struct{ en, de string }

// texts holds every fixed string the renderers print, by key. Keys built at
// run time have a prefix: "verdict.", "basis.", "state." and "outcome." are
// followed by the value of the verdict JSON. Formats take the same verbs in
// the same order in both languages.
var texts = map[string]text{
	// Verdicts, basis, exception states, collector outcomes.
	"verdict.verified":       {"verified", "bestätigt"},
	"verdict.refuted":        {"refuted", "widerlegt"},
	"verdict.inconclusive":   {"inconclusive", "nicht entscheidbar"},
	"verdict.attested":       {"attested", "attestiert"},
	"verdict.unattested":     {"unattested", "nicht attestiert"},
	"verdict.error":          {"error", "Fehler"},
	"basis.live":             {"live", "live"},
	"basis.declared":         {"declared", "deklariert"},
	"basis.mixed":            {"mixed", "gemischt"},
	"state.applied":          {"applied", "angewandt"},
	"state.unused":           {"unused", "ungenutzt"},
	"state.expired":          {"expired", "abgelaufen"},
	"state.stale":            {"stale", "verwaist"},
	"outcome.ok":             {"ok", "ok"},
	"outcome.partial":        {"partial", "teilweise"},
	"outcome.failed":         {"failed", "fehlgeschlagen"},
	"outcome.not applicable": {"not applicable", "nicht anwendbar"},

	// Header and metadata.
	"title.table":     {"tomcheck report", "tomcheck-Bericht"},
	"title.markdown":  {"TOM verification report", "Prüfbericht zur TOM"},
	"meta.org":        {"Organisation", "Organisation"},
	"meta.document":   {"Document", "Dokument"},
	"meta.project":    {"Project", "Projekt"},
	"meta.run":        {"Run", "Lauf"},
	"meta.now":        {"As of", "Stand"},
	"meta.tool":       {"Tool version", "Werkzeugversion"},
	"meta.d.claims":   {"Claims file digest", "Digest der Aussagendatei"},
	"meta.d.config":   {"Project file digest", "Digest der Projektdatei"},
	"meta.d.policies": {"Policy library digest", "Digest der Richtlinienbibliothek"},
	"meta.d.evidence": {"Evidence digest", "Digest der Nachweise"},
	"meta.field":      {"Field", "Feld"},
	"meta.value":      {"Value", "Wert"},
	"intro.markdown": {
		"This report compares the claims of the TOM (technical and organizational measures, Art. 32 GDPR) with evidence collected from the infrastructure and with attestations.",
		"Dieser Bericht gleicht die Aussagen der TOM (technische und organisatorische Maßnahmen, Art. 32 DSGVO) mit Nachweisen aus der Infrastruktur und mit Attestierungen ab.",
	},

	// Section headings.
	"h.summary":    {"Summary", "Zusammenfassung"},
	"h.claims":     {"Claims by control area", "Aussagen nach Kontrollbereich"},
	"h.exceptions": {"Exceptions", "Ausnahmen"},
	"h.unmapped":   {"Statements not checked", "Nicht geprüfte Aussagen"},
	"h.gaps":       {"Gaps: evidence that could not be read", "Lücken: Nachweise, die nicht gelesen werden konnten"},
	"h.collectors": {"Collectors", "Kollektoren"},
	"h.warnings":   {"Warnings", "Warnungen"},
	"h.findings":   {"Findings", "Befunde"},

	// Column heads.
	"col.verdict":    {"Verdict", "Ergebnis"},
	"col.claim":      {"Claim", "Aussage"},
	"col.statement":  {"Statement", "Wortlaut"},
	"col.reason":     {"Reason", "Begründung"},
	"col.count":      {"Count", "Anzahl"},
	"col.subject":    {"Subject", "Prüfobjekt"},
	"col.approvedby": {"Approved by", "Genehmigt von"},
	"col.expires":    {"Expires", "Läuft ab"},
	"col.state":      {"State", "Status"},
	"col.source":     {"Source", "Quelle"},
	"col.type":       {"Type", "Typ"},
	"col.target":     {"Target", "Ziel"},
	"col.kind":       {"Kind", "Art"},
	"col.permission": {"Missing permission", "Fehlende Berechtigung"},
	"col.collector":  {"Collector", "Kollektor"},
	"col.outcome":    {"Outcome", "Ausgang"},
	"col.records":    {"Records", "Nachweise"},
	"col.error":      {"Error", "Fehler"},

	// Claim details.
	"d.check":         {"check: %s", "Prüfung: %s"},
	"d.checktitle":    {"check: %s (%s)", "Prüfung: %s (%s)"},
	"d.params":        {"parameters: %s", "Parameter: %s"},
	"d.default":       {"default applied: %s", "Standardwert angewandt: %s"},
	"d.source":        {"source: %s", "Quelle: %s"},
	"d.location":      {"claim at %s", "Aussage in %s"},
	"d.remediation":   {"remediation: %s", "Abhilfe: %s"},
	"d.excepted":      {"excepted: %s; approved by %s; expires %s", "Ausnahme: %s; genehmigt von %s; läuft ab %s"},
	"d.attestation":   {"attestation %s", "Attestierung %s"},
	"d.att.doc":       {"document %s", "Dokument %s"},
	"d.att.signed":    {"signed off by %s on %s", "abgezeichnet von %s am %s"},
	"d.att.until":     {"valid until %s", "gültig bis %s"},
	"d.att.stmt":      {"attested: %s", "attestiert: %s"},
	"d.gap":           {"gap: %s", "Lücke: %s"},
	"d.permission":    {"missing permission %s", "fehlende Berechtigung %s"},
	"d.passing.one":   {"1 passing finding not listed (--verbose lists it)", "1 erfüllter Befund nicht aufgeführt (--verbose listet ihn auf)"},
	"d.passing.other": {"%d passing findings not listed (--verbose lists them)", "%d erfüllte Befunde nicht aufgeführt (--verbose listet sie auf)"},
	"quote":           {"“%s”", "„%s“"},
	"src.section":     {"section %s", "Abschnitt %s"},
	"src.line":        {"line %d", "Zeile %d"},
	"f.pass":          {"pass", "erfüllt"},
	"f.fail":          {"fail", "nicht erfüllt"},
	"f.excepted":      {"excepted", "Ausnahme"},
	"f.unknown":       {"not judged", "nicht beurteilt"},
	"no.area":         {"(no control area)", "(ohne Kontrollbereich)"},

	// Labels of a claim's details in Markdown.
	"lbl.location":    {"Location in the claims file", "Fundstelle in der Aussagendatei"},
	"lbl.check":       {"Check", "Prüfung"},
	"lbl.params":      {"Parameters", "Parameter"},
	"lbl.defaults":    {"Defaults applied", "Angewandte Standardwerte"},
	"lbl.basis":       {"Basis of evidence", "Grundlage der Nachweise"},
	"lbl.attestation": {"Attestation", "Attestierung"},
	"lbl.document":    {"document", "Dokument"},
	"lbl.evidence":    {"evidence", "Nachweis"},
	"lbl.gap":         {"Gap", "Lücke"},
	"lbl.remediation": {"Remediation", "Abhilfe"},

	// Sections after the claims.
	"unmapped.one":   {"1 statement of the TOM is not checked", "1 Aussage der TOM wird nicht geprüft"},
	"unmapped.other": {"%d statements of the TOM are not checked", "%d Aussagen der TOM werden nicht geprüft"},
	"exc.line":       {"expires %s; %s (approved by %s)", "läuft ab %s; %s (genehmigt von %s)"},
	"records.one":    {"1 record", "1 Nachweis"},
	"records.other":  {"%d records", "%d Nachweise"},
	"no.claims":      {"The claims file has no claims.", "Die Aussagendatei enthält keine Aussagen."},

	// Summary.
	"sum.label":          {"Summary", "Zusammenfassung"},
	"sum.excepted.one":   {"1 excepted finding", "1 Befund per Ausnahme"},
	"sum.excepted.other": {"%d excepted findings", "%d Befunde per Ausnahme"},
	"sum.unmapped.one":   {"1 statement not checked", "1 Aussage nicht geprüft"},
	"sum.unmapped.other": {"%d statements not checked", "%d Aussagen nicht geprüft"},
	"sum.row.exc":        {"excepted findings", "Befunde per Ausnahme"},
	"sum.row.unm":        {"statements not checked", "nicht geprüfte Aussagen"},
}

// areaGloss is the English gloss shown beside each canonical (German) area
// name in English reports.
var areaGloss = map[string]string{
	"Zutrittskontrolle":       "physical access control",
	"Zugangskontrolle":        "system access control",
	"Zugriffskontrolle":       "data access control",
	"Weitergabekontrolle":     "transfer control",
	"Eingabekontrolle":        "input control",
	"Auftragskontrolle":       "processor control",
	"Verfügbarkeitskontrolle": "availability control",
	"Wiederherstellbarkeit":   "recoverability",
	"Trennungskontrolle":      "separation control",
	"Integrität":              "integrity",
	"Vertraulichkeit":         "confidentiality",
	"Pseudonymisierung":       "pseudonymisation",
	"Verschlüsselung":         "encryption",
	"Überprüfung":             "regular review and evaluation",
}

// lang is a report language: "en" or "de".
type lang string

// t returns the fixed string key in the language; a missing key shows as
// itself in braces, which the tests catch.
func (l lang) t(key string) string {
	tx, ok := texts[key]
	if !ok {
		return "{" + key + "}"
	}
	if l == "de" {
		return tx.de
	}
	return tx.en
}

// f formats the fixed string key with args.
func (l lang) f(key string, args ...any) string {
	return fmt.Sprintf(l.t(key), args...)
}

// msg picks a bilingual message's text, falling back to the other language.
func (l lang) msg(m engine.Message) string {
	return l.pick(m.EN, m.DE)
}

// pick returns de in German and en in English, each falling back to the other when empty.
func (l lang) pick(en, de string) string {
	if l == "de" && de != "" {
		return de
	}
	if en != "" {
		return en
	}
	return de
}

// verdict returns the verdict's name.
func (l lang) verdict(v engine.Verdict) string {
	if _, ok := texts["verdict."+string(v)]; !ok {
		return string(v)
	}
	return l.t("verdict." + string(v))
}

// value translates a value of the verdict JSON under prefix ("basis",
// "state", "outcome"), leaving unknown values as they are.
func (l lang) value(prefix, v string) string {
	if _, ok := texts[prefix+"."+v]; !ok {
		return v
	}
	return l.t(prefix + "." + v)
}

// area returns the display name of a control area: the canonical German
// name, with its English gloss in English reports.
func (l lang) area(name string) string {
	if name == "" {
		return l.t("no.area")
	}
	if g, ok := areaGloss[name]; ok && l != "de" {
		return name + " (" + g + ")"
	}
	return name
}
