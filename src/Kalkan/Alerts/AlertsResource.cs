namespace Kalkan.Alerts;

/// <summary>Marker for the alert pages' strings (AlertsResource.*.resx beside it). Keys are the English text.</summary>
public sealed class AlertsResource;
