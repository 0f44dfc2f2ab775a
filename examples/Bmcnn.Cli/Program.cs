using Bmcnn.Cli;

HeapPages.Prepare();
return BmcnnApp.Run(args, Console.Out, Console.Error);
