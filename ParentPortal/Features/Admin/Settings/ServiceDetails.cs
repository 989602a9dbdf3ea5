using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Settings;
using static ParentPortal.Domain.Text.ContactText;
using static ParentPortal.Features.Admin.Settings.SettingsValidation;

namespace ParentPortal.Features.Admin.Settings;

public sealed class ServiceDetailsForm
{
    public string? Name { get; set; }

    public string? HelplinePhone { get; set; }

    public string? HelplineHours { get; set; }

    public string? ContactEmail { get; set; }

    public string? AdvocacyName { get; set; }

    public string? AdvocacyEmail { get; set; }

    public string? AdvocacyPhone { get; set; }
}

/// <summary>The service's name, helpline and contact address, shown in every page's header and footer; and the advocacy service families are referred to.</summary>
public sealed class ServiceDetailsHandler(IDbContextFactory<PortalDbContext> contextFactory, ServiceDirectory directory, TimeProvider clock)
{
    public async Task<ServiceDetailsForm?> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.AsNoTracking().OrderBy(o => o.Id).FirstAsync(cancellationToken);
        return new ServiceDetailsForm
        {
            Name = organisation.Name,
            HelplinePhone = organisation.HelplinePhone,
            HelplineHours = organisation.HelplineHours,
            ContactEmail = organisation.ContactEmail,
            AdvocacyName = organisation.AdvocacyServiceName,
            AdvocacyEmail = organisation.AdvocacyServiceEmail,
            AdvocacyPhone = organisation.AdvocacyServicePhone,
        };
    }

    public async Task<SettingsResult> SaveAsync(ClaimsPrincipal user, ServiceDetailsForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return SettingsResult.Refused();
        }

        var errors = new List<FieldError>();
        var name = Required(errors, "name", form.Name, 200, "Enter the name of the service", "The name");
        var phone = Required(errors, "phone", form.HelplinePhone, 40, "Enter the helpline phone number", "The phone number");
        if (phone.Length is > 0 and <= 40 && !IsPhoneNumber(phone))
        {
            errors.Add(new("phone", PhoneFormatMessage("the helpline phone number")));
        }

        var hours = Required(errors, "hours", form.HelplineHours, 200, "Enter when the helpline is open", "The opening hours");
        var email = Required(errors, "email", form.ContactEmail, 320, "Enter the contact email address", "The email address");
        if (email.Length is > 0 and <= 320 && !IsEmailAddress(email))
        {
            errors.Add(new("email", EmailFormatMessage));
        }

        // The advocacy service for minority ethnic families (seed 000) is optional; with an e-mail address, the portal refers
        // the families who ask for it as soon as they apply.
        var advocacyName = Optional(errors, "advocacy-name", form.AdvocacyName, 200, "The advocacy service's name");
        var advocacyEmail = Optional(errors, "advocacy-email", form.AdvocacyEmail, 320, "The advocacy service's email address");
        if (advocacyEmail is { Length: <= 320 } && !IsEmailAddress(advocacyEmail))
        {
            errors.Add(new("advocacy-email", EmailFormatMessage));
        }

        var advocacyPhone = Optional(errors, "advocacy-phone", form.AdvocacyPhone, 40, "The advocacy service's phone number");
        if (advocacyPhone is { Length: <= 40 } && !IsPhoneNumber(advocacyPhone))
        {
            errors.Add(new("advocacy-phone", PhoneFormatMessage("the advocacy service's phone number")));
        }

        if (advocacyName is null && (advocacyEmail ?? advocacyPhone) is not null)
        {
            errors.Add(new("advocacy-name", "Enter the advocacy service's name, or clear its email address and phone number"));
        }

        if (errors.Count > 0)
        {
            return SettingsResult.Invalid(errors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.OrderBy(o => o.Id).FirstAsync(cancellationToken);
        var changed = new List<string>();
        if (organisation.Name != name)
        {
            changed.Add("name");
        }

        if (organisation.HelplinePhone != phone)
        {
            changed.Add("helpline-phone");
        }

        if (organisation.HelplineHours != hours)
        {
            changed.Add("helpline-hours");
        }

        if (organisation.ContactEmail != email)
        {
            changed.Add("contact-email");
        }

        if ((organisation.AdvocacyServiceName, organisation.AdvocacyServiceEmail, organisation.AdvocacyServicePhone) != (advocacyName, advocacyEmail, advocacyPhone))
        {
            changed.Add("advocacy-service");
        }

        if (changed.Count == 0)
        {
            return SettingsResult.Saved(organisation.Id, "Nothing had changed.");
        }

        organisation.Name = name;
        organisation.HelplinePhone = phone;
        organisation.HelplineHours = hours;
        organisation.ContactEmail = email;
        organisation.AdvocacyServiceName = advocacyName;
        organisation.AdvocacyServiceEmail = advocacyEmail;
        organisation.AdvocacyServicePhone = advocacyPhone;
        db.AuditEntries.Add(SettingsAccess.Audit(user, clock.GetUtcNow(), "service-details-changed", "organisation", organisation.Id, "changed: " + string.Join(",", changed)));
        await db.SaveChangesAsync(cancellationToken);
        directory.Invalidate();
        return SettingsResult.Saved(organisation.Id, "Service details saved. Every page shows them now.");
    }
}
