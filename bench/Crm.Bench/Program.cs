using Crm.Bench;

// Benchmarks run on demand and print their figures; they are not part of the test suite.
//   dotnet run -c Release --project bench/Crm.Bench -- customers [customers=1000000] [purchases=5000000] [importRows=100000]
//   dotnet run -c Release --project bench/Crm.Bench -- sales [opportunities=200000] [tasks=1000000] [runs=200]
var suite = args.FirstOrDefault() ?? "customers";
var settings = args.Skip(1).Select(arg => arg.Split('=', 2)).Where(pair => pair.Length == 2)
    .ToDictionary(pair => pair[0], pair => int.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture));
switch (suite)
{
    case "customers":
        await CustomerBenchmark.RunAsync(
            settings.GetValueOrDefault("customers", 1_000_000), settings.GetValueOrDefault("purchases", 5_000_000),
            settings.GetValueOrDefault("importRows", 100_000));
        break;
    case "sales":
        await SalesBenchmark.RunAsync(settings.GetValueOrDefault("opportunities", 200_000), settings.GetValueOrDefault("tasks", 1_000_000),
            settings.GetValueOrDefault("runs", 200));
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{suite}'. Known: customers, sales.");
        return 2;
}

return 0;
