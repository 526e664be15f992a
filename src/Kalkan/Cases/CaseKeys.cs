namespace Kalkan.Cases;

/// <summary>
/// The one place cases seal and index who is behind them and who handles them. Every index is a
/// keyed HMAC (BlindIndex) of a registry or member id, never of the name typed.
/// </summary>
public sealed class CaseKeys(FieldCipher cipher, BlindIndex blind)
{
    public byte[] WatchIndexOf(Guid pseudonym) => blind.Compute(CasePerson.Table, CasePerson.PseudonymColumn, pseudonym.ToString("N"));
    public byte[] WatchedMemberIndexOf(Guid member) => blind.Compute(CasePerson.Table, CasePerson.MemberColumn, member.ToString("N"));
    public byte[] AssigneeIndexOf(Guid member) => blind.Compute(CaseAssignee.Table, CaseAssignee.MemberColumn, member.ToString("N"));
    public byte[] SourceKeyOf(string reason, Guid source) => blind.Compute(CaseWarning.Table, CaseWarning.SourceColumn, $"{reason}:{source:N}");

    public byte[] SealId(string table, string column, Guid row, Guid id) => cipher.Encrypt(id.ToByteArray(), new FieldRef(table, column, row));
    public Guid OpenId(string table, string column, Guid row, byte[] sealedId) => new(cipher.Decrypt(sealedId, new FieldRef(table, column, row)));
    public byte[] Seal(string table, string column, Guid row, string text) => cipher.Encrypt(text, new FieldRef(table, column, row));
    public string? Open(string table, string column, Guid row, byte[]? sealedText) => sealedText is null ? null : cipher.DecryptString(sealedText, new FieldRef(table, column, row));

    /// <summary>Who handles a case, to be warned or reminded: one assignee changed on disk is left out (<see cref="SealedRows"/>), and the others still hear.</summary>
    public List<Guid> AssigneesOf(IEnumerable<CaseAssignee> rows, ILogger log) =>
        SealedRows.OpenEach(rows, a => OpenId(CaseAssignee.Table, CaseAssignee.MemberColumn, a.Id, a.MemberSealed), log, "case assignees");
}
