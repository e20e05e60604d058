package main

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/float64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// A tiny schema language, so that the ~35 resource types below read like the
// provider documentation instead of framework boilerplate.

// Attribute types.
var (
	S  attr.Type = types.StringType
	I  attr.Type = types.Int64Type // SDKv2 TypeInt: "number" on the wire
	F  attr.Type = types.Float64Type
	B  attr.Type = types.BoolType
	LS attr.Type = types.ListType{ElemType: types.StringType}
	SS attr.Type = types.SetType{ElemType: types.StringType}
	MS attr.Type = types.MapType{ElemType: types.StringType}
)

// obj is an object type (for list/set-of-object attributes).
func obj(attrs map[string]attr.Type) types.ObjectType { return types.ObjectType{AttrTypes: attrs} }
func setOf(t attr.Type) attr.Type                     { return types.SetType{ElemType: t} }
func listOf(t attr.Type) attr.Type                    { return types.ListType{ElemType: t} }

// A is one attribute. Flags: r required, o optional, c computed, s sensitive.
// A default value makes the attribute optional+computed (the framework
// cannot plan a default into a non-computed attribute, SDKv2 could).
type A struct {
	Name  string
	T     attr.Type
	Flags string
	Def   any
}

func a(name string, t attr.Type, flags string, def ...any) A {
	x := A{Name: name, T: t, Flags: flags}
	if len(def) > 0 {
		x.Def = def[0]
	}
	return x
}

// Blk is a nested block (SDKv2 TypeList/TypeSet with Elem *schema.Resource).
type Blk struct {
	Name   string
	Set    bool
	Attrs  []A
	Blocks []Blk
}

func list(name string, attrs []A, blocks ...Blk) Blk {
	return Blk{Name: name, Attrs: attrs, Blocks: blocks}
}

func set(name string, attrs []A, blocks ...Blk) Blk {
	return Blk{Name: name, Set: true, Attrs: attrs, Blocks: blocks}
}

func as(x ...A) []A { return x }

func (x A) flags() (req, opt, comp, sens bool) {
	req = strings.Contains(x.Flags, "r")
	opt = strings.Contains(x.Flags, "o")
	comp = strings.Contains(x.Flags, "c")
	sens = strings.Contains(x.Flags, "s")
	if x.Def != nil {
		opt, comp = true, true
	}
	return
}

func toInt64(v any) int64 {
	switch n := v.(type) {
	case int:
		return int64(n)
	case int64:
		return n
	}
	panic(fmt.Sprintf("not an int: %#v", v))
}

// ---- resource schema ----

func resAttr(x A) rschema.Attribute {
	req, opt, comp, sens := x.flags()
	switch t := x.T.(type) {
	case basetypes.StringType:
		at := rschema.StringAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
		if x.Def != nil {
			at.Default = stringdefault.StaticString(x.Def.(string))
		}
		return at
	case basetypes.Int64Type:
		at := rschema.Int64Attribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
		if x.Def != nil {
			at.Default = int64default.StaticInt64(toInt64(x.Def))
		}
		return at
	case basetypes.Float64Type:
		at := rschema.Float64Attribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
		if x.Def != nil {
			at.Default = float64default.StaticFloat64(x.Def.(float64))
		}
		return at
	case basetypes.BoolType:
		at := rschema.BoolAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
		if x.Def != nil {
			at.Default = booldefault.StaticBool(x.Def.(bool))
		}
		return at
	case basetypes.ListType:
		return rschema.ListAttribute{ElementType: t.ElemType, Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case basetypes.SetType:
		return rschema.SetAttribute{ElementType: t.ElemType, Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case basetypes.MapType:
		return rschema.MapAttribute{ElementType: t.ElemType, Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	}
	panic(fmt.Sprintf("attribute %s: unsupported type %T", x.Name, x.T))
}

func resAttrs(xs []A) map[string]rschema.Attribute {
	m := map[string]rschema.Attribute{}
	for _, x := range xs {
		if _, dup := m[x.Name]; dup {
			panic("duplicate attribute " + x.Name)
		}
		m[x.Name] = resAttr(x)
	}
	return m
}

func resBlocks(bs []Blk) map[string]rschema.Block {
	m := map[string]rschema.Block{}
	for _, b := range bs {
		o := rschema.NestedBlockObject{Attributes: resAttrs(b.Attrs), Blocks: resBlocks(b.Blocks)}
		if b.Set {
			m[b.Name] = rschema.SetNestedBlock{NestedObject: o}
		} else {
			m[b.Name] = rschema.ListNestedBlock{NestedObject: o}
		}
	}
	return m
}

// ---- data source schema ----

func dsAttr(x A) dschema.Attribute {
	req, opt, comp, sens := x.flags()
	switch t := x.T.(type) {
	case basetypes.StringType:
		return dschema.StringAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case basetypes.Int64Type:
		return dschema.Int64Attribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case basetypes.Float64Type:
		return dschema.Float64Attribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case basetypes.BoolType:
		return dschema.BoolAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case basetypes.ListType:
		return dschema.ListAttribute{ElementType: t.ElemType, Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case basetypes.SetType:
		return dschema.SetAttribute{ElementType: t.ElemType, Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case basetypes.MapType:
		return dschema.MapAttribute{ElementType: t.ElemType, Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	}
	panic(fmt.Sprintf("attribute %s: unsupported type %T", x.Name, x.T))
}

func dsAttrs(xs []A) map[string]dschema.Attribute {
	m := map[string]dschema.Attribute{}
	for _, x := range xs {
		m[x.Name] = dsAttr(x)
	}
	return m
}

func dsBlocks(bs []Blk) map[string]dschema.Block {
	m := map[string]dschema.Block{}
	for _, b := range bs {
		o := dschema.NestedBlockObject{Attributes: dsAttrs(b.Attrs), Blocks: dsBlocks(b.Blocks)}
		if b.Set {
			m[b.Name] = dschema.SetNestedBlock{NestedObject: o}
		} else {
			m[b.Name] = dschema.ListNestedBlock{NestedObject: o}
		}
	}
	return m
}

// ---- provider schema ----

func provAttr(x A) pschema.Attribute {
	_, opt, _, sens := x.flags()
	switch t := x.T.(type) {
	case basetypes.StringType:
		return pschema.StringAttribute{Optional: opt, Sensitive: sens}
	case basetypes.Int64Type:
		return pschema.Int64Attribute{Optional: opt, Sensitive: sens}
	case basetypes.BoolType:
		return pschema.BoolAttribute{Optional: opt, Sensitive: sens}
	case basetypes.ListType:
		return pschema.ListAttribute{ElementType: t.ElemType, Optional: opt, Sensitive: sens}
	case basetypes.SetType:
		return pschema.SetAttribute{ElementType: t.ElemType, Optional: opt, Sensitive: sens}
	case basetypes.MapType:
		return pschema.MapAttribute{ElementType: t.ElemType, Optional: opt, Sensitive: sens}
	}
	panic(fmt.Sprintf("provider attribute %s: unsupported type %T", x.Name, x.T))
}

func provAttrs(xs []A) map[string]pschema.Attribute {
	m := map[string]pschema.Attribute{}
	for _, x := range xs {
		m[x.Name] = provAttr(x)
	}
	return m
}

func provBlocks(bs []Blk) map[string]pschema.Block {
	m := map[string]pschema.Block{}
	for _, b := range bs {
		m[b.Name] = pschema.ListNestedBlock{NestedObject: pschema.NestedBlockObject{Attributes: provAttrs(b.Attrs), Blocks: provBlocks(b.Blocks)}}
	}
	return m
}
