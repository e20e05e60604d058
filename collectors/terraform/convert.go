package terraform

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// markSensitive is the cty mark of values derived from sensitive variables
// and outputs; hcl and cty carry it through every operation.
const markSensitive = "sensitive"

// Size limits of one evaluated value (a variable, local, output or
// attribute): bigger values become unknown, so a configuration that grows
// values exponentially cannot exhaust memory.
const (
	maxValueNodes = 50_000
	maxValueBytes = 512 << 10
)

// isSensitive reports whether v itself carries the sensitive mark.
func isSensitive(v cty.Value) bool {
	return v.HasMark(markSensitive)
}

// safe replaces the zero cty.Value, which hcl returns in rare error paths,
// by an unknown value: the zero value panics on most methods.
func safe(v cty.Value) cty.Value {
	if v == cty.NilVal || v.Type() == cty.NilType {
		return cty.DynamicVal
	}
	return v
}

// jsonValue converts v to the shape of plan JSON "after": unknown object
// attributes left out, unknown list elements null, sensitive values
// "(sensitive)". ok is false when v itself is unknown.
func jsonValue(v cty.Value) (out any, ok bool) {
	v = safe(v)
	v, marks := v.Unmark()
	if _, sens := marks[markSensitive]; sens {
		if !v.IsWhollyKnown() {
			return nil, false
		}
		if v.IsNull() {
			return nil, true
		}
		return sensitiveValue, true
	}
	if !v.IsKnown() {
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString(), true
	case ty == cty.Bool:
		return v.True(), true
	case ty == cty.Number:
		n, ok := jsonNumber(v.AsBigFloat())
		return n, ok
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		list := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			ev, ok := jsonValue(e)
			if !ok {
				ev = nil
			}
			list = append(list, ev)
		}
		return list, true
	case ty.IsMapType() || ty.IsObjectType():
		obj := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			ks, ok := knownString(k)
			if !ok {
				continue
			}
			if ev, ok := jsonValue(e); ok {
				obj[ks] = ev
			}
		}
		return obj, true
	}
	return nil, false
}

// jsonNumber renders a number as JSON; infinities cannot be, so they count as unknown.
func jsonNumber(bf *big.Float) (json.Number, bool) {
	if bf == nil || bf.IsInf() {
		return "", false
	}
	if bf.IsInt() {
		if i, acc := bf.Int64(); acc == big.Exact {
			return json.Number(strconv.FormatInt(i, 10)), true
		}
	}
	f, _ := bf.Float64()
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "", false
	}
	return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), true
}

// unknownMirror returns v as plan JSON "after_unknown" would show it: true
// where unknown, false for known primitives, lists element by element and
// objects with only their unknown parts.
func unknownMirror(v cty.Value) any {
	v = safe(v)
	v, marks := v.Unmark()
	if _, sens := marks[markSensitive]; sens && !v.IsWhollyKnown() {
		return true
	}
	switch {
	case !v.IsKnown():
		return true
	case v.IsNull():
		return false
	}
	ty := v.Type()
	switch {
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		list := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			list = append(list, unknownMirror(e))
		}
		return list
	case ty.IsMapType() || ty.IsObjectType():
		obj := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			ks, ok := knownString(k)
			if !ok {
				continue
			}
			if u := unknownMirror(e); u != false {
				obj[ks] = u
			}
		}
		return obj
	}
	return false
}

// tooLarge reports whether v has more than maxValueNodes nodes or
// maxValueBytes bytes of strings; it stops counting at the limit.
func tooLarge(v cty.Value) bool {
	nodes, bytes := 0, 0
	var walk func(v cty.Value) bool
	walk = func(v cty.Value) bool {
		v = safe(v)
		v, _ = v.Unmark()
		nodes++
		if nodes > maxValueNodes {
			return false
		}
		if !v.IsKnown() || v.IsNull() {
			return true
		}
		ty := v.Type()
		switch {
		case ty == cty.String:
			bytes += len(v.AsString())
			return bytes <= maxValueBytes
		case v.CanIterateElements():
			for it := v.ElementIterator(); it.Next(); {
				k, e := it.Element()
				if ks, ok := knownString(k); ok {
					bytes += len(ks)
				}
				if !walk(e) {
					return false
				}
			}
		}
		return bytes <= maxValueBytes
	}
	return !walk(v)
}

