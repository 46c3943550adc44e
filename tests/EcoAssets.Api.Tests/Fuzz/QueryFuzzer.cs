using System.Globalization;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// URLs for reads: every entity set, key syntax, navigation, property path and function in the schema, with
/// system query options that are valid, extreme or malformed.
/// </summary>
public sealed class QueryFuzzer(FuzzContext c)
{
    private const int MaxDepth = 3;

    private static readonly string[] Comparisons = ["eq", "ne", "gt", "ge", "lt", "le"];

    /// <summary>A GET URL relative to the host, beginning with /odata.</summary>
    public string Url()
    {
        switch (c.Rng.Next(100))
        {
            case < 2:
                c.Tag("path:service");
                return c.Pick("/odata", "/odata/", "/odata/$metadata", "/odata/$metadata?$format=json", "/odata/$metadata#Parties", "/odata/$batch",
                    "/odata/$entity?$id=Parties", "/odata/$entity?$id=https://evil.example/odata/Parties('x')", "/odata/$all", "/odata/$crossjoin(Parties,AssetAccounts)");
            case < 4:
                c.Tag("path:garbage");
                return c.Pick("/odata/NoSuchSet", "/odata/Parties/NoSuchProperty", "/odata/Parties('a')/Name/Bogus", "/odata/%ZZ", "/odata/Parties(", "/odata/..%2f..%2fetc%2fpasswd",
                    "/odata/Parties/$count/$value", "/odata/Parties('a')/$value", "/odata/" + new string('a', 5000), "/odata/Parties?$filter=%", "/odata/Parties?%24top=1&%24top=2",
                    "/odata/Parties?$top=1&$TOP=2", "/odata/Parties?$unknown=1", "/odata/Parties?$format=xml", "/odata/Parties?$format=application/json;odata.metadata=full",
                    "/odata/Parties?$skiptoken=garbage", "/odata/Parties?$deltatoken=1", "/odata/Parties?$schemaversion=9", "/odata/Parties?$index=1");
            case < 12:
                return Function();
        }
        var set = c.Pick(c.Schema.EntitySets);
        var type = c.Schema.TypeOf(set);
        var url = "/odata/" + set.Name;
        var collectionType = type;
        var isCollection = true;
        switch (c.Rng.Next(20))
        {
            case < 9:
                break;
            case < 11:
                c.Tag("path:$count");
                url += "/$count";
                return url + Options(type, countPath: true);
            case < 15:
                url += c.KeySegment(set);
                isCollection = false;
                break;
            case < 18 when type.Navigations.Count > 0:
                {
                    var navigation = c.Pick(type.Navigations);
                    c.Tag("path:navigation");
                    url += c.KeySegment(set) + "/" + navigation.Name;
                    collectionType = c.Schema.Types.GetValueOrDefault(navigation.TargetType) ?? type;
                    isCollection = navigation.IsCollection;
                    if (c.Chance(0.2))
                    {
                        c.Tag("path:$ref");
                        url += "/$ref";
                    }
                    else if (navigation.IsCollection && c.Chance(0.2))
                    {
                        c.Tag("path:$count");
                        return url + "/$count" + Options(collectionType, countPath: true);
                    }
                    break;
                }
            default:
                {
                    var property = c.Pick(type.Properties);
                    c.Tag("path:property");
                    url += c.KeySegment(set) + "/" + property.Name;
                    if (c.Chance(0.3))
                    {
                        url += "/$value";
                    }
                    else if (c.Schema.Types.TryGetValue(property.Type, out var complex) && complex.Properties.Count > 0 && c.Chance(0.5))
                    {
                        url += "/" + c.Pick(complex.Properties).Name;
                    }
                    return url + (c.Chance(0.2) ? "?$select=Bogus" : "");
                }
        }
        return url + (isCollection || c.Chance(0.4) ? Options(collectionType, countPath: false) : SingleOptions(collectionType));
    }

