using Mono.Cecil;
using Mono.Cecil.Cil;
using ParentPortal.Data.Entities;

namespace ParentPortal.Tests.Architecture;

/// <summary>
/// The case has one home: only Platform/Cases (CaseFile) moves a case's stage, changes the family's consent to share (and
/// what the local authority may see) and writes its history, so every change is checked, recorded once and audited once,
/// whoever makes it.
/// </summary>
public sealed class CaseBoundaryTests
{
    private const string CaseHome = "ParentPortal.Platform.Cases";

    [Fact]
    public void OnlyTheCaseFile_SetsACaseStage_OrWritesItsHistory()
    {
        var offences = (from type in CompiledReferences.PortalTypes
                        where CompiledReferences.NamespaceOf(type) != CaseHome
                        from use in CompiledReferences.UsesOf(type)
                        where use.At is { } instruction && (SetsStage(instruction) || CreatesHistory(instruction))
                        select $"{type.FullName}.{use.In!.Name}: {use.At}")
            .Distinct()
            .ToList();

        Assert.True(offences.Count == 0, "Changed a case outside Platform/Cases:\n" + string.Join('\n', offences));
    }

    [Fact]
    public void TheCheck_SeesAStageBeingSet()
    {
        // The case file itself sets the stage: the check must find that, or it finds nothing anywhere.
        var found = from type in CompiledReferences.PortalTypes
                    where CompiledReferences.NamespaceOf(type) == CaseHome
                    from use in CompiledReferences.UsesOf(type)
                    where use.At is { } instruction && SetsStage(instruction)
                    select use;

        Assert.NotEmpty(found);
    }

    /// <summary>
    /// The stage, the family's consent with what it lets the local authority see, and the family's supporters (the advocacy
    /// referral and the Independent Parental Supporter, whose setting sends e-mails) (issue 13): set only in the case's home.
    /// </summary>
    private static readonly HashSet<string> CaseStateSetters =
    [
        "set_Stage", "set_ConsentContactSchool", "set_ConsentContactLocalAuthority", "set_ConsentShare", "set_AskFirstAgreed", "set_LocalAuthorityView",
        "set_AdvocacyReferredOn", "set_AdvocacyReferredHow", "set_IndependentSupporterId", "set_IpsAssignedOn",
    ];

    private static bool SetsStage(Instruction instruction) =>
        instruction.OpCode.Code is Code.Call or Code.Callvirt && instruction.Operand is MethodReference method && CaseStateSetters.Contains(method.Name)
        && method.DeclaringType.FullName == typeof(Application).FullName;

    private static bool CreatesHistory(Instruction instruction) =>
        instruction.OpCode.Code == Code.Newobj && instruction.Operand is MethodReference method && method.DeclaringType.FullName == typeof(CaseEvent).FullName;
}
