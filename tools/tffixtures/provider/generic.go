package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Res describes one resource type: its schema (in the DSL of dsl.go) and how
// Create fills in the attributes the real provider learns from AWS.
type Res struct {
	Name   string
	Attrs  []A
	Blocks []Blk
	// Tags adds `tags` (optional map) and `tags_all` (computed: provider
	// default_tags merged with tags, known at plan time as in the real provider).
	Tags bool
	// Compute returns values for attributes that are still unknown at apply.
	// Anything unknown that it does not name becomes the zero value of its type
	// ("" / 0 / false / empty collection), as the SDKv2 provider stores it.
	Compute func(c *cctx) map[string]any
	// Nested returns values for unknown attributes inside blocks, by their
	// dotted path without indices ("default_action.order").
	Nested func(c *cctx, path string) (any, bool)
}

// DS describes one data source.
type DS struct {
	Name    string
	Attrs   []A
	Compute func(c *cctx) map[string]any
}

// fixedTime stands in for every creation/modification timestamp, so the
// fixtures are reproducible.
const fixedTime = "2026-11-22T10:00:00Z"

const account = "123456789012"

// ---------------------------------------------------------------- resources

type genericResource struct {
	spec *Res
	pd   *providerData
}

var (
	_ resource.ResourceWithConfigure  = (*genericResource)(nil)
	_ resource.ResourceWithModifyPlan = (*genericResource)(nil)
)

func (r *genericResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.spec.Name
}

func (r *genericResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.spec.schema()
}

func (s *Res) allAttrs() []A {
	xs := []A{}
	hasID := false
	for _, x := range s.Attrs {
		if x.Name == "id" {
			hasID = true
		}
	}
	if !hasID {
		xs = append(xs, a("id", S, "c"))
	}
	xs = append(xs, s.Attrs...)
	if s.Tags {
		xs = append(xs, a("tags", MS, "o"), a("tags_all", MS, "c"))
	}
	return xs
}

func (s *Res) schema() rschema.Schema {
	return rschema.Schema{Attributes: resAttrs(s.allAttrs()), Blocks: resBlocks(s.Blocks)}
}

func (r *genericResource) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if pd, ok := req.ProviderData.(*providerData); ok {
		r.pd = pd
	}
}

func (r *genericResource) region() string {
	if r.pd == nil || r.pd.region == "" {
		return "us-east-1"
	}
	return r.pd.region
}

// ModifyPlan computes tags_all at plan time, like the real provider's
// CustomizeDiff does: provider default_tags merged with the resource's tags.
func (r *genericResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !r.spec.Tags {
		return
	}
	top := map[string]tftypes.Value{}
	if err := req.Plan.Raw.As(&top); err != nil {
		resp.Diagnostics.AddError("plan", err.Error())
		return
	}
	merged := map[string]string{}
	if r.pd != nil {
		if !r.pd.defaultTagsKnown {
			return
		}
		for k, v := range r.pd.defaultTags {
			merged[k] = v
		}
	}
	tags := top["tags"]
	if !tags.IsFullyKnown() {
		return
	}
	if !tags.IsNull() {
		m := map[string]tftypes.Value{}
		_ = tags.As(&m)
		for k, v := range m {
			if v.IsNull() {
				continue
			}
			var s string
			_ = v.As(&s)
			merged[k] = s
		}
	}
	newVal, err := tftypes.Transform(req.Plan.Raw, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if len(p.Steps()) == 1 && p.Steps()[0] == tftypes.AttributeName("tags_all") {
			return fromGo(merged, v.Type()), nil
		}
		return v, nil
	})
	if err != nil {
		resp.Diagnostics.AddError("tags_all", err.Error())
		return
	}
	resp.Plan.Raw = newVal
}

func (r *genericResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	v, err := r.apply(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("create "+r.spec.Name, err.Error())
		return
	}
	resp.State.Raw = v
}

// Read keeps the state as it is: there is no cloud to refresh from.
func (r *genericResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *genericResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	v, err := r.apply(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("update "+r.spec.Name, err.Error())
		return
	}
	resp.State.Raw = v
}

// Delete forgets the object: the framework removes it from state.
func (r *genericResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

func (r *genericResource) apply(planned tftypes.Value) (tftypes.Value, error) {
	c, err := newCctx(r.spec.Name, r.region(), planned)
	if err != nil {
		return tftypes.Value{}, err
	}
	computed := map[string]any{}
	if r.spec.Compute != nil {
		computed = r.spec.Compute(c)
	}
	return tftypes.Transform(planned, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		if len(p.Steps()) == 1 {
			if name, ok := p.Steps()[0].(tftypes.AttributeName); ok {
				if x, ok := computed[string(name)]; ok {
					return fromGo(x, v.Type()), nil
				}
			}
		} else if r.spec.Nested != nil {
			if x, ok := r.spec.Nested(c, pathKey(p)); ok {
				return fromGo(x, v.Type()), nil
			}
		}
		return zero(v.Type()), nil
	})
}

