using Crm.Marketing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Marketing.Infrastructure.EntityConfigurations;

public sealed class EmailTemplateEntityTypeConfiguration : IEntityTypeConfiguration<EmailTemplate>
{
    public void Configure(EntityTypeBuilder<EmailTemplate> builder)
    {
        builder.ToTable("email_templates");
        builder.Property(template => template.Id).ValueGeneratedNever();
        builder.Property(template => template.Name).HasMaxLength(200);
        builder.Property(template => template.Subject).HasMaxLength(500);
        builder.Property(template => template.Version).IsRowVersion();
    }
}
