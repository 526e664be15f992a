using Kalkan.Bench;

// `dotnet run -c Release --project bench/Kalkan.Bench -- MODE [options]`; each mode prints the
// figures that bench/README.md records.
return args.FirstOrDefault() switch
{
    "research" => await ResearchBench.RunAsync(args[1..]),
    "health" => await ServerBench.RunAsync(args[1..]),
    "bare-server" => await BareServer.RunAsync(args[1..]),
    "signin" => await SignInBench.RunAsync(args[1..]),
    "fanout" => await FanoutBench.RunAsync(args[1..]),
    "fanout-instances" => await InstancesFanoutBench.RunAsync(args[1..]),
    "ingest" => await IngestBench.RunAsync(args[1..]),
    "timers" => await TimerBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Kalkan.Bench research [--respondents N] [--runs N] [--keep] [--no-r]");
    Console.Error.WriteLine("       Kalkan.Bench health [path/to/kalkan.dll]");
    Console.Error.WriteLine("       Kalkan.Bench signin [path/to/kalkan.dll]");
    Console.Error.WriteLine("       Kalkan.Bench fanout [--subscribers N] [--gcdump DIR] [path/to/kalkan.dll]   (ulimit -n 20000 first)");
    Console.Error.WriteLine("       Kalkan.Bench fanout-instances --db 'Host=...;Port=...;Username=...' [--subscribers N] [path/to/kalkan.dll]");
    Console.Error.WriteLine("       Kalkan.Bench ingest [--db 'Host=...;Username=...'] [path/to/kalkan.dll]");
    Console.Error.WriteLine("       Kalkan.Bench timers [path/to/kalkan.dll]");
    return 2;
}