// ------------------------------------------------------------- data sources

type genericDataSource struct {
	spec *DS
	pd   *providerData
}

var _ datasource.DataSourceWithConfigure = (*genericDataSource)(nil)

func (d *genericDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.spec.Name
}

func (d *genericDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema.Attributes = dsAttrs(d.spec.Attrs)
}

func (d *genericDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, _ *datasource.ConfigureResponse) {
	if pd, ok := req.ProviderData.(*providerData); ok {
		d.pd = pd
	}
}

func (d *genericDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	region := "us-east-1"
	if d.pd != nil && d.pd.region != "" {
		region = d.pd.region
	}
	c, err := newCctx(d.spec.Name, region, req.Config.Raw)
	if err != nil {
		resp.Diagnostics.AddError("read "+d.spec.Name, err.Error())
		return
	}
	computed := d.spec.Compute(c)
	v, err := tftypes.Transform(req.Config.Raw, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if len(p.Steps()) == 1 && v.IsNull() {
			if name, ok := p.Steps()[0].(tftypes.AttributeName); ok {
				if x, ok := computed[string(name)]; ok {
					return fromGo(x, v.Type()), nil
				}
			}
		}
		return v, nil
	})
	if err != nil {
		resp.Diagnostics.AddError("read "+d.spec.Name, err.Error())
		return
	}
	resp.State.Raw = v
}

// ------------------------------------------------------------------ context

// cctx gives Compute functions the planned top-level values, the provider's
// region and deterministic pseudo-random ids derived from the planned object.
type cctx struct {
	Type    string
	Region  string
	Account string
	vals    map[string]tftypes.Value
	seed    string
}

func newCctx(typ, region string, v tftypes.Value) (*cctx, error) {
	m := map[string]tftypes.Value{}
	if err := v.As(&m); err != nil {
		return nil, err
	}
	// The seed ignores tags_all/id so that ids do not depend on the
	// provider's default_tags, only on what the resource itself says.
	keys := make([]string, 0, len(m))
	for k := range m {
		if k != "tags_all" && k != "id" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(typ)
	b.WriteString("|")
	b.WriteString(region)
	for _, k := range keys {
		b.WriteString("|" + k + "=" + canon(m[k]))
	}
	return &cctx{Type: typ, Region: region, Account: account, vals: m, seed: b.String()}, nil
}

func (c *cctx) Known(name string) bool {
	v, ok := c.vals[name]
	return ok && v.IsKnown() && !v.IsNull()
}

// S returns a top-level string attribute, "" when null or unknown.
func (c *cctx) S(name string) string {
	v, ok := c.vals[name]
	if !ok || !v.IsKnown() || v.IsNull() {
		return ""
	}
	var s string
	if err := v.As(&s); err != nil {
		return ""
	}
	return s
}

func (c *cctx) I(name string) int64 {
	v, ok := c.vals[name]
	if !ok || !v.IsKnown() || v.IsNull() {
		return 0
	}
	var f big.Float
	if err := v.As(&f); err != nil {
		return 0
	}
	n, _ := f.Int64()
	return n
}

func (c *cctx) B(name string) bool {
	v, ok := c.vals[name]
	if !ok || !v.IsKnown() || v.IsNull() {
		return false
	}
	var b bool
	_ = v.As(&b)
	return b
}

// Strs returns a top-level list/set of strings (nil when null or unknown).
func (c *cctx) Strs(name string) []string {
	v, ok := c.vals[name]
	if !ok || !v.IsKnown() || v.IsNull() {
		return nil
	}
	var es []tftypes.Value
	if err := v.As(&es); err != nil {
		return nil
	}
	out := []string{}
	for _, e := range es {
		var s string
		if e.IsKnown() && !e.IsNull() && e.As(&s) == nil {
			out = append(out, s)
		}
	}
	return out
}

// BlockAttr returns a string attribute of the first element of a block.
func (c *cctx) BlockAttr(block, name string) string {
	v, ok := c.vals[block]
	if !ok || !v.IsKnown() || v.IsNull() {
		return ""
	}
	var es []tftypes.Value
	if err := v.As(&es); err != nil || len(es) == 0 {
		return ""
	}
	m := map[string]tftypes.Value{}
	if err := es[0].As(&m); err != nil {
		return ""
	}
	var s string
	if e, ok := m[name]; ok && e.IsKnown() && !e.IsNull() {
		_ = e.As(&s)
	}
	return s
}

// Tag returns the value of one of the resource's own tags.
func (c *cctx) Tag(key string) string {
	v, ok := c.vals["tags"]
	if !ok || !v.IsKnown() || v.IsNull() {
		return ""
	}
	m := map[string]tftypes.Value{}
	_ = v.As(&m)
	var s string
	if e, ok := m[key]; ok && e.IsKnown() && !e.IsNull() {
		_ = e.As(&s)
	}
	return s
}

func (c *cctx) sum(tag string) []byte {
	h := sha256.Sum256([]byte(c.seed + "#" + tag))
	return h[:]
}

// Hex returns n lowercase hex digits derived from the planned object.
func (c *cctx) Hex(tag string, n int) string {
	s := hex.EncodeToString(c.sum(tag))
	for len(s) < n {
		s += hex.EncodeToString(c.sum(tag + s))
	}
	return s[:n]
}

// Alnum returns n uppercase letters/digits.
func (c *cctx) Alnum(tag string, n int) string {
	const al = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	out := make([]byte, 0, n)
	for i := 0; len(out) < n; i++ {
		for _, b := range c.sum(fmt.Sprintf("%s%d", tag, i)) {
			if len(out) == n {
				break
			}
			out = append(out, al[int(b)%len(al)])
		}
	}
	return string(out)
}

// Digits returns n decimal digits.
func (c *cctx) Digits(tag string, n int) string {
	out := make([]byte, 0, n)
	for i := 0; len(out) < n; i++ {
		for _, b := range c.sum(fmt.Sprintf("%s%d", tag, i)) {
			if len(out) == n {
				break
			}
			out = append(out, '0'+b%10)
		}
	}
	return string(out)
}

func (c *cctx) UUID(tag string) string {
	h := c.Hex(tag, 32)
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}

// UniqueName imitates the SDK's id.UniqueId(): prefix + timestamp + counter.
func (c *cctx) UniqueName(prefix string) string {
	return prefix + "20261122100000" + c.Digits("unique", 12)
}

// ---------------------------------------------------------------- tftypes

func pathKey(p *tftypes.AttributePath) string {
	var parts []string
	for _, st := range p.Steps() {
		if n, ok := st.(tftypes.AttributeName); ok {
			parts = append(parts, string(n))
		}
	}
	return strings.Join(parts, ".")
}

func canon(v tftypes.Value) string {
	if !v.IsKnown() {
		return "?"
	}
	if v.IsNull() {
		return "null"
	}
	t := v.Type()
	switch {
	case t.Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return fmt.Sprintf("%q", s)
	case t.Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		return f.Text('g', 20)
	case t.Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return fmt.Sprint(b)
	case t.Is(tftypes.List{}), t.Is(tftypes.Tuple{}), t.Is(tftypes.Set{}):
		var es []tftypes.Value
		_ = v.As(&es)
		parts := make([]string, len(es))
		for i, e := range es {
			parts[i] = canon(e)
		}
		if t.Is(tftypes.Set{}) {
			sort.Strings(parts)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case t.Is(tftypes.Map{}), t.Is(tftypes.Object{}):
		m := map[string]tftypes.Value{}
		_ = v.As(&m)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ":" + canon(m[k])
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	return v.String()
}

func zero(t tftypes.Type) tftypes.Value {
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, "")
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, new(big.Float))
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false)
	case t.Is(tftypes.List{}), t.Is(tftypes.Set{}):
		return tftypes.NewValue(t, []tftypes.Value{})
	case t.Is(tftypes.Map{}):
		return tftypes.NewValue(t, map[string]tftypes.Value{})
	}
	return tftypes.NewValue(t, nil)
}

