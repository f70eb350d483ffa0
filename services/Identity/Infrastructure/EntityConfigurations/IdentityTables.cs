using Crm.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Crm.Identity.Infrastructure.EntityConfigurations;

/// <summary>
/// The tables ASP.NET Core Identity's and OpenIddict's stores work on, with the same keys, unique indexes, lengths and
/// concurrency tokens their own base context would give them, named like every other table.
/// </summary>
public static class IdentityTables
{
    private const int NameLength = 256;
    private const int ProviderLength = 128;

    public static void ConfigureIdentityTables(this ModelBuilder builder)
    {
        builder.Entity<CrmUser>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.HasIndex(u => u.NormalizedUserName).HasDatabaseName("ix_users_normalized_user_name").IsUnique();
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ix_users_normalized_email");
            user.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
            user.Property(u => u.UserName).HasMaxLength(NameLength);
            user.Property(u => u.NormalizedUserName).HasMaxLength(NameLength);
            user.Property(u => u.Email).HasMaxLength(NameLength);
            user.Property(u => u.NormalizedEmail).HasMaxLength(NameLength);
            user.Property(u => u.PhoneNumber).HasMaxLength(NameLength);
            user.HasMany<IdentityUserClaim<Guid>>().WithOne().HasForeignKey(claim => claim.UserId).IsRequired();
            user.HasMany<IdentityUserLogin<Guid>>().WithOne().HasForeignKey(login => login.UserId).IsRequired();
            user.HasMany<IdentityUserToken<Guid>>().WithOne().HasForeignKey(token => token.UserId).IsRequired();
            user.HasMany<IdentityUserRole<Guid>>().WithOne().HasForeignKey(link => link.UserId).IsRequired();
        });
        builder.Entity<IdentityUserClaim<Guid>>(claim =>
        {
            claim.ToTable("user_claims");
            claim.HasKey(c => c.Id);
        });
        builder.Entity<IdentityUserLogin<Guid>>(login =>
        {
            login.ToTable("user_logins");
            login.HasKey(l => new { l.LoginProvider, l.ProviderKey });
            login.Property(l => l.LoginProvider).HasMaxLength(ProviderLength);
            login.Property(l => l.ProviderKey).HasMaxLength(ProviderLength);
        });
        builder.Entity<IdentityUserToken<Guid>>(token =>
        {
            token.ToTable("user_tokens");
            token.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
            token.Property(t => t.LoginProvider).HasMaxLength(ProviderLength);
            token.Property(t => t.Name).HasMaxLength(ProviderLength);
        });
        builder.Entity<IdentityRole<Guid>>(role =>
        {
            role.ToTable("roles");
            role.HasKey(r => r.Id);
            role.HasIndex(r => r.NormalizedName).HasDatabaseName("ix_roles_normalized_name").IsUnique();
            role.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
            role.Property(r => r.Name).HasMaxLength(NameLength);
            role.Property(r => r.NormalizedName).HasMaxLength(NameLength);
            role.HasMany<IdentityUserRole<Guid>>().WithOne().HasForeignKey(link => link.RoleId).IsRequired();
            role.HasMany<IdentityRoleClaim<Guid>>().WithOne().HasForeignKey(claim => claim.RoleId).IsRequired();
        });
        builder.Entity<IdentityRoleClaim<Guid>>(claim =>
        {
            claim.ToTable("role_claims");
            claim.HasKey(c => c.Id);
        });
        builder.Entity<IdentityUserRole<Guid>>(link =>
        {
            link.ToTable("user_roles");
            link.HasKey(l => new { l.UserId, l.RoleId });
        });
    }

    public static void RenameOpenIddictTables(this ModelBuilder builder)
    {
        builder.Entity<OpenIddictEntityFrameworkCoreApplication>().ToTable("openiddict_applications");
        builder.Entity<OpenIddictEntityFrameworkCoreAuthorization>().ToTable("openiddict_authorizations");
        builder.Entity<OpenIddictEntityFrameworkCoreScope>().ToTable("openiddict_scopes");
        builder.Entity<OpenIddictEntityFrameworkCoreToken>().ToTable("openiddict_tokens");
    }
}
