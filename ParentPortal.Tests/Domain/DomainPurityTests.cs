using System.Reflection;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Domain;

/// <summary>
/// Domain/ is plain C#: no EF Core, no ASP.NET Core, no clock. Every later feature relies on the rules
/// being pure, so the suite fails if one of them reaches out.
/// </summary>
public sealed class DomainPurityTests
{
    private static readonly string[] ForbiddenInSource =
    [
        "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "DateTime.Now", "DateTime.UtcNow", "DateTime.Today",
        "DateTimeOffset.Now", "DateTimeOffset.UtcNow", "TimeProvider", "ParentPortal.Data", "ParentPortal.Features",
    ];

    [Fact]
    public void DomainSource_UsesNoFrameworkDataOrClock()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "ParentPortal", "Domain"), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);

        var offences = from file in files
                       from line in File.ReadAllLines(file).Select((text, index) => (text, number: index + 1))
                       from word in ForbiddenInSource
                       where line.text.Contains(word, StringComparison.Ordinal)
                       select $"{Path.GetFileName(file)}:{line.number} uses {word}";

        Assert.Empty(offences);
    }

    [Fact]
    public void DomainTypes_ExposeOnlyBaseLibraryAndDomainTypes()
    {
        var domainTypes = typeof(ParentPortal.Domain.Calendar.WorkingDayCalendar).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("ParentPortal.Domain", StringComparison.Ordinal) == true)
            .ToList();

        var offences = from type in domainTypes
                       from member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                       from used in TypesIn(member)
                       where !IsAllowed(used)
                       select $"{type.Name}.{member.Name} uses {used.FullName}";

        Assert.Empty(offences.Distinct());
    }

    private static IEnumerable<Type> TypesIn(MemberInfo member) => member switch
    {
        MethodInfo method => [method.ReturnType, .. method.GetParameters().Select(p => p.ParameterType)],
        PropertyInfo property => [property.PropertyType],
        FieldInfo field => [field.FieldType],
        ConstructorInfo constructor => constructor.GetParameters().Select(p => p.ParameterType),
        _ => [],
    };

    private static bool IsAllowed(Type type)
    {
        if (type.IsGenericType && type.GetGenericArguments().Any(a => !IsAllowed(a)))
        {
            return false;
        }

        var element = type.HasElementType ? type.GetElementType()! : type;
        return element.IsGenericParameter
            || element.Namespace?.StartsWith("System", StringComparison.Ordinal) == true
            || element.Namespace?.StartsWith("ParentPortal.Domain", StringComparison.Ordinal) == true;
    }
}
