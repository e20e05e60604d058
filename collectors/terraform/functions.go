package terraform

import (
	"errors"
	"fmt"
	"math/big"
	"net"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// Limits that keep a hostile or broken configuration from exhausting memory
// in a function call; Terraform would fail on such input as well.
const (
	maxFormatWidth    = 999     // widest %Nd a format string may ask for
	maxSetProduct     = 10_000  // elements setproduct may produce
	maxJSONDecodeSize = 1 << 20 // bytes jsondecode reads
	maxJSONDepth      = 256     // nesting jsondecode accepts
)

// functions returns the Terraform functions the evaluator implements. A
// call to any other function (file, templatefile, timestamp, provider
// functions …) makes its value unknown: it is never guessed.
func functions() map[string]function.Function {
	return map[string]function.Function{
		"abs":             stdlib.AbsoluteFunc,
		"alltrue":         allTrueFunc,
		"anytrue":         anyTrueFunc,
		"can":             tryfunc.CanFunc,
		"ceil":            stdlib.CeilFunc,
		"chomp":           stdlib.ChompFunc,
		"chunklist":       stdlib.ChunklistFunc,
		"cidrhost":        cidrHostFunc,
		"cidrnetmask":     cidrNetmaskFunc,
		"cidrsubnet":      cidrSubnetFunc,
		"coalesce":        coalesceFunc,
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          stdlib.ConcatFunc,
		"contains":        stdlib.ContainsFunc,
		"csvdecode":       stdlib.CSVDecodeFunc,
		"distinct":        stdlib.DistinctFunc,
		"element":         stdlib.ElementFunc,
		"endswith":        endsWithFunc,
		"flatten":         stdlib.FlattenFunc,
		"floor":           stdlib.FloorFunc,
		"format":          guard(stdlib.FormatFunc, checkFormat),
		"formatdate":      stdlib.FormatDateFunc,
		"formatlist":      guard(stdlib.FormatListFunc, checkFormat),
		"indent":          stdlib.IndentFunc,
		"join":            stdlib.JoinFunc,
		"jsondecode":      guard(stdlib.JSONDecodeFunc, checkJSONDecode),
		"jsonencode":      stdlib.JSONEncodeFunc,
		"keys":            stdlib.KeysFunc,
		"length":          lengthFunc,
		"log":             stdlib.LogFunc,
		"lookup":          stdlib.LookupFunc,
		"lower":           stdlib.LowerFunc,
		"max":             stdlib.MaxFunc,
		"merge":           stdlib.MergeFunc,
		"min":             stdlib.MinFunc,
		"nonsensitive":    nonSensitiveFunc,
		"parseint":        stdlib.ParseIntFunc,
		"pow":             stdlib.PowFunc,
		"range":           stdlib.RangeFunc,
		"regex":           stdlib.RegexFunc,
		"regexall":        stdlib.RegexAllFunc,
		"replace":         replaceFunc,
		"reverse":         stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc,
		"setproduct":      guard(stdlib.SetProductFunc, checkSetProduct),
		"setsubtract":     stdlib.SetSubtractFunc,
		"sensitive":       sensitiveFunc,
		"setunion":        stdlib.SetUnionFunc,
		"signum":          stdlib.SignumFunc,
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"split":           stdlib.SplitFunc,
		"startswith":      startsWithFunc,
		"strcontains":     strContainsFunc,
		"strrev":          stdlib.ReverseFunc,
		"substr":          stdlib.SubstrFunc,
		"timeadd":         stdlib.TimeAddFunc,
		"title":           stdlib.TitleFunc,
		"tobool":          stdlib.MakeToFunc(cty.Bool),
		"tolist":          stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"tomap":           stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"tonumber":        stdlib.MakeToFunc(cty.Number),
		"toset":           stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tostring":        stdlib.MakeToFunc(cty.String),
		"trim":            stdlib.TrimFunc,
		"trimprefix":      stdlib.TrimPrefixFunc,
		"trimspace":       stdlib.TrimSpaceFunc,
		"trimsuffix":      stdlib.TrimSuffixFunc,
		"try":             tryfunc.TryFunc,
		"upper":           stdlib.UpperFunc,
		"values":          stdlib.ValuesFunc,
		"zipmap":          stdlib.ZipmapFunc,
	}
}

// guard wraps f so that check sees its arguments first: a refusal is an
// error of the call, which makes the value unknown.
func guard(f function.Function, check func(args []cty.Value) error) function.Function {
	spec := &function.Spec{
		Params:   f.Params(),
		VarParam: f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if err := check(args); err != nil {
				return cty.NilVal, err
			}
			return f.Call(args)
		},
	}
	return function.New(spec)
}

