namespace Kalkan.Incidents;

/// <summary>Marker for the incident pages' strings (IncidentsResource.*.resx beside it). Keys are the English text.</summary>
public sealed class IncidentsResource;
