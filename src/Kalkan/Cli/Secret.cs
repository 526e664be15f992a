namespace Kalkan.Cli;

public static class Secret
{
    /// <summary>From the environment variable when set; else asked for on the terminal without echo.</summary>
    public static string Ask(string variable, string prompt)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment) return fromEnvironment;
        Console.Error.Write(prompt);
        if (Console.IsInputRedirected) return Console.In.ReadLine() ?? "";
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }
}
