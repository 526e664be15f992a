namespace Kalkan.Cases;

/// <summary>Marker for the case pages' strings (CasesResource.*.resx beside it). Keys are the English text, or a code ("status filed").</summary>
public sealed class CasesResource;
