using System.Text.Json;
using Crm.Customers.Model.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Customers.Infrastructure.EntityConfigurations;

public sealed class ImportJobEntityTypeConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("import_jobs");
        builder.Property(job => job.FileName).HasMaxLength(260);
        builder.Property(job => job.Mode).HasConversion<string>().HasMaxLength(20);
        builder.Property(job => job.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(job => job.MatchOn).HasColumnType("text[]");
        builder.Property(job => job.Columns).HasColumnType("jsonb").HasConversion(
            columns => JsonSerializer.Serialize(columns, JsonSerializerOptions.Web),
            json => JsonSerializer.Deserialize<Dictionary<int, ImportField>>(json, JsonSerializerOptions.Web)!,
            new ValueComparer<Dictionary<int, ImportField>>(
                (a, b) => a!.Count == b!.Count && !a.Except(b).Any(), columns => columns.Count, columns => new(columns)));
        builder.Property(job => job.CustomColumns).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb").HasConversion(
            columns => JsonSerializer.Serialize(columns, JsonSerializerOptions.Web),
            json => JsonSerializer.Deserialize<Dictionary<int, string>>(json, JsonSerializerOptions.Web)!,
            new ValueComparer<Dictionary<int, string>>(
                (a, b) => a!.Count == b!.Count && !a.Except(b).Any(), columns => columns.Count, columns => new(columns)));
        builder.Property(job => job.CreatedByName).HasMaxLength(200);
        builder.Property(job => job.FailureReason).HasMaxLength(1000);
        builder.Property(job => job.LastError).HasMaxLength(1000);
        builder.Property(job => job.LeaseHolder).HasMaxLength(200);
        builder.Property(job => job.Version).IsRowVersion();
        builder.HasIndex(job => job.Status);
        builder.HasIndex(job => job.CreatedAt);
    }
}

public sealed class ImportFileEntityTypeConfiguration : IEntityTypeConfiguration<ImportFile>
{
    public void Configure(EntityTypeBuilder<ImportFile> builder)
    {
        builder.ToTable("import_files");
        builder.HasKey(file => file.JobId);
        builder.HasOne<ImportJob>().WithOne().HasForeignKey<ImportFile>(file => file.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ImportChangeEntityTypeConfiguration : IEntityTypeConfiguration<ImportChange>
{
    public void Configure(EntityTypeBuilder<ImportChange> builder)
    {
        builder.ToTable("import_changes");
        builder.Property(change => change.Before).HasColumnType("jsonb");
        builder.HasOne<ImportJob>().WithMany().HasForeignKey(change => change.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(change => new { change.JobId, change.Reverted, change.Id });
    }
}

public sealed class ImportRowErrorEntityTypeConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> builder)
    {
        builder.ToTable("import_row_errors");
        builder.Property(error => error.Column).HasMaxLength(200);
        builder.Property(error => error.Message).HasMaxLength(1000);
        builder.HasOne<ImportJob>().WithMany().HasForeignKey(error => error.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(error => new { error.JobId, error.Row });
    }
}