// ctyFromGo converts a value decoded from YAML or JSON (string, bool,
// numbers, []any, map[string]any, nil) into cty.
func ctyFromGo(v any) (cty.Value, error) {
	switch x := v.(type) {
	case nil:
		return cty.NullVal(cty.DynamicPseudoType), nil
	case string:
		return cty.StringVal(x), nil
	case bool:
		return cty.BoolVal(x), nil
	case int:
		return cty.NumberIntVal(int64(x)), nil
	case int64:
		return cty.NumberIntVal(x), nil
	case uint64:
		return cty.NumberUIntVal(x), nil
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return cty.NilVal, fmt.Errorf("number %v cannot be a Terraform value", x)
		}
		return cty.NumberFloatVal(x), nil
	case json.Number:
		n, err := cty.ParseNumberVal(string(x))
		if err != nil {
			return cty.NilVal, fmt.Errorf("parse number %s: %w", x, err)
		}
		return n, nil
	case []any:
		if len(x) == 0 {
			return cty.EmptyTupleVal, nil
		}
		elems := make([]cty.Value, len(x))
		for i, e := range x {
			ev, err := ctyFromGo(e)
			if err != nil {
				return cty.NilVal, err
			}
			elems[i] = ev
		}
		return cty.TupleVal(elems), nil
	case map[string]any:
		if len(x) == 0 {
			return cty.EmptyObjectVal, nil
		}
		attrs := make(map[string]cty.Value, len(x))
		for k, e := range x {
			ev, err := ctyFromGo(e)
			if err != nil {
				return cty.NilVal, err
			}
			attrs[k] = ev
		}
		return cty.ObjectVal(attrs), nil
	}
	return cty.NilVal, fmt.Errorf("value of type %T cannot be a Terraform value", v)
}

// containsSecret reports whether s holds any of the secrets.
func containsSecret(s string, secrets []string) bool {
	for _, sec := range secrets {
		if sec != "" && strings.Contains(s, sec) {
			return true
		}
	}
	return false
}

// goHasSecret reports whether any string in a decoded YAML value holds a secret.
func goHasSecret(v any, secrets []string) bool {
	switch x := v.(type) {
	case string:
		return containsSecret(x, secrets)
	case []any:
		for _, e := range x {
			if goHasSecret(e, secrets) {
				return true
			}
		}
	case map[string]any:
		for k, e := range x {
			if containsSecret(k, secrets) || goHasSecret(e, secrets) {
				return true
			}
		}
	}
	return false
}

// scrubSecrets replaces every string holding a secret by "(sensitive)".
func scrubSecrets(v any, secrets []string) any {
	if len(secrets) == 0 {
		return v
	}
	switch x := v.(type) {
	case string:
		if containsSecret(x, secrets) {
			return sensitiveValue
		}
	case []any:
		for i, e := range x {
			x[i] = scrubSecrets(e, secrets)
		}
	case map[string]any:
		for k, e := range x {
			x[k] = scrubSecrets(e, secrets)
		}
	}
	return v
}

// scrubText replaces every secret inside a message.
func scrubText(s string, secrets []string) string {
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, sensitiveValue)
		}
	}
	return s
}

// deepCopyJSON copies a decoded JSON tree so that the records of two
// instances never share (and a scrub never mutates) the same maps.
func deepCopyJSON(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopyJSON(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopyJSON(e)
		}
		return out
	}
	return v
}

// sensitiveAttribute reports attributes that the AWS provider marks
// sensitive and that configurations set directly. Plan and state carry the
// provider's own markers; HCL does not, so without this table a literal
// database password would end up in a record.
func sensitiveAttribute(resourceType, name string) bool {
	switch name {
	case "password", "passwords", "master_password", "master_user_password",
		"auth_token", "secret_string", "secret_binary", "private_key",
		"secret_key", "access_key_secret", "client_secret", "token",
		"api_key", "sasl_password", "shared_secret", "preshared_key",
		"tunnel1_preshared_key", "tunnel2_preshared_key", "secret":
		return true
	case "value":
		switch resourceType {
		case "aws_ssm_parameter", "aws_api_gateway_api_key", "aws_appsync_api_key":
			return true
		}
	}
	return false
}
