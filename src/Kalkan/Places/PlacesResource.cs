namespace Kalkan.Places;

/// <summary>Marker for the safe-places strings (PlacesResource.*.resx beside it). Keys are the English text.</summary>
public sealed class PlacesResource;
