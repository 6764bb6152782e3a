// Command validations evaluates the validation blocks of a Terraform variables file the way Terraform does,
// with HashiCorp's HCL and cty (Debian's golang-github-hashicorp-hcl-v2-dev and golang-github-zclconf-go-cty-dev),
// so that a condition Terraform would reject or mis-evaluate (an RE2 pattern Go's regexp refuses, a function
// applied to the wrong type) fails here too.
//
//	validations <variables.tf> <cases.hcl>
//
// The cases file holds one block per variable:
//
//	case "name_prefix" {
//	  accepted = ["glue-health-check"]
//	  refused  = ["", "1abc"]
//	}
//
// and may use the functions below to build values. Output, one line per fact, tab-separated:
//
//	validation <variable> <index> <error_message>
//	case <variable> <accepted|refused|default> <value as JSON> <outcome>
//
// where outcome is "passed", "refused:<indexes of the validations whose condition is false>",
// "error:<diagnostic>" (the condition could not be evaluated: Terraform reports that instead of the message) or
// "invalid:<reason>" (the value does not convert to the variable's type).
package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

type validation struct {
	condition hcl.Expression
	message   hcl.Expression
}

type variable struct {
	name        string
	typ         cty.Type
	defaults    *typeexpr.Defaults
	hasDefault  bool
	defaultVal  cty.Value
	nullable    bool
	validations []validation
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: validations <variables.tf> <cases.hcl>")
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()

	variables, err := readVariables(os.Args[1])
	if err != nil {
		fail(err)
	}
	cases, err := readCases(os.Args[2])
	if err != nil {
		fail(err)
	}

	names := make([]string, 0, len(variables))
	for name := range variables {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		v := variables[name]
		for i, val := range v.validations {
			msg, diags := val.message.Value(&hcl.EvalContext{Functions: functions()})
			text := "<error_message is not a constant string>"
			if !diags.HasErrors() && msg.Type() == cty.String && msg.IsKnown() && !msg.IsNull() {
				text = msg.AsString()
			}
			fmt.Fprintf(out, "validation\t%s\t%d\t%s\n", name, i, oneLine(text))
		}
		if v.hasDefault && len(v.validations) > 0 {
			fmt.Fprintf(out, "case\t%s\tdefault\t%s\t%s\n", name, render(v.defaultVal), evaluate(v, v.defaultVal))
		}
	}
	for _, c := range cases {
		v, ok := variables[c.variable]
		if !ok {
			fail(fmt.Errorf("%s: no variable %q in %s", os.Args[2], c.variable, os.Args[1]))
		}
		fmt.Fprintf(out, "case\t%s\t%s\t%s\t%s\n", c.variable, c.expect, render(c.value), evaluate(v, c.value))
	}
}

// evaluate runs every validation of v against a value given for it, as Terraform's plan does.
func evaluate(v *variable, given cty.Value) string {
	value, err := prepare(v, given)
	if err != nil {
		return "invalid:" + oneLine(err.Error())
	}
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"var": cty.ObjectVal(map[string]cty.Value{v.name: value})},
		Functions: functions(),
	}
	var refused []string
	for i, val := range v.validations {
		// The order of checks follows Terraform's evalVariableValidations (internal/terraform/eval_variable.go):
		// errors first, an unknown result skips the rule, null and non-bool results are errors.
		result, diags := val.condition.Value(ctx)
		if diags.HasErrors() {
			return "error:" + oneLine(diags.Error())
		}
		if !result.IsKnown() {
			continue
		}
		if result.IsNull() {
			return "error:the condition of validation " + fmt.Sprint(i) + " is null"
		}
		result, err := convert.Convert(result, cty.Bool)
		if err != nil {
			return "error:invalid condition result: " + oneLine(err.Error())
		}
		if result.False() {
			refused = append(refused, fmt.Sprint(i))
		}
	}
	if len(refused) > 0 {
		return "refused:" + strings.Join(refused, ",")
	}
	return "passed"
}

