namespace Kalkan.Research;

public static class ResearchServices
{
    /// <summary>The analysis is pure (Kalkan.Stats) and keeps no state: nothing to register yet.
    /// Kept so that Program.cs composes this feature like every other.</summary>
    public static IServiceCollection AddResearch(this IServiceCollection services) => services;
}
