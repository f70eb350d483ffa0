using Crm.Bench;

// Benchmarks run on demand and print their figures; they are not part of the test suite.
//   dotnet run -c Release --project bench/Crm.Bench -- customers [customers=1000000] [purchases=5000000] [importRows=100000] [reuse=0|1] [importOnly=0|1]
//   dotnet run -c Release --project bench/Crm.Bench -- support [tickets=500000] [open=50000] [breaches=1000]
//   dotnet run -c Release --project bench/Crm.Bench -- marketing-segments [contacts=1000000] [behaviours=3000000] [segments=20] [changes=500]
//   dotnet run -c Release --project bench/Crm.Bench -- marketing-send [recipients=100000] [blast=20000] [connections=4]
//   dotnet run -c Release --project bench/Crm.Bench -- sales [opportunities=200000] [tasks=1000000] [runs=200]
var suite = args.FirstOrDefault() ?? "customers";
var settings = args.Skip(1).Select(arg => arg.Split('=', 2)).Where(pair => pair.Length == 2)
    .ToDictionary(pair => pair[0], pair => int.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture));
switch (suite)
{
    case "customers":
        await CustomerBenchmark.RunAsync(
            settings.GetValueOrDefault("customers", 1_000_000), settings.GetValueOrDefault("purchases", 5_000_000),
            settings.GetValueOrDefault("importRows", 100_000), settings.GetValueOrDefault("reuse") == 1,
            settings.GetValueOrDefault("importOnly") == 1);
        break;
    case "support":
        await SupportBenchmark.RunAsync(
            settings.GetValueOrDefault("tickets", 500_000), settings.GetValueOrDefault("open", 50_000), settings.GetValueOrDefault("breaches", 1_000));
        break;
    case "marketing-segments":
        await MarketingSegmentsBenchmark.RunAsync(
            settings.GetValueOrDefault("contacts", 1_000_000), settings.GetValueOrDefault("behaviours", 3_000_000),
            settings.GetValueOrDefault("segments", 20), settings.GetValueOrDefault("changes", 500));
        break;
    case "marketing-send":
        await MarketingSendBenchmark.RunAsync(settings.GetValueOrDefault("recipients", 100_000), settings.GetValueOrDefault("blast", 20_000),
            settings.GetValueOrDefault("connections", 0));
        break;
    case "sales":
        await SalesBenchmark.RunAsync(settings.GetValueOrDefault("opportunities", 200_000), settings.GetValueOrDefault("tasks", 1_000_000),
            settings.GetValueOrDefault("runs", 200));
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{suite}'. Known: customers, sales, support, marketing-segments, marketing-send.");
        return 2;
}

return 0;
