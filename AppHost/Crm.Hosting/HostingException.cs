namespace Crm.Hosting;

/// <summary>A failure whose message already tells the user what to do, so an AppHost prints it without a stack trace.</summary>
public class HostingException(string message) : Exception(message);
