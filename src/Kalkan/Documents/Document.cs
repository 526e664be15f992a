namespace Kalkan.Documents;

/// <summary>
/// A printable document as a titled list of sections: what an incident dossier is today and a
/// case dossier will be tomorrow. It holds text only; <see cref="DocumentHtml"/> escapes every word
/// of it, so a narrative can never become markup.
/// </summary>
public sealed record Document(string Title, string Language, IReadOnlyList<Section> Sections)
{
    /// <summary>A line under the title (what the document is, when it was made).</summary>
    public string? Subtitle { get; init; }

    /// <summary>A note printed at the end of the document (its provenance, how to check it).</summary>
    public string? Footer { get; init; }
}

public sealed record Section(string Heading, IReadOnlyList<Block> Blocks);

/// <summary>One piece of a section: a paragraph, a list of facts, a table or a subheading.</summary>
public abstract record Block;

public sealed record Paragraph(string Text) : Block;

public sealed record Subheading(string Text) : Block;

/// <summary>Terms and their values; a <see cref="Fact.Code"/> value (a hash, an id) is set in a fixed-width face that breaks anywhere.</summary>
public sealed record Facts(IReadOnlyList<Fact> Items) : Block;

public sealed record Fact(string Term, string Value, bool Code = false);

/// <summary>A table; the columns named in <see cref="CodeColumns"/> hold hashes or ids.</summary>
public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : Block
{
    public IReadOnlySet<int> CodeColumns { get; init; } = new HashSet<int>();
}