// prepare turns a given value into the variable's final value: a null for a non-nullable variable becomes the
// default, optional() attribute defaults are filled in, then the value converts to the type constraint
// (Terraform's prepareFinalInputVariableValue, same file, does it in this order).
func prepare(v *variable, given cty.Value) (cty.Value, error) {
	if given.IsNull() && !v.nullable {
		if !v.hasDefault {
			return cty.NilVal, fmt.Errorf("the variable is not nullable and has no default")
		}
		given = v.defaultVal
	}
	if v.defaults != nil && !given.IsNull() {
		given = v.defaults.Apply(given)
	}
	return convert.Convert(given, v.typ)
}

func readVariables(path string) (map[string]*variable, error) {
	body, err := parseBody(path)
	if err != nil {
		return nil, err
	}
	variables := map[string]*variable{}
	for _, block := range body.Blocks {
		if block.Type != "variable" || len(block.Labels) != 1 {
			continue
		}
		v := &variable{name: block.Labels[0], typ: cty.DynamicPseudoType, nullable: true}
		if attr, ok := block.Body.Attributes["type"]; ok {
			ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(attr.Expr)
			if diags.HasErrors() {
				return nil, fmt.Errorf("variable %q: %s", v.name, diags.Error())
			}
			v.typ, v.defaults = ty, defaults
		}
		if attr, ok := block.Body.Attributes["nullable"]; ok {
			val, diags := attr.Expr.Value(nil)
			if diags.HasErrors() || val.Type() != cty.Bool {
				return nil, fmt.Errorf("variable %q: nullable must be a bool constant", v.name)
			}
			v.nullable = val.True()
		}
		if attr, ok := block.Body.Attributes["default"]; ok {
			val, diags := attr.Expr.Value(nil)
			if diags.HasErrors() {
				return nil, fmt.Errorf("variable %q: default: %s", v.name, diags.Error())
			}
			v.hasDefault, v.defaultVal = true, val
		}
		for _, inner := range block.Body.Blocks {
			if inner.Type != "validation" {
				continue
			}
			condition, ok1 := inner.Body.Attributes["condition"]
			message, ok2 := inner.Body.Attributes["error_message"]
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("variable %q: a validation needs condition and error_message", v.name)
			}
			v.validations = append(v.validations, validation{condition.Expr, message.Expr})
		}
		variables[v.name] = v
	}
	return variables, nil
}

type testCase struct {
	variable string
	expect   string
	value    cty.Value
}

func readCases(path string) ([]testCase, error) {
	body, err := parseBody(path)
	if err != nil {
		return nil, err
	}
	var cases []testCase
	ctx := &hcl.EvalContext{Functions: functions()}
	for _, block := range body.Blocks {
		if block.Type != "case" || len(block.Labels) != 1 {
			return nil, fmt.Errorf("%s: only case \"<variable>\" blocks are allowed, not %s", path, block.Type)
		}
		for _, expect := range []string{"accepted", "refused"} {
			attr, ok := block.Body.Attributes[expect]
			if !ok {
				continue
			}
			list, diags := attr.Expr.Value(ctx)
			if diags.HasErrors() {
				return nil, fmt.Errorf("case %q %s: %s", block.Labels[0], expect, diags.Error())
			}
			if !list.Type().IsTupleType() {
				return nil, fmt.Errorf("case %q: %s must be a list of values", block.Labels[0], expect)
			}
			for it := list.ElementIterator(); it.Next(); {
				_, value := it.Element()
				cases = append(cases, testCase{block.Labels[0], expect, value})
			}
		}
	}
	return cases, nil
}

func parseBody(path string) (*hclsyntax.Body, error) {
	file, diags := hclparse.NewParser().ParseHCLFile(path)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s", diags.Error())
	}
	return file.Body.(*hclsyntax.Body), nil
}

func render(value cty.Value) string {
	if value.IsNull() {
		return "null"
	}
	bytes, err := ctyjson.Marshal(value, value.Type())
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return oneLine(string(bytes))
}

func oneLine(text string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(text)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "validations: "+err.Error())
	os.Exit(2)
}
