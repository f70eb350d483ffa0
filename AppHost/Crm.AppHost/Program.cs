using Crm.AppHost;
using Crm.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

CrmTopology.Define(builder);

return await AppHostRunner.RunAsync(builder);
