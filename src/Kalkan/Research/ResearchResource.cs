namespace Kalkan.Research;

/// <summary>Marker for the /research page's strings (ResearchResource.*.resx beside it). Keys are
/// the English text; the report itself carries its own (Kalkan.Stats.Reporting.ReportText).</summary>
public sealed class ResearchResource;
