using Mono.Cecil;
using Mono.Cecil.Cil;
using ParentPortal.Data.Entities;

namespace ParentPortal.Tests.Architecture;

/// <summary>
/// The case has one home: only Platform/Cases (CaseFile) moves a case's stage and writes its history, so every move is
/// checked against the workflow, recorded once and audited once, whoever makes it.
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

    private static bool SetsStage(Instruction instruction) =>
        instruction.OpCode.Code is Code.Call or Code.Callvirt && instruction.Operand is MethodReference { Name: "set_Stage" } method
        && method.DeclaringType.FullName == typeof(Application).FullName;

    private static bool CreatesHistory(Instruction instruction) =>
        instruction.OpCode.Code == Code.Newobj && instruction.Operand is MethodReference method && method.DeclaringType.FullName == typeof(CaseEvent).FullName;
}