// knownString returns the string in v when it is a known, non-null string.
func knownString(v cty.Value) (string, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

var formatWidth = regexp.MustCompile(`%[-+# 0]*(\d*)(?:\.(\d*))?`)

// checkFormat refuses format strings asking for absurd widths or precisions.
func checkFormat(args []cty.Value) error {
	if len(args) == 0 {
		return nil
	}
	s, ok := knownString(args[0])
	if !ok {
		return nil
	}
	for _, m := range formatWidth.FindAllStringSubmatch(s, -1) {
		for _, n := range m[1:] {
			if len(n) > 3 {
				return fmt.Errorf("format width or precision %s is too large (at most %d)", n, maxFormatWidth)
			}
		}
	}
	return nil
}

// checkJSONDecode refuses huge or deeply nested JSON before it is decoded.
func checkJSONDecode(args []cty.Value) error {
	if len(args) == 0 {
		return nil
	}
	s, ok := knownString(args[0])
	if !ok {
		return nil
	}
	if len(s) > maxJSONDecodeSize {
		return fmt.Errorf("jsondecode input of %d bytes is too large (at most %d)", len(s), maxJSONDecodeSize)
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[', '{':
			depth++
			if depth > maxJSONDepth {
				return fmt.Errorf("jsondecode input nests deeper than %d levels", maxJSONDepth)
			}
		case ']', '}':
			depth--
		}
	}
	return nil
}

// checkSetProduct refuses products with more than maxSetProduct elements.
func checkSetProduct(args []cty.Value) error {
	total := 1
	for _, a := range args {
		a, _ = a.Unmark()
		if !a.IsKnown() || a.IsNull() || !a.CanIterateElements() {
			return nil
		}
		n := a.LengthInt()
		if n == 0 {
			return nil
		}
		total *= n
		if total > maxSetProduct {
			return fmt.Errorf("setproduct would produce more than %d elements", maxSetProduct)
		}
	}
	return nil
}

// coalesceFunc is Terraform's coalesce, which unlike cty's skips empty
// strings as well as nulls.
var coalesceFunc = function.New(&function.Spec{
	Description: "Returns the first of the arguments that is neither null nor an empty string.",
	VarParam: &function.Parameter{
		Name:             "vals",
		Type:             cty.DynamicPseudoType,
		AllowUnknown:     true,
		AllowDynamicType: true,
		AllowNull:        true,
	},
	Type: func(args []cty.Value) (cty.Type, error) {
		types := make([]cty.Type, len(args))
		for i, a := range args {
			types[i] = a.Type()
		}
		ty, _ := convert.UnifyUnsafe(types)
		if ty == cty.NilType {
			return cty.NilType, errors.New("all arguments must have the same type")
		}
		return ty, nil
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		for _, a := range args {
			v, err := convert.Convert(a, retType)
			if err != nil {
				return cty.NilVal, err
			}
			if !v.IsKnown() {
				return cty.UnknownVal(retType), nil
			}
			if v.IsNull() || (retType == cty.String && v.RawEquals(cty.StringVal(""))) {
				continue
			}
			return v, nil
		}
		return cty.NilVal, errors.New("no non-null, non-empty-string arguments")
	},
})

// sensitiveFunc is Terraform's sensitive: its result is sensitive.
var sensitiveFunc = function.New(&function.Spec{
	Description: "Treats the value as sensitive.",
	Params: []function.Parameter{{
		Name: "value", Type: cty.DynamicPseudoType,
		AllowUnknown: true, AllowNull: true, AllowMarked: true, AllowDynamicType: true,
	}},
	Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return args[0].Mark(markSensitive), nil
	},
})

// nonSensitiveFunc is Terraform's nonsensitive: the configuration states
// that the value is no secret, so its top-level sensitive mark goes.
var nonSensitiveFunc = function.New(&function.Spec{
	Description: "Removes the sensitive marking of a value.",
	Params: []function.Parameter{{
		Name: "value", Type: cty.DynamicPseudoType,
		AllowUnknown: true, AllowNull: true, AllowMarked: true, AllowDynamicType: true,
	}},
	Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, marks := args[0].Unmark()
		delete(marks, markSensitive)
		return v.WithMarks(marks), nil
	},
})

// lengthFunc is Terraform's length: of a collection, structure or string.
var lengthFunc = function.New(&function.Spec{
	Description: "Returns the number of elements of a collection or structure, or the number of characters of a string.",
	Params: []function.Parameter{{
		Name:             "value",
		Type:             cty.DynamicPseudoType,
		AllowDynamicType: true,
		AllowUnknown:     true,
	}},
	Type: function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		ty := v.Type()
		switch {
		case ty == cty.DynamicPseudoType:
			return cty.UnknownVal(cty.Number), nil
		case ty == cty.String:
			if !v.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			return stdlib.Strlen(v)
		case ty.IsTupleType():
			return cty.NumberIntVal(int64(len(ty.TupleElementTypes()))), nil
		case ty.IsObjectType():
			return cty.NumberIntVal(int64(len(ty.AttributeTypes()))), nil
		case ty.IsListType() || ty.IsSetType() || ty.IsMapType():
			if v.IsNull() {
				return cty.NilVal, errors.New("argument must not be null")
			}
			return v.Length(), nil
		}
		return cty.NilVal, fmt.Errorf("argument must be a string, a collection type, or a structural type, not %s", ty.FriendlyName())
	},
})

