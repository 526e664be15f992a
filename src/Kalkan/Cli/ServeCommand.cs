using System.CommandLine;

namespace Kalkan.Cli;

static class ServeCommand
{
    public static Command Create()
    {
        var data = KalkanCli.DataOption();
        var db = KalkanCli.DbOption();
        var files = KalkanCli.FilesOption();
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var serve = new Command("serve", "Serve Kalkan. Starts sealed unless KALKAN_UNSEAL_PASSPHRASE is set.") { data, db, files, urls };
        serve.SetAction((result, ct) =>
        {
            var settings = KalkanCli.StoreSettings(result.GetValue(data)!, result.GetValue(db), result.GetValue(files));
            settings.Add($"--urls={result.GetValue(urls)}");
            return Program.ServeAsync([.. settings]);
        });
        return serve;
    }
}
