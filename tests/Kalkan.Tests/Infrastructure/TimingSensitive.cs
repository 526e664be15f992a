namespace Kalkan.Tests.Infrastructure;

/// <summary>Tests that measure time (a restart within seconds, two timings compared) or the process's own heap run alone, not beside the rest of the suite on two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive";
}