// fromGo converts a Go value to a tftypes.Value of type t.
func fromGo(x any, t tftypes.Type) tftypes.Value {
	switch v := x.(type) {
	case nil:
		return tftypes.NewValue(t, nil)
	case tftypes.Value:
		return v
	case string:
		return tftypes.NewValue(t, v)
	case int:
		return tftypes.NewValue(t, new(big.Float).SetInt64(int64(v)))
	case int64:
		return tftypes.NewValue(t, new(big.Float).SetInt64(v))
	case float64:
		return tftypes.NewValue(t, big.NewFloat(v))
	case bool:
		return tftypes.NewValue(t, v)
	case []string:
		et := elemType(t)
		es := make([]tftypes.Value, len(v))
		for i, s := range v {
			es[i] = tftypes.NewValue(et, s)
		}
		return tftypes.NewValue(t, es)
	case map[string]string:
		et := elemType(t)
		m := map[string]tftypes.Value{}
		for k, s := range v {
			m[k] = tftypes.NewValue(et, s)
		}
		return tftypes.NewValue(t, m)
	case map[string]any: // an object
		ot := t.(tftypes.Object)
		m := map[string]tftypes.Value{}
		for k, at := range ot.AttributeTypes {
			m[k] = fromGo(v[k], at)
		}
		return tftypes.NewValue(t, m)
	case []map[string]any: // list/set of objects
		et := elemType(t)
		es := make([]tftypes.Value, len(v))
		for i, o := range v {
			es[i] = fromGo(o, et)
		}
		return tftypes.NewValue(t, es)
	}
	panic(fmt.Sprintf("fromGo: unsupported %T for %s", x, t))
}

func elemType(t tftypes.Type) tftypes.Type {
	switch tt := t.(type) {
	case tftypes.List:
		return tt.ElementType
	case tftypes.Set:
		return tt.ElementType
	case tftypes.Map:
		return tt.ElementType
	}
	panic(fmt.Sprintf("no element type in %s", t))
}
