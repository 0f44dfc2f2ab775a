using Bmcnn.Cli;

return BmcnnApp.Run(args, Console.Out, Console.Error);