// replaceFunc is Terraform's replace: a substring is a regular expression
// when it is written between slashes.
var replaceFunc = function.New(&function.Spec{
	Description: "Replaces each occurrence of substring (a regular expression when written /like this/) in str by replace.",
	Params: []function.Parameter{
		{Name: "str", Type: cty.String},
		{Name: "substr", Type: cty.String},
		{Name: "replace", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		sub := args[1].AsString()
		if len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/") {
			return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
		}
		return stdlib.Replace(args[0], args[1], args[2])
	},
})

func boolListFunc(desc string, all bool) function.Function {
	return function.New(&function.Spec{
		Description: desc,
		Params:      []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:        function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			l := args[0]
			if l.IsNull() {
				return cty.NilVal, errors.New("argument must not be null")
			}
			if !l.IsWhollyKnown() {
				return cty.UnknownVal(cty.Bool), nil
			}
			for it := l.ElementIterator(); it.Next(); {
				_, e := it.Element()
				e, _ = e.Unmark()
				if e.IsNull() {
					continue
				}
				if e.True() != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

var (
	allTrueFunc = boolListFunc("Returns true if all elements of the list are true (or the list is empty).", true)
	anyTrueFunc = boolListFunc("Returns true if any element of the list is true.", false)
)

func stringPredicate(desc string, pred func(s, part string) bool) function.Function {
	return function.New(&function.Spec{
		Description: desc,
		Params: []function.Parameter{
			{Name: "str", Type: cty.String},
			{Name: "part", Type: cty.String},
		},
		Type: function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(pred(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

var (
	startsWithFunc  = stringPredicate("Reports whether str starts with part.", strings.HasPrefix)
	endsWithFunc    = stringPredicate("Reports whether str ends with part.", strings.HasSuffix)
	strContainsFunc = stringPredicate("Reports whether str contains part.", strings.Contains)
)

// wholeNumber returns the integer in a known number value.
func wholeNumber(v cty.Value, what string) (*big.Int, error) {
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		return nil, fmt.Errorf("%s must be a whole number", what)
	}
	n, _ := bf.Int(nil)
	return n, nil
}

var cidrSubnetFunc = function.New(&function.Spec{
	Description: "Calculates a subnet address within the given IP network address prefix.",
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String},
		{Name: "newbits", Type: cty.Number},
		{Name: "netnum", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		_, network, err := net.ParseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, fmt.Errorf("invalid CIDR expression: %w", err)
		}
		newbits, err := wholeNumber(args[1], "newbits")
		if err != nil {
			return cty.NilVal, err
		}
		netnum, err := wholeNumber(args[2], "netnum")
		if err != nil {
			return cty.NilVal, err
		}
		ones, bits := network.Mask.Size()
		if newbits.Sign() < 0 || !newbits.IsInt64() || newbits.Int64() > int64(bits-ones) {
			return cty.NilVal, fmt.Errorf("insufficient address space to extend prefix of %d by %s", ones, newbits)
		}
		newLen := ones + int(newbits.Int64())
		limit := new(big.Int).Lsh(big.NewInt(1), uint(newbits.Int64()))
		if netnum.Sign() < 0 || netnum.Cmp(limit) >= 0 {
			return cty.NilVal, fmt.Errorf("prefix extension of %s does not accommodate a subnet numbered %s", newbits, netnum)
		}
		ip := new(big.Int).SetBytes(network.IP)
		ip.Or(ip, new(big.Int).Lsh(netnum, uint(bits-newLen)))
		out := (&net.IPNet{IP: ip.FillBytes(make([]byte, len(network.IP))), Mask: net.CIDRMask(newLen, bits)}).String()
		return cty.StringVal(out), nil
	},
})

var cidrHostFunc = function.New(&function.Spec{
	Description: "Calculates a full host IP address within the given IP network address prefix.",
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String},
		{Name: "hostnum", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		_, network, err := net.ParseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, fmt.Errorf("invalid CIDR expression: %w", err)
		}
		hostnum, err := wholeNumber(args[1], "hostnum")
		if err != nil {
			return cty.NilVal, err
		}
		ones, bits := network.Mask.Size()
		size := new(big.Int).Lsh(big.NewInt(1), uint(bits-ones))
		if hostnum.Sign() < 0 {
			hostnum.Add(hostnum, size)
		}
		if hostnum.Sign() < 0 || hostnum.Cmp(size) >= 0 {
			return cty.NilVal, fmt.Errorf("prefix of %d does not accommodate a host numbered %s", ones, args[1].AsBigFloat().Text('f', 0))
		}
		ip := new(big.Int).SetBytes(network.IP)
		ip.Or(ip, hostnum)
		return cty.StringVal(net.IP(ip.FillBytes(make([]byte, len(network.IP)))).String()), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Description: "Converts an IPv4 address prefix given in CIDR notation into a subnet mask address.",
	Params:      []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:        function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		_, network, err := net.ParseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, fmt.Errorf("invalid CIDR expression: %w", err)
		}
		if len(network.IP) != net.IPv4len {
			return cty.NilVal, errors.New("only IPv4 networks have a netmask")
		}
		return cty.StringVal(net.IP(network.Mask).String()), nil
	},
})