    private string SingleOptions(EdmSchema.StructuredType type)
    {
        var options = new List<string>();
        if (c.Chance(0.5))
        {
            options.Add("$select=" + Select(type));
        }
        if (c.Chance(0.6))
        {
            options.Add("$expand=" + Expand(type, 0));
        }
        return options.Count == 0 ? "" : "?" + string.Join('&', options);
    }

    /// <summary>A query string of several system query options (sometimes none).</summary>
    public string Options(EdmSchema.StructuredType type, bool countPath)
    {
        if (!countPath && c.Chance(0.3))
        {
            // One option alone: a combination is mostly refused for whichever of its parts is malformed, so
            // every feature also gets requests where it is the only thing the service has to get right.
            c.Tag("opt:single");
            return "?" + c.Rng.Next(7) switch
            {
                0 or 1 => "$filter=" + Escape(Filter(type, "", 1)),
                2 => "$expand=" + Escape(Expand(type, 0)),
                3 => "$orderby=" + Escape(OrderBy(type, "")),
                4 => "$select=" + Select(type),
                5 => "$apply=" + Escape(Apply(type)),
                _ => "$compute=" + Escape(Compute(type).Compute) + "&$select=Computed",
            };
        }
        var options = new List<string>();
        if (c.Chance(0.55))
        {
            options.Add("$filter=" + Escape(Filter(type, "", 0)));
        }
        if (!countPath)
        {
            if (c.Chance(0.3))
            {
                options.Add("$orderby=" + Escape(OrderBy(type, "")));
            }
            if (c.Chance(0.3))
            {
                options.Add("$select=" + Select(type));
            }
            if (c.Chance(0.35))
            {
                options.Add("$expand=" + Escape(Expand(type, 0)));
            }
            if (c.Chance(0.25))
            {
                options.Add("$top=" + TopSkip());
            }
            if (c.Chance(0.15))
            {
                options.Add("$skip=" + TopSkip());
            }
            if (c.Chance(0.15))
            {
                options.Add("$count=" + c.Pick("true", "false", "maybe", "1"));
            }
            if (c.Chance(0.1))
            {
                c.Tag("opt:$apply");
                options.Add("$apply=" + Escape(Apply(type)));
            }
            if (c.Chance(0.08))
            {
                c.Tag("opt:$compute");
                var (compute, alias) = Compute(type);
                options.Add("$compute=" + Escape(compute));
                if (c.Chance(0.6))
                {
                    options.Add(c.Pick("$select=", "$orderby=", "$filter=") + alias + (c.Chance(0.5) ? "" : " gt 1").Replace(" ", "%20", StringComparison.Ordinal));
                }
            }
        }
        if (c.Chance(0.08))
        {
            c.Tag("opt:$search");
            options.Add("$search=" + Escape(Search()));
        }
        if (c.Chance(0.04))
        {
            c.Tag("opt:alias");
            options.Add("@p=" + Escape(c.Literal(c.Pick(type.Properties).Type)));
        }
        if (c.Chance(0.03))
        {
            c.Tag("opt:duplicate");
            options.Add("$top=1&$top=2");
        }
        c.Rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(options));
        return options.Count == 0 ? "" : "?" + string.Join('&', options);
    }

    private string TopSkip()
    {
        if (c.Chance(0.6))
        {
            return c.Pick("0", "1", "5", "20", "100");
        }
        c.Tag("opt:top-skip-extreme");
        return c.Pick("-1", "2147483647", "2147483648", "9223372036854775807", "99999999999999999999", "abc", "1e3", "1.5", "", "%20", "0x10");
    }

    public static string Escape(string text) => Uri.EscapeDataString(text);

    /// <summary>A $filter expression over the type; <paramref name="prefix"/> is a lambda variable path such as "x/".</summary>
    public string Filter(EdmSchema.StructuredType type, string prefix, int depth)
    {
        if (depth == 0 && c.Chance(0.1))
        {
            return MalformedFilter(type);
        }
        var roll = c.Rng.Next(100);
        if (depth < MaxDepth && roll < 15)
        {
            c.Tag("filter:logical");
            return c.Rng.Next(3) switch
            {
                0 => $"({Filter(type, prefix, depth + 1)}) and ({Filter(type, prefix, depth + 1)})",
                1 => $"{Filter(type, prefix, depth + 1)} or {Filter(type, prefix, depth + 1)}",
                _ => $"not ({Filter(type, prefix, depth + 1)})",
            };
        }
        if (depth < MaxDepth && roll < 30 && type.Navigations.Count > 0)
        {
            return NavigationFilter(type, prefix, depth);
        }
        if (roll < 33)
        {
            c.Tag("filter:$it-$root");
            var set = c.Pick(c.Schema.EntitySets);
            return c.Chance(0.5)
                ? $"$it/{c.Pick(type.Properties).Name} ne null"
                : $"$root/{set.Name}{c.KeySegment(set)}/{c.Pick(c.Schema.TypeOf(set).Properties).Name} eq {prefix}{c.Pick(type.Properties).Name}";
        }
        if (roll < 35)
        {
            c.Tag("filter:isof-cast");
            return c.Pick($"isof({c.Ns}.{type.Name})", $"isof({prefix}{c.Pick(type.Properties).Name},Edm.String)", $"cast({prefix}{c.Pick(type.Properties).Name},Edm.String) eq '1'",
                $"cast({c.Ns}.Bogus) ne null", $"isof('x')");
        }
        return PropertyFilter(type, c.Pick(type.Properties), prefix, depth);
    }

    private string NavigationFilter(EdmSchema.StructuredType type, string prefix, int depth)
    {
        var navigation = c.Pick(type.Navigations);
        if (!c.Schema.Types.TryGetValue(navigation.TargetType, out var target))
        {
            return "true";
        }
        if (!navigation.IsCollection)
        {
            c.Tag("filter:single-navigation");
            return Filter(target, prefix + navigation.Name + "/", depth + 1);
        }
        var variable = "v" + depth.ToString(CultureInfo.InvariantCulture);
        switch (c.Rng.Next(10))
        {
            case < 5:
                c.Tag("filter:any");
                return $"{prefix}{navigation.Name}/any({variable}:{Filter(target, variable + "/", depth + 1)})";
            case < 7:
                c.Tag("filter:all");
                return $"{prefix}{navigation.Name}/all({variable}:{Filter(target, variable + "/", depth + 1)})";
            case 7:
                c.Tag("filter:any-empty");
                return $"{prefix}{navigation.Name}/any()";
            case 8:
                c.Tag("filter:nav-$count");
                return $"{prefix}{navigation.Name}/$count {c.Pick(Comparisons)} {c.Pick("0", "1", "-1", "2147483648")}";
            default:
                c.Tag("filter:lambda-malformed");
                return c.Pick($"{prefix}{navigation.Name}/any(x: y/Id eq 1)", $"{prefix}{navigation.Name}/any({variable}:)", $"{prefix}{navigation.Name} eq null",
                    $"{prefix}{navigation.Name}/any({variable}:{variable}/any(w:w eq 1))", $"{prefix}{navigation.Name}/$count($filter=Id gt 1) gt 0");
        }
    }

    private string PropertyFilter(EdmSchema.StructuredType type, EdmSchema.Property property, string prefix, int depth)
    {
        var path = prefix + property.Name;
        var literal = c.Literal(property.Type, property.Name);
        if (property.IsCollection && c.Schema.Types.TryGetValue(property.Type, out var elementType))
        {
            c.Tag("filter:complex-collection");
            var variable = "b" + depth.ToString(CultureInfo.InvariantCulture);
            return $"{path}/any({variable}:{Filter(elementType, variable + "/", depth + 1)})";
        }
        if (c.Schema.Types.TryGetValue(property.Type, out var complex))
        {
            c.Tag("filter:complex");
            return depth < MaxDepth && complex.Properties.Count > 0 ? Filter(complex, path + "/", depth + 1) : $"{path} eq null";
        }
        var comparison = c.Pick(Comparisons);
        if (c.Schema.Enums.ContainsKey(property.Type))
        {
            switch (c.Rng.Next(6))
            {
                case 0:
                    c.Tag("filter:has");
                    return $"{path} has {literal}";
                case 1:
                    c.Tag("filter:in");
                    return $"{path} in ({literal},{c.Literal(property.Type)})";
                default:
                    return $"{path} {comparison} {literal}";
            }
        }
        switch (property.Type)
        {
            case "Edm.String":
                {
                    var text = c.Literal("Edm.String");
                    var function = c.Pick("contains", "startswith", "endswith", "tolower", "toupper", "length", "indexof", "substring", "trim", "concat", "matchesPattern", "in", "cmp", "cmp");
                    c.Tag("filter:fn:" + function);
                    return function switch
                    {
                        "contains" or "startswith" or "endswith" or "matchesPattern" => $"{function}({path},{text})",
                        "tolower" or "toupper" or "trim" => $"{function}({path}) {comparison} {text}",
                        "length" => $"length({path}) {comparison} {c.Literal("Edm.Int32")}",
                        "indexof" => $"indexof({path},{text}) eq {c.Literal("Edm.Int32")}",
                        "substring" => c.Chance(0.5) ? $"substring({path},{c.Literal("Edm.Int32")}) eq {text}" : $"substring({path},{c.Literal("Edm.Int32")},{c.Literal("Edm.Int32")}) eq {text}",
                        "concat" => $"concat({path},{text}) {comparison} {text}",
                        "in" => $"{path} in ({literal},{text})",
                        _ => $"{path} {comparison} {literal}",
                    };
                }
            case "Edm.Decimal" or "Edm.Double" or "Edm.Single" or "Edm.Int32" or "Edm.Int64":
                {
                    var function = c.Pick("round", "floor", "ceiling", "add", "sub", "mul", "div", "divby", "mod", "negate", "in", "cmp", "cmp", "cmp");
                    c.Tag("filter:fn:" + function + (property.Type == "Edm.Decimal" && function is "round" or "floor" or "ceiling" ? "-decimal" : ""));
                    return function switch
                    {
                        "round" or "floor" or "ceiling" => $"{function}({path}) {comparison} {literal}",
                        "add" or "sub" or "mul" or "div" or "divby" or "mod" => $"{path} {function} {c.Literal(property.Type)} {comparison} {literal}",
                        "negate" => $"-{path} {comparison} {literal}",
                        "in" => $"{path} in ({literal},{c.Literal(property.Type)})",
                        _ => $"{path} {comparison} {literal}",
                    };
                }
            case "Edm.Date" or "Edm.DateTimeOffset":
                {
                    var function = c.Pick("year", "month", "day", "hour", "minute", "second", "fractionalseconds", "totaloffsetminutes", "date", "time", "now", "mindatetime", "maxdatetime", "cmp", "cmp", "cmp");
                    c.Tag("filter:fn:" + function + (property.Type == "Edm.Date" ? "-on-date" : ""));
                    return function switch
                    {
                        "date" => $"date({path}) {comparison} {c.Literal("Edm.Date")}",
                        "time" => $"time({path}) {comparison} 12:00:00",
                        "now" or "mindatetime" or "maxdatetime" => $"{path} {comparison} {function}()",
                        "cmp" => $"{path} {comparison} {literal}",
                        _ => $"{function}({path}) {comparison} {c.Literal("Edm.Int32")}",
                    };
                }
            case "Edm.Boolean":
                return c.Pick(path, $"not {path}", $"{path} eq {literal}", $"{path} and true");
            default:
                return $"{path} {comparison} {literal}";
        }
    }

    private string MalformedFilter(EdmSchema.StructuredType type)
    {
        c.Tag("filter:malformed");
        var name = c.Pick(type.Properties).Name;
        return c.Rng.Next(16) switch
        {
            0 => $"{name} eq",
            1 => $"eq {name}",
            2 => $"({name} eq 1",
            3 => $"{name} eq 1))",
            4 => $"{name} eqq 1",
            5 => $"bogusfunction({name}) eq 1",
            6 => $"{name} eq 'unterminated",
            7 => "Bogus eq 1",
            8 => new string('(', 300) + $"{name} eq null" + new string(')', 300),
            9 => string.Join(" or ", Enumerable.Range(0, 600).Select(i => $"{name} eq {i}")),
            10 => "",
            11 => $"{name} eq @missing",
            12 => $"{name} eq 1 and",
            13 => $"{name}/any(x:x eq 1)",
            14 => string.Concat(Enumerable.Repeat("not ", 400)) + "true",
            _ => "\u0000\u202e" + name,
        };
    }

    public string OrderBy(EdmSchema.StructuredType type, string prefix)
    {
        var items = new List<string>();
        for (var i = c.Rng.Next(1, 4); i > 0; i--)
        {
            var property = c.Pick(type.Properties);
            var item = c.Rng.Next(12) switch
            {
                < 7 => prefix + property.Name,
                7 when type.Navigations.FirstOrDefault(n => !n.IsCollection) is { } single && c.Schema.Types.TryGetValue(single.TargetType, out var target)
                    => Tagged("orderby:navigation", $"{single.Name}/{c.Pick(target.Properties).Name}"),
                8 when type.Navigations.FirstOrDefault(n => n.IsCollection) is { } many => Tagged("orderby:nav-$count", $"{many.Name}/$count"),
                9 => Tagged("orderby:function", c.Pick($"length({property.Name})", $"round({property.Name})", $"year({property.Name})", $"tolower({property.Name})")),
                10 => Tagged("orderby:malformed", c.Pick("Bogus", $"{property.Name} asc desc", $"{property.Name},", "", "$it", "@x")),
                _ => prefix + property.Name,
            };
            items.Add(item + c.Pick("", " asc", " desc"));
        }
        return string.Join(',', items);
    }

    private string Tagged(string tag, string text)
    {
        c.Tag(tag);
        return text;
    }

    public string Select(EdmSchema.StructuredType type)
    {
        switch (c.Rng.Next(12))
        {
            case 0: return "*";
            case 1: c.Tag("select:malformed"); return c.Pick("Bogus", ",", "", $"{c.Ns}.*", $"{c.Ns}.Bogus", "Id,,Name", "$ref", "*/Bogus");
            case 2 when type.Navigations.Count > 0: c.Tag("select:navigation"); return c.Pick(type.Navigations).Name;
        }
        var chosen = type.Properties.Where(_ => c.Chance(0.3)).Select(p =>
            c.Schema.Types.TryGetValue(p.Type, out var complex) && complex.Properties.Count > 0 && c.Chance(0.4)
                ? Tagged("select:complex-path", p.Name + "/" + c.Pick(complex.Properties).Name)
                : p.Name).ToList();
        return chosen.Count == 0 ? c.Pick(type.Properties).Name : string.Join(',', chosen);
    }

    /// <summary>An $expand value, nested with options up to <see cref="MaxDepth"/>.</summary>
    public string Expand(EdmSchema.StructuredType type, int depth)
    {
        var roll = c.Rng.Next(100);
        if (roll < 8)
        {
            c.Tag("expand:*");
            return c.Pick("*", "*($levels=2)", "*($select=Id)", "*($expand=*)", "*($levels=max)");
        }
        if (roll < 13)
        {
            c.Tag("expand:*/$ref");
            return "*/$ref";
        }
        if (roll < 16 || type.Navigations.Count == 0)
        {
            c.Tag("expand:malformed");
            return c.Pick("Bogus", "", "Name", $"{(type.Navigations.Count > 0 ? type.Navigations[0].Name : "X")}(", $"{(type.Navigations.Count > 0 ? type.Navigations[0].Name : "X")}($top=)",
                "*,*", "$ref", $"{(type.Navigations.Count > 0 ? type.Navigations[0].Name : "X")}($levels=-1)");
        }
        var items = new List<string>();
        foreach (var navigation in type.Navigations.Where(_ => c.Chance(0.4)).DefaultIfEmpty(c.Pick(type.Navigations)))
        {
            var target = c.Schema.Types.GetValueOrDefault(navigation.TargetType);
            if (c.Chance(0.1))
            {
                c.Tag("expand:nav/$ref");
                items.Add(navigation.Name + "/$ref");
                continue;
            }
            if (navigation.IsCollection && c.Chance(0.05))
            {
                c.Tag("expand:nav/$count");
                items.Add(navigation.Name + "/$count");
                continue;
            }
            var options = new List<string>();
            if (target is not null && depth < MaxDepth)
            {
                if (c.Chance(0.25))
                {
                    options.Add("$select=" + Select(target));
                }
                if (c.Chance(0.25))
                {
                    c.Tag("expand:nested-filter");
                    options.Add("$filter=" + Filter(target, "", 1));
                }
                if (navigation.IsCollection && c.Chance(0.3))
                {
                    c.Tag("expand:nested-orderby");
                    options.Add("$orderby=" + OrderBy(target, ""));
                }
                if (navigation.IsCollection && c.Chance(0.3))
                {
                    c.Tag("expand:nested-top");
                    options.Add("$top=" + TopSkip());
                }
                if (navigation.IsCollection && c.Chance(0.15))
                {
                    c.Tag("expand:nested-skip");
                    options.Add("$skip=" + TopSkip());
                }
                if (navigation.IsCollection && c.Chance(0.1))
                {
                    options.Add("$count=true");
                }
                if (c.Chance(0.25))
                {
                    c.Tag("expand:nested-expand");
                    options.Add("$expand=" + Expand(target, depth + 1));
                }
                if (c.Chance(0.05))
                {
                    c.Tag("expand:levels");
                    options.Add("$levels=" + c.Pick("2", "max", "0", "100"));
                }
            }
            items.Add(options.Count == 0 ? navigation.Name : $"{navigation.Name}({string.Join(';', options)})");
        }
        return string.Join(',', items);
    }

    public string Apply(EdmSchema.StructuredType type)
    {
        var steps = new List<string>();
        for (var i = c.Rng.Next(1, 3); i > 0; i--)
        {
            var property = c.Pick(type.Properties);
            var other = c.Pick(type.Properties);
            steps.Add(c.Rng.Next(10) switch
            {
                0 => $"filter({Filter(type, "", 1)})",
                1 or 2 => $"groupby(({property.Name}))",
                3 => $"groupby(({property.Name},{other.Name}),aggregate($count as Count))",
                4 => $"aggregate({property.Name} with {c.Pick("sum", "average", "min", "max", "countdistinct", "bogus")} as Total)",
                5 => $"groupby(({property.Name}),aggregate({other.Name} with {c.Pick("sum", "average", "max")} as Total))",
                6 when type.Navigations.FirstOrDefault(n => !n.IsCollection) is { } single && c.Schema.Types.TryGetValue(single.TargetType, out var target)
                    => Tagged("apply:navigation", $"groupby(({single.Name}/{c.Pick(target.Properties).Name}))"),
                7 => $"compute({property.Name} mul 2 as Doubled)",
                8 => $"aggregate($count as Count)",
                _ => Tagged("apply:malformed", c.Pick("groupby(", "aggregate(Bogus with sum as X)", "concat(identity,identity)", "topcount(2,Id)", "groupby((Id)),aggregate(", "identity", "expand(Holder,filter(Name eq 'x'))", "orderby(Id)", "skip(1)/top(1)")),
            });
        }
        return string.Join('/', steps);
    }

    private (string Compute, string Alias) Compute(EdmSchema.StructuredType type)
    {
        var property = c.Pick(type.Properties);
        var expression = property.Type switch
        {
            "Edm.Decimal" or "Edm.Int32" or "Edm.Int64" or "Edm.Double" => c.Pick($"{property.Name} mul 2", $"{property.Name} div 0", $"round({property.Name})", $"{property.Name} add 1e400"),
            "Edm.String" => c.Pick($"length({property.Name})", $"concat({property.Name},'x')", $"tolower({property.Name})"),
            "Edm.Date" or "Edm.DateTimeOffset" => c.Pick($"year({property.Name})", $"{property.Name} add duration'P1D'"),
            _ => property.Name,
        };
        return c.Chance(0.1) ? ("Bogus as", "X") : ($"{expression} as Computed", "Computed");
    }

    public string Search() => c.Pick("沁源", "\"长治 银行\"", "forest AND water", "NOT bank", "a OR b", "\"unbalanced", "(", "AND", "", "😀", "a b c d e f", "x\" OR 1=1 --", new string('s', 3000), "%", "_", "*");

    /// <summary>A function call: an unbound function import or a function bound to an entity or a set.</summary>
    private string Function()
    {
        IReadOnlyList<EdmSchema.Operation> functions = c.Schema.Operations.Where(o => !o.IsAction).ToList();
        if (functions.Count == 0)
        {
            return "/odata";
        }
        var function = c.Pick(functions);
        c.Tag("function:" + function.Name);
        string path;
        if (function.BindingType is null)
        {
            path = "/odata/" + function.Name;
        }
        else
        {
            var set = c.Schema.SetFor(function.BindingType);
            if (set is null)
            {
                return "/odata";
            }
            path = "/odata/" + set.Name + (function.BoundToCollection ? "" : c.KeySegment(set)) + "/" + (c.Chance(0.85) ? c.Ns + "." : Tagged("function:no-namespace", "")) + function.Name;
        }
        var aliases = new List<string>();
        var arguments = new List<string>();
        foreach (var parameter in function.Parameters)
        {
            if (parameter.Optional && c.Chance(0.4) || c.Chance(0.04))
            {
                continue;
            }
            var value = ParameterLiteral(parameter);
            if (c.Chance(0.2))
            {
                c.Tag("function:alias");
                aliases.Add($"@{parameter.Name}={Escape(value)}");
                value = "@" + parameter.Name;
            }
            arguments.Add($"{parameter.Name}={Escape(value)}");
        }
        if (c.Chance(0.05))
        {
            c.Tag("function:extra-parameter");
            arguments.Add("bogus=1");
        }
        if (c.Chance(0.03))
        {
            c.Tag("function:duplicate-parameter");
            arguments.AddRange(arguments.Take(1));
        }
        var query = aliases.ToList();
        if (c.Chance(0.15))
        {
            query.Add(c.Pick("$select=Grade", "$top=1", "$filter=true", "$expand=*", "$format=json"));
        }
        return path + "(" + string.Join(',', arguments) + ")" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    private string ParameterLiteral(EdmSchema.Parameter parameter)
    {
        if (parameter.IsCollection)
        {
            c.Tag("function:collection-parameter");
            var values = Enumerable.Range(0, c.Chance(0.05) ? 500 : c.Rng.Next(0, 4))
                .Select(_ => parameter.Type == "Edm.String" ? FuzzContext.Str(c.KeysFor("AccountId") is { Count: > 0 } accounts ? c.Pick(accounts) : "x") : c.Literal(parameter.Type));
            return c.Chance(0.9) ? "[" + string.Join(',', values) + "]" : c.Pick("['a']", "[", "null", "'a'", "[1,[2]]", "{\"a\":1}");
        }
        if (parameter.Type == "Edm.Decimal" && c.Chance(0.3))
        {
            c.Tag("function:decimal-extreme");
            return c.Pick("1e400", "-1e400", "79228162514264337593543950336", "NaN", "INF", "-INF", "0", "-1", "1e-400", new string('9', 400));
        }
        if (parameter.Type == "Edm.String" && parameter.Name.Contains("grade", StringComparison.OrdinalIgnoreCase))
        {
            return c.Pick("'A'", "'B'", "'C'", "'D'", "'AAA'", "'Z'", "''", "null");
        }
        if (parameter.Name.Contains("region", StringComparison.OrdinalIgnoreCase))
        {
            return c.Pick("'140431'", "'140400'", "'140425'", "'999999'", "null", "'1404'");
        }
        return c.Literal(parameter.Type, parameter.Name);
    }
}
