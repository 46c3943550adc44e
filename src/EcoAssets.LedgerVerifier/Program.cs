using EcoAssets.LedgerVerifier;

// dotnet run --project src/EcoAssets.LedgerVerifier -- --help
return VerifierCommand.Run(args, Console.Out, Console.Error);
