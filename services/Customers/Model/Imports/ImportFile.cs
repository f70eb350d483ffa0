namespace Crm.Customers.Model.Imports;

/// <summary>The uploaded file, kept apart from its job so that updating the job's progress never drags the file along.</summary>
public class ImportFile
{
    public Guid JobId { get; set; }
    public required byte[] Content { get; set; }
}
