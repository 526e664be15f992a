namespace Kalkan.Warnings;

/// <summary>Marker for the warning pages' strings (WarningsResource.*.resx beside it). Keys are the English text.</summary>
public sealed class WarningsResource;
