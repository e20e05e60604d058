// Command terraform-provider-aws is a stand-in for hashicorp/aws v5, built
// only so that OpenTofu can produce genuine plan and state JSON for tomcheck's
// test fixtures without a provider registry or an AWS account.
//
// It declares the schemas of the resource types the fixtures use, with the
// real provider's attribute names, types and block nesting, and fills in the
// attributes AWS would report (ids, ARNs, endpoints) deterministically in
// Create. It talks to no cloud: Read, Update and Delete only keep state.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return &awsProvider{} }, providerserver.ServeOpts{
		Address:         "registry.opentofu.org/hashicorp/aws",
		ProtocolVersion: 5, // hashicorp/aws v5 speaks protocol 5 (SDKv2 muxed with the framework)
	})
	if err != nil {
		log.Fatal(err)
	}
}

type providerData struct {
	region           string
	defaultTags      map[string]string
	defaultTagsKnown bool
}

type awsProvider struct{}

func (p *awsProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "aws"
	resp.Version = "5.0.0"
}

// providerAttrs mirrors the commonly used arguments of the real provider block.
var providerAttrs = as(
	a("region", S, "o"),
	a("profile", S, "o"),
	a("access_key", S, "o"),
	a("secret_key", S, "os"),
	a("token", S, "os"),
	a("shared_config_files", LS, "o"),
	a("shared_credentials_files", LS, "o"),
	a("allowed_account_ids", SS, "o"),
	a("forbidden_account_ids", SS, "o"),
	a("max_retries", I, "o"),
	a("insecure", B, "o"),
	a("skip_credentials_validation", B, "o"),
	a("skip_metadata_api_check", S, "o"),
	a("skip_region_validation", B, "o"),
	a("skip_requesting_account_id", B, "o"),
	a("s3_use_path_style", B, "o"),
)

var providerBlocks = []Blk{
	list("default_tags", as(a("tags", MS, "o"))),
	list("ignore_tags", as(a("keys", SS, "o"), a("key_prefixes", SS, "o"))),
	list("assume_role", as(
		a("role_arn", S, "o"),
		a("session_name", S, "o"),
		a("external_id", S, "o"),
		a("duration", S, "o"),
		a("policy", S, "o"),
		a("policy_arns", SS, "o"),
		a("source_identity", S, "o"),
		a("tags", MS, "o"),
		a("transitive_tag_keys", SS, "o"),
	)),
}

func (p *awsProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema.Attributes = provAttrs(providerAttrs)
	resp.Schema.Blocks = provBlocks(providerBlocks)
}

func (p *awsProvider) Configure(_ context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	pd := &providerData{defaultTags: map[string]string{}, defaultTagsKnown: true}
	top := map[string]tftypes.Value{}
	if err := req.Config.Raw.As(&top); err != nil {
		resp.Diagnostics.AddError("provider configuration", err.Error())
		return
	}
	if r := top["region"]; r.IsKnown() && !r.IsNull() {
		_ = r.As(&pd.region)
	}
	if dt := top["default_tags"]; !dt.IsFullyKnown() {
		pd.defaultTagsKnown = false
	} else if !dt.IsNull() {
		var blocks []tftypes.Value
		_ = dt.As(&blocks)
		for _, b := range blocks {
			o := map[string]tftypes.Value{}
			_ = b.As(&o)
			tags := map[string]tftypes.Value{}
			if t := o["tags"]; !t.IsNull() {
				_ = t.As(&tags)
			}
			for k, v := range tags {
				var s string
				if !v.IsNull() {
					_ = v.As(&s)
					pd.defaultTags[k] = s
				}
			}
		}
	}
	resp.ResourceData = pd
	resp.DataSourceData = pd
}

func (p *awsProvider) Resources(context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for i := range resources {
		spec := &resources[i]
		out = append(out, func() resource.Resource { return &genericResource{spec: spec} })
	}
	return out
}

func (p *awsProvider) DataSources(context.Context) []func() datasource.DataSource {
	var out []func() datasource.DataSource
	for i := range dataSources {
		spec := &dataSources[i]
		out = append(out, func() datasource.DataSource { return &genericDataSource{spec: spec} })
	}
	return out
}
