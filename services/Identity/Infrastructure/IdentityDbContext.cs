using Crm.BuildingBlocks.Messaging;
using Crm.Identity.Infrastructure.EntityConfigurations;
using Crm.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Crm.Identity.Infrastructure;

/// <summary>
/// Users, roles and teams (ASP.NET Core Identity's entities), OpenIddict's clients and tokens, keys and the audit log.
/// A messaging context like every service's, so a user change and its <c>UserChanged</c> event commit together;
/// ASP.NET Core Identity's stores need only these sets, not its own base context.
/// </summary>
public class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : MessagingDbContext(options)
{
    public DbSet<CrmUser> Users => Set<CrmUser>();

    public DbSet<IdentityRole<Guid>> Roles => Set<IdentityRole<Guid>>();

    public DbSet<IdentityUserRole<Guid>> UserRoles => Set<IdentityUserRole<Guid>>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ConfigureIdentityTables();
        modelBuilder.UseOpenIddict();
        modelBuilder.RenameOpenIddictTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IdentityDbContext).Assembly);
    }
}
