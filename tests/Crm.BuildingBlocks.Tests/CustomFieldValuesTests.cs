using System.Text.Json;
using Crm.BuildingBlocks.CustomFields;

namespace Crm.BuildingBlocks.Tests;

/// <summary>How custom values are checked, merged, read from spreadsheet cells and compared.</summary>
public sealed class CustomFieldValuesTests
{
    private static readonly CustomFieldDefinition Budget = new() { Key = "budget", Label = "Budget", Type = CustomFieldType.Number };
    private static readonly CustomFieldDefinition Renewal = new() { Key = "renewal", Label = "Renewal", Type = CustomFieldType.Date };
    private static readonly CustomFieldDefinition Plan = new() { Key = "plan", Label = "Plan", Type = CustomFieldType.SingleChoice, Options = ["Basic", "Pro"] };
    private static readonly CustomFieldDefinition Channels = new()
    {
        Key = "channels", Label = "Channels", Type = CustomFieldType.MultiChoice, Options = ["Email", "Phone", "Chat"],
    };

    private static readonly CustomFieldDefinition Contract = new() { Key = "contract", Label = "Contract no.", Type = CustomFieldType.Text, Required = true };

    private static readonly CustomFieldDefinition[] All = [Budget, Renewal, Plan, Channels, Contract];

    [Fact]
    public void Merging_sets_clears_and_keeps_values_and_requires_required_fields()
    {
        var current = JsonDocument.Parse("""{"budget": 10, "plan": "Basic", "contract": "C-1"}""");
        var errors = new Dictionary<string, string[]>();

        var merged = CustomFieldValues.Merge(All, current, Changes("""{"budget": 12.5, "plan": null, "channels": ["chat", "Email", "CHAT"]}"""), errors);

        errors.ShouldBeEmpty();
        merged.RootElement.GetRawText().ShouldBe("""{"budget":12.5,"channels":["Chat","Email"],"contract":"C-1"}""");

        var missingRequired = new Dictionary<string, string[]>();
        CustomFieldValues.Merge(All, CustomFieldValues.Empty(), Changes("""{"budget": 1}"""), missingRequired);
        missingRequired.Keys.ShouldBe(["customFields.contract"]);
        missingRequired["customFields.contract"].ShouldBe(["'Contract no.' is required."]);
    }

    [Fact]
    public void Values_of_the_wrong_type_or_outside_the_options_are_errors_named_by_key()
    {
        var errors = new Dictionary<string, string[]>();

        CustomFieldValues.Merge(All, JsonDocument.Parse("""{"contract": "C-1"}"""),
            Changes("""{"budget": "12", "renewal": "2027-02-30", "plan": "Gold", "channels": "Email", "colour": "red", "contract": "  "}"""), errors);

        errors.Keys.Order().ShouldBe(
            ["customFields.budget", "customFields.channels", "customFields.colour", "customFields.contract", "customFields.plan", "customFields.renewal"]);
        errors["customFields.budget"].ShouldBe(["'Budget' takes a number."]);
        errors["customFields.renewal"].ShouldBe(["'Renewal' takes a date written yyyy-MM-dd."]);
        errors["customFields.plan"].ShouldBe(["'Gold' is not an option of 'Plan'; use one of: Basic, Pro."]);
        errors["customFields.colour"].ShouldBe(["There is no custom field 'colour'."]);
    }

    [Theory]
    [InlineData("number", "1,250.75", "1250.75")]
    [InlineData("date", "2027-03-31", "\"2027-03-31\"")]
    [InlineData("date", "03/31/2027", "\"2027-03-31\"")]
    [InlineData("multi", "chat; email", "[\"Chat\",\"Email\"]")]
    [InlineData("single", " pro ", "\"Pro\"")]
    public void Spreadsheet_cells_become_values(string field, string cell, string json)
    {
        var definition = field switch { "number" => Budget, "date" => Renewal, "multi" => Channels, _ => Plan };

        var value = CustomFieldValues.FromText(definition, cell, out var error);

        error.ShouldBeNull();
        value!.Value.GetRawText().ShouldBe(json);
        CustomFieldValues.ToText(value.Value).ShouldBe(field switch
        {
            "number" => "1250.75",
            "date" => "2027-03-31",
            "multi" => "Chat; Email",
            _ => "Pro",
        });
    }

    [Fact]
    public void Changes_list_each_key_whose_value_differs()
    {
        var before = JsonDocument.Parse("""{"budget": 10, "channels": ["Chat"], "plan": "Pro"}""");
        var after = JsonDocument.Parse("""{"budget": 10.0, "channels": ["Chat", "Email"], "renewal": "2027-01-01"}""");

        var changes = CustomFieldValues.Changes(before, after).Select(change => change.Key).ToList();

        changes.ShouldBe(["channels", "plan", "renewal"]);
    }

    [Fact]
    public void Filling_empty_keeps_the_primarys_values_and_adds_the_secondarys_missing_ones()
    {
        var filled = CustomFieldValues.FillEmpty(JsonDocument.Parse("""{"plan": "Pro"}"""), JsonDocument.Parse("""{"plan": "Basic", "budget": 5}"""));

        filled.RootElement.GetRawText().ShouldBe("""{"budget":5,"plan":"Pro"}""");
    }

    private static Dictionary<string, JsonElement> Changes(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.Clone());
}
