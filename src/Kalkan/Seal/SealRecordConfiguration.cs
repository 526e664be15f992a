namespace Kalkan.Seal;

sealed class SealRecordConfiguration : IEntityTypeConfiguration<SealRecord>
{
    public void Configure(EntityTypeBuilder<SealRecord> seal)
    {
        seal.ToTable("seal");
        seal.HasKey(s => s.Id);
        seal.Property(s => s.Id).ValueGeneratedNever();
        seal.Ignore(s => s.Cost);
    }
}
