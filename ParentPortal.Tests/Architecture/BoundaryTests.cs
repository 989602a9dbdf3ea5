namespace ParentPortal.Tests.Architecture;

/// <summary>
/// The portal's parts and the rules between them (docs/architecture.md), checked on the compiled code:
/// <list type="bullet">
/// <item>Domain uses nothing of the portal but Domain (DomainPurityTests also keeps EF, ASP.NET and the clock out);</item>
/// <item>Data uses Domain only;</item>
/// <item>Platform uses Domain and Data, never a feature or the shared UI;</item>
/// <item>Components (the layout and cross-feature UI) use Platform, Data and Domain, never a feature;</item>
/// <item>a feature uses Platform, Components, Data, Domain and itself: never another feature. Features meet on a case's
/// pages through the panels they register (CasePanels), and link to each other's pages by address.</item>
/// </list>
/// Only the composition root (Program, WebSetup) puts features together.
/// </summary>
public sealed class BoundaryTests
{
    [Fact]
    public void EveryPartOfThePortal_UsesOnlyThePartsItMay()
    {
        var offences = (from type in CompiledReferences.PortalTypes
                        let user = Part.Of(CompiledReferences.NamespaceOf(type))
                        where user is not null
                        from use in CompiledReferences.UsesOf(type)
                        let used = Part.Of(CompiledReferences.NamespaceOf(use.Used))
                        where used is not null && !user.MayUse(used)
                        select $"{user} uses {used}: {type.FullName}{(use.In is null ? "" : "." + use.In.Name)} -> {use.Used.FullName}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offences.Count == 0, "Boundary rules broken (see docs/architecture.md):\n" + string.Join('\n', offences.Take(60)));
    }

    [Fact]
    public void TheRules_CatchAFeatureUsingAnotherFeature_AndThePlatformUsingAFeature()
    {
        // The rule itself, on names: if these did not hold, the test above could pass over a real offence.
        Assert.False(Part.Of("ParentPortal.Features.Cases.Staff")!.MayUse(Part.Of("ParentPortal.Features.Documents")!));
        Assert.False(Part.Of("ParentPortal.Platform.Cases")!.MayUse(Part.Of("ParentPortal.Features.Cases")!));
        Assert.False(Part.Of("ParentPortal.Platform.Access")!.MayUse(Part.Of("ParentPortal.Components.Shared")!));
        Assert.False(Part.Of("ParentPortal.Data.Entities")!.MayUse(Part.Of("ParentPortal.Platform.Cases")!));
        Assert.False(Part.Of("ParentPortal.Components.Layout")!.MayUse(Part.Of("ParentPortal.Features.Home")!));
        Assert.True(Part.Of("ParentPortal.Features.Cases.Staff")!.MayUse(Part.Of("ParentPortal.Features.Cases")!));
        Assert.True(Part.Of("ParentPortal.Features.Documents.Pages")!.MayUse(Part.Of("ParentPortal.Platform.Cases")!));
        Assert.True(Part.Of("ParentPortal")!.MayUse(Part.Of("ParentPortal.Features.Apply")!));
    }

    [Fact]
    public void TheFeatureFolders_AreTheJourneysPeopleTake()
    {
        var features = CompiledReferences.PortalTypes.Select(t => Part.Of(CompiledReferences.NamespaceOf(t))).OfType<Part>()
            .Where(p => p.Layer == Layer.Feature).Select(p => p.Feature!).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["Admin", "Advisers", "Apply", "Booking", "Cases", "Deadlines", "Documents", "Home", "Reports"], features);
    }

    public enum Layer
    {
        Domain,
        Data,
        Platform,
        Components,
        Feature,
        Root,
    }

    public sealed record Part(Layer Layer, string? Feature)
    {
        /// <summary>The part a namespace belongs to; null for anything that is not the portal's (the framework, packages).</summary>
        public static Part? Of(string ns)
        {
            var parts = ns.Split('.');
            if (parts[0] != "ParentPortal" || (parts.Length > 1 && parts[1] == "Tests"))
            {
                return null;
            }

            return parts.Length == 1 ? new(Layer.Root, null) : parts[1] switch
            {
                "Domain" => new(Layer.Domain, null),
                "Data" => new(Layer.Data, null),
                "Platform" => new(Layer.Platform, null),
                "Components" => new(Layer.Components, null),
                "Features" when parts.Length > 2 => new(Layer.Feature, parts[2]),
                _ => new(Layer.Root, null),
            };
        }

        public bool MayUse(Part other) => Layer switch
        {
            Layer.Root => true,
            Layer.Domain => other.Layer == Layer.Domain,
            Layer.Data => other.Layer is Layer.Domain or Layer.Data,
            Layer.Platform => other.Layer is Layer.Domain or Layer.Data or Layer.Platform,
            Layer.Components => other.Layer is Layer.Domain or Layer.Data or Layer.Platform or Layer.Components,
            Layer.Feature => other.Layer is Layer.Domain or Layer.Data or Layer.Platform or Layer.Components || (other.Layer == Layer.Feature && other.Feature == Feature),
            _ => false,
        };

        public override string ToString() => Feature is null ? Layer.ToString() : $"Feature {Feature}";
    }
}
