using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ParentPortal.Tests.Architecture;

/// <summary>A use of one type by another in the compiled portal, and the method it happens in (when it is in a body).</summary>
public sealed record TypeUse(TypeDefinition User, TypeReference Used, MethodDefinition? In, Instruction? At);

/// <summary>
/// Reads the portal's compiled assembly (Mono.Cecil) and lists every type each type uses: base types, interfaces, fields,
/// signatures, attributes and every type, method and field its method bodies touch. The compiled code, not the source, so
/// a fully qualified name, a global using or a Razor component's generated code cannot hide a dependency.
/// </summary>
public static class CompiledReferences
{
    private static readonly Lazy<ModuleDefinition> Portal = new(() =>
        ModuleDefinition.ReadModule(typeof(Program).Assembly.Location, new ReaderParameters { ReadSymbols = false }));

    public static IEnumerable<TypeDefinition> PortalTypes => All(Portal.Value.Types);

    /// <summary>The namespace a type belongs to for these rules: nested types count as their outermost type; Razor's generated "__Blazor." helpers as the component's.</summary>
    public static string NamespaceOf(TypeReference type)
    {
        ArgumentNullException.ThrowIfNull(type);
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        var name = type.Namespace;
        return name.StartsWith("__Blazor.", StringComparison.Ordinal) ? name["__Blazor.".Length..] : name;
    }

    public static IEnumerable<TypeUse> UsesOf(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.BaseType is { } baseType)
        {
            foreach (var used in Expand(baseType))
            {
                yield return new(type, used, null, null);
            }
        }

        foreach (var used in type.Interfaces.SelectMany(i => Expand(i.InterfaceType))
            .Concat(type.Fields.SelectMany(f => Expand(f.FieldType)))
            .Concat(type.Properties.SelectMany(p => Expand(p.PropertyType)))
            .Concat(Attributes(type.CustomAttributes))
            .Concat(type.Fields.SelectMany(f => Attributes(f.CustomAttributes)))
            .Concat(type.Properties.SelectMany(p => Attributes(p.CustomAttributes))))
        {
            yield return new(type, used, null, null);
        }

        foreach (var method in type.Methods)
        {
            foreach (var used in Expand(method.ReturnType).Concat(method.Parameters.SelectMany(p => Expand(p.ParameterType))).Concat(Attributes(method.CustomAttributes)))
            {
                yield return new(type, used, method, null);
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                foreach (var used in Expand(variable.VariableType))
                {
                    yield return new(type, used, method, null);
                }
            }

            foreach (var instruction in method.Body.Instructions)
            {
                foreach (var used in Operand(instruction.Operand))
                {
                    yield return new(type, used, method, instruction);
                }
            }
        }
    }

    private static IEnumerable<TypeDefinition> All(IEnumerable<TypeDefinition> types) =>
        types.SelectMany(t => new[] { t }.Concat(All(t.NestedTypes)));

    private static IEnumerable<TypeReference> Operand(object? operand) => operand switch
    {
        TypeReference type => Expand(type),
        MethodReference method => Expand(method.DeclaringType)
            .Concat(Expand(method.ReturnType))
            .Concat(method.Parameters.SelectMany(p => Expand(p.ParameterType)))
            .Concat(method is GenericInstanceMethod generic ? generic.GenericArguments.SelectMany(Expand) : []),
        FieldReference field => Expand(field.DeclaringType).Concat(Expand(field.FieldType)),
        _ => [],
    };

    private static IEnumerable<TypeReference> Attributes(IEnumerable<CustomAttribute> attributes) =>
        attributes.SelectMany(a => Expand(a.AttributeType).Concat(a.ConstructorArguments.SelectMany(arg => arg.Value is TypeReference t ? Expand(t) : [])));

    /// <summary>A type and what it is made of: the element of an array or pointer, the arguments of a generic.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference? type)
    {
        switch (type)
        {
            case null:
            case GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (var part in Expand(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Expand)))
                {
                    yield return part;
                }

                yield break;
            case TypeSpecification specification:
                foreach (var part in Expand(specification.ElementType))
                {
                    yield return part;
                }

                yield break;
            default:
                yield return type;
                break;
        }
    }
}
